/**
 * Expiry needs its own devnet: it moves a chain's clock 7 days forward. Automine, so that the executing block's
 * timestamp is exactly the one set with evm_setNextBlockTimestamp.
 */
import type { BaseError } from 'viem'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { startTestDevnet, type TestDevnet } from '../fixtures/devnet'

const SEVEN_DAYS = 604_800n

let devnet: TestDevnet
beforeAll(async () => {
  devnet = await startTestDevnet({ blockTime: 0 })
})
afterAll(async () => {
  await devnet?.stop()
})

const nextBlockAt = (d: TestDevnet, id: number, timestamp: bigint) =>
  d
    .publicClient(id)
    .request({ method: 'evm_setNextBlockTimestamp' as never, params: [Number(timestamp)] as never })

const outcome = (d: TestDevnet, hash: Promise<`0x${string}`>) =>
  hash.then(
    async (h) => (await d.publicClient(902).waitForTransactionReceipt({ hash: h })).status,
    (e: BaseError) => e.details,
  )

it('accepts a relay exactly 7 days after the initiating timestamp: the boundary is inclusive', async () => {
  const params = await devnet.executingMessage(await devnet.sendMock())
  await nextBlockAt(devnet, 902, params.id.timestamp + SEVEN_DAYS)
  const hash = devnet.sendRelay(params)
  expect(await outcome(devnet, hash)).toBe('success')
  const receipt = await devnet.publicClient(902).getTransactionReceipt({ hash: await hash })
  expect((await devnet.publicClient(902).getBlock({ blockNumber: receipt.blockNumber })).timestamp).toBe(
    params.id.timestamp + SEVEN_DAYS,
  )
})

it('refuses a relay more than 7 days after the initiating timestamp', async () => {
  const params = await devnet.executingMessage(await devnet.sendMock())
  await devnet.increaseTime(902, Number(SEVEN_DAYS) + 5)
  expect(await outcome(devnet, devnet.sendRelay(params))).toMatch(
    /invalid executing message \(expired\).*resendMessage/,
  )
})

it('--message-expiry sets the window', async () => {
  const short = await startTestDevnet({ blockTime: 0, messageExpiry: 60 })
  try {
    const params = await short.executingMessage(await short.sendMock())
    await nextBlockAt(short, 902, params.id.timestamp + 61n)
    expect(await outcome(short, short.sendRelay(params))).toMatch(
      /^invalid executing message \(expired\): the message expired at timestamp \d+ \(60 s after/,
    )
    // The refusal mined nothing on 902, so its clock can still be set back within the window.
    await nextBlockAt(short, 902, params.id.timestamp + 60n)
    expect(await outcome(short, short.sendRelay(params))).toBe('success')
  } finally {
    await short.stop()
  }
  await expect(startTestDevnet({ messageExpiry: 0 })).rejects.toThrow(/--message-expiry/)
})
