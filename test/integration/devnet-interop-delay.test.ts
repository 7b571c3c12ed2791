/** --interop-delay: a message may not execute until that many seconds after its initiating block. */
import type { BaseError } from 'viem'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { startTestDevnet, type TestDevnet } from '../fixtures/devnet'

let devnet: TestDevnet
beforeAll(async () => {
  devnet = await startTestDevnet({ interopDelay: 30 })
})
afterAll(async () => {
  await devnet?.stop()
})

it('refuses a relay before the interop delay and accepts it after', async () => {
  const params = await devnet.executingMessage(await devnet.sendMock())
  // Past the initiating timestamp (so only the delay is in the way), but well within the 30 s.
  await devnet.increaseTime(902, 2)
  const early = await devnet.sendRelay(params).then(
    () => undefined,
    (e: unknown) => e as BaseError,
  )
  expect(early?.details).toMatch(/invalid executing message \(interop-delay\): the interop delay of 30 s/)

  await devnet.increaseTime(902, 31)
  const late = await devnet.sendRelay(params)
  expect((await devnet.publicClient(902).waitForTransactionReceipt({ hash: late })).status).toBe('success')
})
