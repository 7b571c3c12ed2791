/** The tracker's own timer loop (widget, CLI watch): a tracked tx wakes it instead of waiting for the idle pace. */
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
