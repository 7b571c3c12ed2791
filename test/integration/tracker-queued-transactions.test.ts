/**
 * A transaction handed to the tracker before its receipt could be read waits in a queue that every poll looks at
 * again (tracker/discoveryQueue.ts). On a real devnet behind the fault proxy: behind one URL, the node that showed
 * the transaction pending and the node asked later can differ, and the later one may lag and know no such
 * transaction. That answer alone must not forget it — the transfer would never be tracked, and nothing would say so.
 * Only a transaction unknown for ten minutes on end is forgotten, and that is said.
 */
import type { Hex } from 'viem'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { decodeSentMessages } from '../../src/core/protocol/decode'
import type { Tracker, TrackerUpdate } from '../../src/core/tracker/api'
import { FORGET_UNKNOWN_TRANSACTION_MS } from '../../src/core/tracker/discoveryQueue'
import { startTestDevnet, type TestDevnet } from '../fixtures/devnet'
import { startFaultyRpc, type FaultyRpc } from '../fixtures/faultyRpc'
import { createTestTracker, devnetChainConfigs } from '../fixtures/tracker'

let devnet: TestDevnet
let source: FaultyRpc
let clock = Date.now()
let tracker: Tracker
let errors: Extract<TrackerUpdate, { type: 'error' }>[] = []

beforeAll(async () => {
  devnet = await startTestDevnet()
  source = await startFaultyRpc({ upstreams: [devnet.chain(901).rpcUrl] })
  const chains = devnetChainConfigs(devnet).map((c) => (c.id === 901 ? { ...c, rpcUrl: source.url } : c))
  ;({ tracker } = await createTestTracker(devnet, { chains, tracker: { now: () => clock } }))
  tracker.subscribe((u) => {
    if (u.type === 'error') errors.push(u)
  })
})
beforeEach(() => {
  source.clear()
  source.setLag(0, 0)
  errors = []
})
afterAll(async () => {
  await source?.close()
  await devnet?.stop()
})

/** The next receipt asked for comes from a node that has none yet; the transaction itself is found (pending). */
function nextReceiptNotThereYet(): void {
  source.inject({
    fault: { kind: 'rewrite', rewrite: () => null },
    methods: ['eth_getTransactionReceipt'],
    times: 1,
  })
}

/** A transfer the tracker queued: the node asked for its receipt had none yet, the next showed it pending. */
async function queuedTransfer(): Promise<{ hash: Hex; transactionHash: Hex }> {
  const receipt = await devnet.sendMock({ amount: 0n })
  const [sent] = decodeSentMessages(901, receipt.logs)
  nextReceiptNotThereYet()
  expect(await tracker.trackTransaction(901, receipt.transactionHash)).toEqual([])
  return { hash: sent!.hash, transactionHash: receipt.transactionHash }
}

async function poll(after = 2_000): Promise<void> {
  clock += after
  await tracker.poll()
}

describe('a queued transaction a lagging node knows nothing of', () => {
  it('is still looked for, and tracked once the node catches up — with nothing said meanwhile', async () => {
    const { hash, transactionHash } = await queuedTransfer()
    // From now on every answer comes from a node 50 blocks behind: no such receipt, no such transaction.
    source.setLag(0, 50)
    for (let i = 0; i < 3; i++) await poll()
    expect(await tracker.getMessage(hash)).toBeUndefined()

    source.setLag(0, 0)
    await poll()
    expect((await tracker.getMessage(hash))?.sourceTransactionHash).toBe(transactionHash)
    expect(errors.filter((e) => e.context.includes(transactionHash))).toEqual([])
  })

  it('is forgotten once it has been unknown for ten minutes on end, and that is said', async () => {
    const { hash, transactionHash } = await queuedTransfer()
    source.setLag(0, 50)
    await poll() // the first "unknown": the ten minutes start here
    await poll(FORGET_UNKNOWN_TRANSACTION_MS - 1)
    expect(errors).toEqual([])

    await poll(1)
    const said = errors.filter((e) => e.context.includes(transactionHash))
    expect(said).toHaveLength(1)
    expect(said[0]!.context).toBe(
      `tracking transaction ${transactionHash} on chain 901; no longer looked for`,
    )
    expect(said[0]!.message).toContain(`transaction ${transactionHash} is not known on chain 901`)

    // Forgotten: the node catching up now brings nothing back.
    source.setLag(0, 0)
    await poll()
    expect(await tracker.getMessage(hash)).toBeUndefined()
  })

  it('starts its ten minutes again once the chain knows it again', async () => {
    const { hash, transactionHash } = await queuedTransfer()
    source.setLag(0, 50)
    await poll()
    await poll(FORGET_UNKNOWN_TRANSACTION_MS - 1_000)
    // One look through a node that has it pending ends the run of "unknown" answers…
    source.setLag(0, 0)
    nextReceiptNotThereYet()
    await poll()
    // …so the lagging node's answers a minute later start a new one, and the transaction is still looked for.
    source.setLag(0, 50)
    await poll(60_000)
    await poll(60_000)
    expect(errors).toEqual([])
    source.setLag(0, 0)
    await poll()
    expect((await tracker.getMessage(hash))?.sourceTransactionHash).toBe(transactionHash)
  })
})
