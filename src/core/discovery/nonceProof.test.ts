import type { Hex } from 'viem'
import { describe, expect, it } from 'vitest'

import type { DecodedMessage } from '../protocol/decode'
import { NonceProof } from './nonceProof'

/** A SentMessage as the scan decodes it, at a block; only the nonce and block matter to the proof. */
function sent(nonce: bigint, blockNumber: bigint): DecodedMessage {
  return {
    nonce,
    initiatingLog: { blockNumber, blockHash: '0x01' as Hex, logIndex: 0, transactionHash: '0x02' as Hex },
  } as DecodedMessage
}

describe('the nonce proof of an account scan', () => {
  it('moves through the nonces seen in order, and stops at the first one missing', () => {
    const proof = new NonceProof({ nextNonce: 3n, nonceFloorBlock: 10n })
    proof.see([sent(3n, 11n), sent(4n, 12n), sent(6n, 15n)])
    expect(proof.current()).toEqual({ nextNonce: 5n, nonceFloorBlock: 12n })
    // The hole filled (a later range, or the look-up by nonce): it moves through what it had seen past it.
    proof.see([sent(5n, 13n)])
    expect(proof.current()).toEqual({ nextNonce: 7n, nonceFloorBlock: 15n })
  })

  it('ignores the version bits and resends of old nonces', () => {
    const version = 1n << 240n
    const proof = new NonceProof({ nextNonce: 2n, nonceFloorBlock: 5n })
    proof.see([sent(version | 2n, 6n), sent(0n, 7n), sent(version | 3n, 8n)])
    expect(proof.current()).toEqual({ nextNonce: 4n, nonceFloorBlock: 8n })
  })

  it('with nothing proven (no state that old on the node), starts at the lowest nonce seen', () => {
    const proof = new NonceProof({})
    proof.see([])
    expect(proof.current()).toEqual({})
    proof.see([sent(9n, 40n), sent(8n, 30n)])
    expect(proof.current()).toEqual({ nextNonce: 10n, nonceFloorBlock: 40n })
  })
})
