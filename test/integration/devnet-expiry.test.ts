/** Expiry needs its own devnet: it moves a chain's clock 7 days forward. */
import type { BaseError } from 'viem'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { startTestDevnet, type TestDevnet } from '../fixtures/devnet'

let devnet: TestDevnet
beforeAll(async () => {
  devnet = await startTestDevnet()
})
afterAll(async () => {
  await devnet?.stop()
})

it('refuses a relay more than 7 days after the initiating timestamp', async () => {
  const params = await devnet.executingMessage(await devnet.sendMock())
  await devnet.increaseTime(902, 604_800 + 5)
  const error = await devnet.sendRelay(params).then(
    () => undefined,
    (e: unknown) => e as BaseError,
  )
  expect(error?.details).toMatch(/invalid executing message \(expired\).*resendMessage/)
})
