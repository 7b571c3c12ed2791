/**
 * The devnet with `--messenger 2` (the proposed 2.0.0, docs/ARCHITECTURE.md §4/§7): the tracker reads the version,
 * offers no resend for an expired message, and once the L1 path marks the message expired on its source
 * (`MessageExpired`), shows it expired for good.
 */
import type { Hex } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { verifyChain } from '../../src/core/chains/verifyRpc'
import { canResend, isInFlight, needsUser } from '../../src/core/model/progress'
import { findError, NotResendableError, ResendUnavailableError } from '../../src/core/relay/errors'
import { startTestDevnet, type TestDevnet } from '../fixtures/devnet'
import { createTestTracker } from '../fixtures/tracker'

let devnet: TestDevnet
beforeAll(async () => {
  devnet = await startTestDevnet({ messenger: 2 })
})
afterAll(async () => {
  await devnet?.stop()
})

describe('messenger 2.0.0', () => {
  it('verifyChain reads 2.0.0: no resend, expireMessage with the contract’s 8-day period', async () => {
    const check = await verifyChain({ id: 901, rpcUrl: devnet.chain(901).rpcUrl })
    expect(check.interop).toMatchObject({
      state: 'active',
      messenger: {
        version: '2.0.0',
        generation: 2,
        resend: false,
        expireMessage: true,
        expiryPeriodSeconds: 691_200n,
      },
    })
  })

  it('expired through the L1 stand-in: the tracker shows it expired for good, and never offers resend', async () => {
    const { tracker } = await createTestTracker(devnet)
    const receipt = await devnet.sendMock()
    const [message] = await tracker.trackTransaction(901, receipt.transactionHash)
    const hash = message!.hash
    await until(tracker, hash, (m) => m.status === 'ready' && m.sourceMessenger === '2.0.0')

    // Past the 7-day relay window: expired, but no resend on 2.x (and nothing for the user to do).
    await devnet.increaseTime(902, 8 * 86_400 + 10)
    const expired = await until(tracker, hash, (m) => m.status === 'expired')
    expect(canResend(expired)).toBe(false)
    expect(needsUser(expired)).toBe(false)
    const refused = await tracker.resend(hash, { kind: 'relayAccount' }).catch((e: unknown) => e)
    expect(findError(refused, ResendUnavailableError)?.messengerVersion).toBe('2.0.0')

    // The L1 path marks it expired on the source: MessageExpired is recorded, and the message is final.
    const expiredTx = await devnet.expireMessage({ messageHash: hash })
    const final = await until(tracker, hash, (m) => m.expiry !== undefined)
    expect(final.status).toBe('expired')
    expect(final.expiry?.transactionHash).toBe(expiredTx.transactionHash)
    expect(isInFlight(final)).toBe(false)
    expect(canResend(final)).toBe(false)
    expect(
      findError(
        await tracker.resend(hash, { kind: 'relayAccount' }).catch((e: unknown) => e),
        NotResendableError,
      ),
    ).toBeDefined()
  })
})

type T = Awaited<ReturnType<typeof createTestTracker>>['tracker']
async function until(
  tracker: T,
  hash: Hex,
  done: (m: NonNullable<Awaited<ReturnType<T['getMessage']>>>) => boolean,
) {
  for (let i = 0; i < 60; i++) {
    await tracker.poll()
    const m = await tracker.getMessage(hash)
    if (m && done(m)) return m
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(
    `message ${hash} never got there: ${JSON.stringify((await tracker.getMessage(hash))?.status)}`,
  )
}
