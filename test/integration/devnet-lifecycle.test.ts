/** --autorelay, readiness and shutdown: the parts of the devnet a user meets first. */
import { execFileSync } from 'node:child_process'

import { getCrossDomainMessages } from '@eth-optimism/viem/actions/interop'
import { parseEventLogs } from 'viem'
import { describe, expect, it } from 'vitest'

import { startDevnet } from '../../devnet'
import { l2ToL2CrossDomainMessengerAbi } from '../../src/core/protocol/abis'
import { L2_TO_L2_CROSS_DOMAIN_MESSENGER } from '../../src/core/protocol/addresses'
import { startTestDevnet } from '../fixtures/devnet'

function anvilsListeningOn(url: string): number {
  const port = new URL(url).port
  const out = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
  return out.split('\n').filter((line) => line.includes('anvil') && line.includes(`--port ${port}`)).length
}

describe('devnet lifecycle', () => {
  it('--autorelay relays a transfer within 2 destination blocks', async () => {
    const devnet = await startTestDevnet({ autorelay: true })
    try {
      const receipt = await devnet.sendMock()
      const [message] = await getCrossDomainMessages(devnet.publicClient(901), { logs: receipt.logs })
      const initiated = await devnet.publicClient(901).getBlock({ blockNumber: receipt.blockNumber })
      // The first destination block that may execute it has a later timestamp than the initiating block.
      const dest = devnet.publicClient(902)
      let relayLog
      for (let i = 0; i < 100 && !relayLog; i++) {
        const logs = await dest.getLogs({ address: L2_TO_L2_CROSS_DOMAIN_MESSENGER, fromBlock: 0n })
        relayLog = parseEventLogs({
          abi: l2ToL2CrossDomainMessengerAbi,
          eventName: 'RelayedMessage',
          logs,
        }).find((l) => l.args.messageNonce === message!.nonce)
        if (!relayLog) await new Promise((r) => setTimeout(r, 200))
      }
      expect(relayLog, 'the autorelayer never relayed the message').toBeDefined()
      const relayTx = await dest.getTransaction({ hash: relayLog!.transactionHash })
      expect(relayTx.from.toLowerCase()).toBe(devnet.autorelayerAddress!.toLowerCase())
      const relayBlock = await dest.getBlock({ blockNumber: relayLog!.blockNumber })
      // Blocks are 1 s apart in tests: relayed no later than the second block after the initiating timestamp.
      expect(Number(relayBlock.timestamp - initiated.timestamp)).toBeLessThanOrEqual(2)
    } finally {
      await devnet.stop()
    }
  })

  it('serves Supersim chain ids and leaves no anvil running after stop()', async () => {
    const devnet = await startDevnet({ freePorts: true, chains: 5, blockTime: 0 })
    expect(devnet.chains.map((c) => c.id)).toEqual([901, 902, 903, 904, 905])
    for (const c of devnet.chains) expect(anvilsListeningOn(c.anvilUrl)).toBe(1)
    await devnet.stop()
    for (const c of devnet.chains) {
      expect(anvilsListeningOn(c.anvilUrl)).toBe(0)
      await expect(fetch(c.rpcUrl, { method: 'POST', body: '{}' })).rejects.toThrow()
    }
  })

  it('refuses bad options with a clear error', async () => {
    await expect(startDevnet({ chains: 6 })).rejects.toThrow(/--chains must be an integer from 1 to 5, got 6/)
    await expect(startDevnet({ blockTime: -1 })).rejects.toThrow(/--block-time/)
  })
})
