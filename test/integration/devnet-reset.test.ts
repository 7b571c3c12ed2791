/**
 * Chain resets, as a tracker meets them: the whole devnet restarted (Ctrl-C + `npm run devnet`), one chain down
 * while the others go on, one chain started afresh. Each case on its own devnet.
 */
import { getCrossDomainMessageStatus, getCrossDomainMessages } from '@eth-optimism/viem/actions/interop'
import { createPublicClient, http, type PublicClient } from 'viem'
import { describe, expect, it } from 'vitest'

import { startAnvil } from '../../devnet/anvil'
import { getFreePort } from '../../devnet/ports'
import { L2_TO_L2_CROSS_DOMAIN_MESSENGER } from '../../src/core/protocol/addresses'
import { startTestDevnet, type TestDevnet } from '../fixtures/devnet'

async function until<T>(what: string, read: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 150; i++) {
    const value = await read().catch(() => undefined)
    if (value !== undefined) return value
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`gave up waiting for ${what}`)
}

const genesis = (devnet: TestDevnet, id: number) => devnet.anvilClient(id).getBlock({ blockNumber: 0n })

const version = (client: PublicClient) =>
  client.readContract({
    address: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
    abi: [
      {
        type: 'function',
        name: 'version',
        inputs: [],
        outputs: [{ type: 'string' }],
        stateMutability: 'view',
      },
    ],
    functionName: 'version',
  })

describe('anvil', () => {
  it('gives the same genesis hash to two chains started with the same config and timestamp', async () => {
    // Why restart() moves the genesis timestamp: without it, a restart within the same second is indistinguishable.
    const start = async () =>
      startAnvil({
        chainId: 901,
        port: await getFreePort(),
        blockTime: 0,
        slotsInAnEpoch: 2,
        genesisTimestamp: 1_800_000_000n,
      })
    const [a, b] = await Promise.all([start(), start()])
    try {
      const hashOf = (url: string) =>
        createPublicClient({ transport: http(url) })
          .getBlock({ blockNumber: 0n })
          .then((block) => block.hash)
      expect(await hashOf(a.url)).toBe(await hashOf(b.url))
    } finally {
      await Promise.all([a.stop(), b.stop()])
    }
  })
})

describe('restart()', () => {
  it('starts fresh chains on the same URLs, each with a genesis the old chain never had', async () => {
    const devnet = await startTestDevnet({ blockTime: 0 })
    try {
      await devnet.sendMock()
      await devnet.sendMock()
      const before = await genesis(devnet, 901)
      const urls = devnet.chains.map((c) => [c.rpcUrl, c.anvilUrl])
      expect(
        await devnet.publicClient(901).getTransactionCount({ address: devnet.accounts[0].address }),
      ).toBe(2)

      // Twice in a row, quicker than a second: every genesis must still differ.
      await devnet.restart()
      const once = await genesis(devnet, 901)
      await devnet.restart()
      const twice = await genesis(devnet, 901)

      expect(devnet.chains.map((c) => [c.rpcUrl, c.anvilUrl])).toEqual(urls)
      expect(new Set([before.hash, once.hash, twice.hash]).size).toBe(3)
      expect(once.timestamp).toBeGreaterThan(before.timestamp)
      expect(twice.timestamp).toBeGreaterThan(once.timestamp)
      // Fresh state behind the same proxy: nonces from 0, predeploys installed again.
      expect(
        await devnet.publicClient(901).getTransactionCount({ address: devnet.accounts[0].address }),
      ).toBe(0)
      expect(await devnet.publicClient(901).getBlockNumber()).toBe(0n)
      expect(await version(devnet.publicClient(902))).toBe('1.3.0')
      const receipt = await devnet.sendMock()
      expect(receipt.status).toBe('success')
    } finally {
      await devnet.stop()
    }
  })
})

describe('stopChain() / startChain()', () => {
  it('takes one chain down while the other keeps mining, then brings it back as a new chain', async () => {
    const devnet = await startTestDevnet({ blockTime: 1 })
    try {
      await devnet.sendMock()
      const before = await genesis(devnet, 901)
      await devnet.stopChain(901)
      await expect(devnet.publicClient(901).getBlockNumber()).rejects.toThrow()
      const head902 = await devnet.publicClient(902).getBlockNumber()
      await until('chain 902 to mine while 901 is down', async () =>
        (await devnet.publicClient(902).getBlockNumber()) > head902 ? true : undefined,
      )

      await devnet.startChain(901)
      const after = await genesis(devnet, 901)
      expect(after.hash).not.toBe(before.hash)
      expect(
        await devnet.publicClient(901).getTransactionCount({ address: devnet.accounts[0].address }),
      ).toBe(0)
      expect((await devnet.sendMock()).status).toBe('success')
    } finally {
      await devnet.stop()
    }
  })

  it('--autorelay keeps relaying between the chains that are up, and after a restart', async () => {
    const devnet = await startTestDevnet({ chains: 3, blockTime: 1, autorelay: true })
    const relayed = async (receipt: Awaited<ReturnType<TestDevnet['sendMock']>>) => {
      const [message] = await getCrossDomainMessages(devnet.publicClient(901), { logs: receipt.logs })
      return until('the autorelayer to relay the message', async () =>
        (await getCrossDomainMessageStatus(devnet.publicClient(902), { message: message! })) === 'relayed'
          ? true
          : undefined,
      )
    }
    try {
      await devnet.stopChain(903)
      expect(await relayed(await devnet.sendMock())).toBe(true)

      // The old chains' heights are past the new message's block: a relayer that kept its cursors would skip it.
      await devnet.mine(901, 20)
      await devnet.restart()
      expect(await relayed(await devnet.sendMock())).toBe(true)
    } finally {
      await devnet.stop()
    }
  })
})

it('refuses relays of messages that were lost in a restart', async () => {
  const devnet = await startTestDevnet({ blockTime: 0 })
  try {
    const message = await devnet.executingMessage(await devnet.sendMock())
    await devnet.restart()
    // The new chain has a block at that height again, but not that log.
    await devnet.mine(901, 3)
    await devnet.increaseTime(902, 2)
    const error = await devnet.sendRelay(message).then(
      () => 'accepted',
      (e: { details?: string }) => e.details,
    )
    expect(error).toMatch(/^invalid executing message \(initiating-log\): no log at block/)
  } finally {
    await devnet.stop()
  }
})
