import type { Hex } from 'viem'
import { describe, expect, it } from 'vitest'

import { isSignable, runSignStep } from './dialogPhases'
import type { SignPhase } from './dialogPhases'

type Phase = { step: 'preparing' } | SignPhase<{ plan: string }, 'relayFailed'>

const HASH: Hex = `0x${'ab'.repeat(32)}`

function steps(send: () => Promise<Hex>) {
  return {
    signing: { step: 'signing', plan: 'p' } as Phase,
    send,
    submitted: (transactionHash: Hex): Phase => ({ step: 'submitted', plan: 'p', transactionHash }),
    failed: (error: unknown): Phase => ({ step: 'relayFailed', plan: 'p', error }),
  }
}

describe('isSignable', () => {
  it('allows signing from review and after a failed send only', () => {
    const signable: Phase[] = [
      { step: 'review', plan: 'p' },
      { step: 'relayFailed', plan: 'p', error: new Error('rejected') },
    ]
    const not: Phase[] = [
      { step: 'preparing' },
      { step: 'signing', plan: 'p' },
      { step: 'submitted', plan: 'p', transactionHash: HASH },
    ]
    for (const phase of signable) expect(isSignable(phase, 'relayFailed')).toBe(true)
    for (const phase of not) expect(isSignable(phase, 'relayFailed')).toBe(false)
    // The failure step is the dialog's own: another dialog's name does not count.
    expect(isSignable({ step: 'relayFailed' }, 'failed')).toBe(false)
  })
})

describe('runSignStep', () => {
  it('shows signing, then the submitted transaction', async () => {
    const shown: Phase[] = []
    await runSignStep(
      steps(() => Promise.resolve(HASH)),
      (p) => shown.push(p),
      () => true,
    )
    expect(shown).toEqual([
      { step: 'signing', plan: 'p' },
      { step: 'submitted', plan: 'p', transactionHash: HASH },
    ])
  })

  it('shows signing, then the failure with its error', async () => {
    const error = new Error('User rejected the request.')
    const shown: Phase[] = []
    await runSignStep(
      steps(() => Promise.reject(error)),
      (p) => shown.push(p),
      () => true,
    )
    expect(shown).toEqual([
      { step: 'signing', plan: 'p' },
      { step: 'relayFailed', plan: 'p', error },
    ])
  })

  it('drops the outcome once the dialog is closed', async () => {
    let open = true
    const shown: Phase[] = []
    const sent = runSignStep(
      steps(async () => {
        open = false
        return HASH
      }),
      (p) => shown.push(p),
      () => open,
    )
    await sent
    expect(shown).toEqual([{ step: 'signing', plan: 'p' }])
    shown.length = 0
    open = true
    await runSignStep(
      steps(() => {
        open = false
        return Promise.reject(new Error('closed meanwhile'))
      }),
      (p) => shown.push(p),
      () => open,
    )
    expect(shown).toEqual([{ step: 'signing', plan: 'p' }])
  })
})
