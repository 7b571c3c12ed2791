import { encodeAccessList } from '@eth-optimism/viem/utils/interop'
import { maxUint64, type Hex } from 'viem'
import { describe, expect, it } from 'vitest'

import { CROSS_L2_INBOX, L2_TO_L2_CROSS_DOMAIN_MESSENGER } from '../src/core/protocol/addresses'
import {
  checksumOf,
  decodeInboxAccessList,
  inboxStorageKeys,
  MalformedInboxAccessListError,
} from './inboxAccessList'

const id = {
  origin: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
  blockNumber: 14n,
  logIndex: 2n,
  timestamp: 1_743_801_675n,
  chainId: 901n,
}
const payload: Hex = '0x1234'
const keysOf = (identifier: typeof id, p: Hex = payload) => encodeAccessList(identifier, p)[0]!.storageKeys

describe('decodeInboxAccessList', () => {
  it('reads back what encodeAccessList declares, chain-id extension included', () => {
    const big = { ...id, chainId: maxUint64 + 20n, blockNumber: maxUint64, logIndex: 2n ** 32n - 1n }
    const keys = [...keysOf(id), ...keysOf(big)]
    expect(decodeInboxAccessList(keys)).toEqual([
      {
        chainId: 901n,
        blockNumber: 14n,
        timestamp: id.timestamp,
        logIndex: 2n,
        checksum: keys[1],
        position: 0,
      },
      {
        chainId: big.chainId,
        blockNumber: maxUint64,
        timestamp: id.timestamp,
        logIndex: 2n ** 32n - 1n,
        checksum: keys[4],
        position: 2,
      },
    ])
  })

  it('refuses every sequence the spec does not allow', () => {
    const [lookup, checksum] = keysOf(id) as [Hex, Hex]
    const extension = keysOf({ ...id, chainId: maxUint64 + 1n })[1]!
    const bad: [string, Hex[], RegExp][] = [
      ['checksum first', [checksum, lookup], /checksum with no lookup entry before it/],
      ['lookup without checksum', [lookup], /not followed by its checksum/],
      ['two lookups', [lookup, lookup, checksum], /lookup entry #0 before it has no checksum/],
      ['extension alone', [extension, checksum], /does not directly follow a lookup/],
      ['two extensions', [lookup, extension, extension, checksum], /does not directly follow a lookup/],
      ['type 0', [lookup, `0x00${checksum.slice(4)}`, checksum], /type 0x00/],
      ['type 4', [`0x04${checksum.slice(4)}`], /type 0x04/],
      ['reserved lookup bytes', [`0x0101${lookup.slice(6)}` as Hex, checksum], /reserved bytes 1..4/],
      [
        'reserved extension bytes',
        [lookup, `0x0201${extension.slice(6)}` as Hex, checksum],
        /reserved bytes 1..8/,
      ],
      ['short key', [lookup, '0x03'], /not 32 bytes/],
    ]
    for (const [what, keys, message] of bad) {
      expect(() => decodeInboxAccessList(keys), what).toThrow(MalformedInboxAccessListError)
      expect(() => decodeInboxAccessList(keys), what).toThrow(message)
    }
  })
})

describe('inboxStorageKeys', () => {
  it('takes the keys of every CrossL2Inbox entry, in order, whatever the address case', () => {
    const keys = inboxStorageKeys([
      { address: CROSS_L2_INBOX.toLowerCase() as Hex, storageKeys: ['0x01' as Hex] },
      { address: L2_TO_L2_CROSS_DOMAIN_MESSENGER, storageKeys: ['0x02' as Hex] },
      { address: CROSS_L2_INBOX, storageKeys: ['0x03' as Hex] },
    ])
    expect(keys).toEqual(['0x01', '0x03'])
  })
})

describe('checksumOf', () => {
  it('is the checksum encodeAccessList puts last, and changes with the payload', () => {
    expect(checksumOf(id, id.origin, payload)).toBe(keysOf(id).at(-1))
    expect(checksumOf(id, id.origin, '0x1235')).not.toBe(keysOf(id).at(-1))
  })
})
