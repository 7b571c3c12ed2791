/**
 * Source-chain reorgs, as a tracker meets them: an initiating transaction dropped, or re-included at another block
 * and/or log index (same transaction hash, new identifier). The interop filter follows the new chain: the old
 * identifier is refused, the new one relays. Interval mining (block time 1 s) keeps going through all of it.
 */
import type { BuildExecutingMessageReturnType } from '@eth-optimism/viem/actions/interop'
import type { BaseError, Hex, TransactionReceipt } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestDevnet, type TestDevnet } from '../fixtures/devnet'

let devnet: TestDevnet
beforeAll(async () => {
  devnet = await startTestDevnet({ blockTime: 1 })
})
afterAll(async () => {
  await devnet?.stop()
})

/** Resolves once chain `id` mines a block after `after` by itself (interval mining is on). */
async function minesOnItsOwn(id: number, after: bigint): Promise<bigint> {
  for (let i = 0; i < 50; i++) {
    const head = await devnet.anvilClient(id).getBlockNumber()
    if (head > after) return head
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`chain ${id} stopped mining at block ${after}`)
}

/**
 * Relays `message` (an identifier, payload and access list, built while its log existed), waiting for the
 * destination's clock; resolves with 'success' or the refusal.
 */
async function relay(message: BuildExecutingMessageReturnType): Promise<string> {
  while (
    (await devnet.publicClient(902).getBlock({ blockTag: 'pending' })).timestamp <= message.id.timestamp
  ) {
    await new Promise((r) => setTimeout(r, 200))
  }
  return devnet.sendRelay(message).then(
    async (hash) => (await devnet.publicClient(902).waitForTransactionReceipt({ hash })).status,
    (e: BaseError) => e.details,
  )
}

const firstLogIndex = (receipt: TransactionReceipt) => receipt.logs[0]!.logIndex

describe('reorg()', () => {
  it('replaces the last blocks with empty ones at the same heights, dropping their transactions', async () => {
    await devnet.mine(901, 3)
    const receipt = await devnet.sendMock()
    const message = await devnet.executingMessage(receipt)
    const head = await devnet.anvilClient(901).getBlockNumber()
    // Two blocks of margin: interval mining may add a block before the reorg pauses it.
    const depth = Number(head - receipt.blockNumber + 3n)
    const before = await devnet.anvilClient(901).getBlock({ blockNumber: receipt.blockNumber })

    const { dropped } = await devnet.reorg(901, { depth })

    expect(dropped).toContain(receipt.transactionHash)
    expect(await devnet.anvilClient(901).getBlockNumber()).toBeGreaterThanOrEqual(head)
    const after = await devnet.anvilClient(901).getBlock({ blockNumber: receipt.blockNumber })
    expect(after.hash).not.toBe(before.hash)
    expect(after.transactions).toEqual([])
    await expect(
      devnet.publicClient(901).getTransactionReceipt({ hash: receipt.transactionHash }),
    ).rejects.toThrow(/could not be found/)
    expect(await relay(message)).toMatch(/^invalid executing message \(initiating-log\)/)
    await minesOnItsOwn(901, await devnet.anvilClient(901).getBlockNumber())
  })
})

describe('reorgReincluding()', () => {
  const cases: [
    'block' | 'log-index' | 'both',
    (old: TransactionReceipt, moved: TransactionReceipt) => void,
  ][] = [
    [
      'block',
      (old, moved) => {
        expect(moved.blockNumber).toBe(old.blockNumber + 1n)
        expect(firstLogIndex(moved)).toBe(firstLogIndex(old))
      },
    ],
    [
      'log-index',
      (old, moved) => {
        expect(moved.blockNumber).toBe(old.blockNumber)
        expect(moved.blockHash).not.toBe(old.blockHash)
        expect(firstLogIndex(moved)).toBe(firstLogIndex(old) + 1)
      },
    ],
    [
      'both',
      (old, moved) => {
        expect(moved.blockNumber).toBe(old.blockNumber + 1n)
        expect(firstLogIndex(moved)).toBe(firstLogIndex(old) + 1)
      },
    ],
  ]

  for (const [move, where] of cases) {
    it(`move: '${move}' re-includes the same transaction elsewhere; only the new identifier relays`, async () => {
      const old = await devnet.sendMock()
      const oldMessage = await devnet.executingMessage(old)
      const moved = await devnet.reorgReincluding(901, old.transactionHash, { move })

      expect(moved.transactionHash).toBe(old.transactionHash)
      expect(moved.status).toBe('success')
      where(old, moved)
      expect(await relay(oldMessage)).toMatch(
        /^invalid executing message \((initiating-log|timestamp|payload-hash)\)/,
      )
      expect(await relay(await devnet.executingMessage(moved))).toBe('success')
      await minesOnItsOwn(901, await devnet.anvilClient(901).getBlockNumber())
    })
  }

  it('re-includes the other transactions of the replaced blocks too', async () => {
    const first = await devnet.sendMock()
    const second = await devnet.sendMock({ from: 1 })
    const moved = await devnet.reorgReincluding(901, first.transactionHash)
    const again = await devnet.anvilClient(901).getTransactionReceipt({ hash: second.transactionHash })
    expect(again.status).toBe('success')
    expect(again.blockNumber).toBe(moved.blockNumber)
  })
})

describe('snapshots', () => {
  it('evm_revert drops what came after the snapshot, and interval mining goes on', async () => {
    const snapshot = await devnet.snapshot(901)
    const receipt = await devnet.sendMock()
    await devnet.revert(901, snapshot)
    await expect(
      devnet.publicClient(901).getTransactionReceipt({ hash: receipt.transactionHash }),
    ).rejects.toThrow()
    await minesOnItsOwn(901, await devnet.anvilClient(901).getBlockNumber())
    await expect(devnet.revert(901, snapshot as Hex)).rejects.toThrow(/no snapshot/)
  })
})
