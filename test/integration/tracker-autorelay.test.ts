/** With an autorelayer running, the tracker sees messages relayed by someone else and never asks the user. */
import { afterAll, beforeAll, expect, it } from 'vitest'

import type { Tracker } from '../../src/core/tracker/api'
import { startTestDevnet, type TestDevnet } from '../fixtures/devnet'
import { createTestTracker } from '../fixtures/tracker'

let devnet: TestDevnet
let tracker: Tracker
beforeAll(async () => {
  devnet = await startTestDevnet({ autorelay: true })
  ;({ tracker } = await createTestTracker(devnet))
})
afterAll(async () => {
  await devnet?.stop()
})

it('sees a message relayed by the autorelayer, with who relayed it', async () => {
  const { transactionHash: hash } = await devnet.sendMock()
  const [message] = await tracker.trackTransaction(901, hash)
  let status = message!.status
  // Who relayed it (the relay's transaction) comes in the tick after the one that saw the relay.
  let relayer = message!.relay?.relayer
  for (let i = 0; i < 40 && ((status !== 'relayed' && status !== 'finalized') || !relayer); i++) {
    await new Promise((r) => setTimeout(r, 250))
    await tracker.poll()
    const now = (await tracker.getMessage(message!.hash))!
    ;({ status } = now)
    relayer = now.relay?.relayer
  }
  const relayed = await tracker.getMessage(message!.hash)
  expect(relayed?.status).toMatch(/relayed|finalized/)
  expect(relayed?.relay?.relayer?.toLowerCase()).toBe(devnet.autorelayerAddress!.toLowerCase())
  expect(relayed?.pendingRelay).toBeUndefined()
})
