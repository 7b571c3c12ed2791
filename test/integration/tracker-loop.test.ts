/**
 * The tracker's own timer loop (widget, CLI watch): a tracked tx wakes it instead of waiting for the idle pace, and a
 * newly watched account (a wallet just connected) is scanned at once instead of when the regular scan comes round.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'

import { createMemoryStore } from '../../src/core/store/memoryStore'
import { createTracker } from '../../src/core/tracker/tracker'
import { startTestDevnet, type TestDevnet } from '../fixtures/devnet'
import { devnetChainConfigs } from '../fixtures/tracker'

let devnet: TestDevnet
beforeAll(async () => {
  devnet = await startTestDevnet()
})
afterAll(async () => {
  await devnet?.stop()
})

it('updates a freshly tracked message within seconds although the idle pace is a minute', async () => {
  const tracker = await createTracker({
    store: createMemoryStore(),
    defaultChains: devnetChainConfigs(devnet),
    verifyChains: false,
    idlePollMs: 60_000,
  })
  const updates: string[] = []
  tracker.subscribe((u) => {
    if (u.type === 'messageUpdated') updates.push(u.to)
  })
  tracker.start()
  try {
    await new Promise((r) => setTimeout(r, 300)) // the first loop turn runs and goes to sleep at the idle pace
    const { transactionHash: hash } = await devnet.sendMock()
    await tracker.trackTransaction(901, hash)
    for (let i = 0; i < 50 && !updates.includes('ready'); i++) await new Promise((r) => setTimeout(r, 100))
    expect(updates).toContain('ready')
  } finally {
    tracker.stop()
  }
})

it("finds a newly watched account's transfer at once, not when the regular scan comes round", async () => {
  // A transfer already sent when the wallet connects: only a scan of its account can find it.
  const sender = devnet.accounts[2].address
  const { transactionHash } = await devnet.sendMock({ from: 2 })
  const tracker = await createTracker({
    store: createMemoryStore(),
    defaultChains: devnetChainConfigs(devnet),
    verifyChains: false,
    // The regular scan (the first tick's, then every tenth tick) is an hour away after the first tick.
    idlePollMs: 60 * 60_000,
  })
  tracker.start()
  try {
    await new Promise((r) => setTimeout(r, 300)) // the first tick has scanned (no account yet) and gone to sleep
    await tracker.watchAccount(sender)
    let found: string[] = []
    for (let i = 0; i < 100 && found.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 100))
      found = (await tracker.listMessages()).map((m) => m.sourceTransactionHash)
    }
    expect(found).toEqual([transactionHash])
  } finally {
    tracker.stop()
  }
})
