import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'

import { RelayDialog } from './RelayDialog'
import { RelayDialogContent } from './RelayDialogContent'
import type { RelayPhase } from './RelayDialogContent'
import type { SignerKind } from './SignerChoice'
import { CHAINS, cannedTracker, hex32, makeMessage, makePlan } from './messageFixtures.test-helper'

const message = makeMessage({ status: 'ready' })

function render(phase: RelayPhase, signers: SignerKind[] = ['relayAccount', 'wallet'], signer = signers[0]) {
  return renderToStaticMarkup(
    <RelayDialogContent
      phase={phase}
      message={message}
      chains={CHAINS}
      signers={signers}
      signerLabels={{ relayAccount: 'Extension relay account' }}
      signer={signer}
      onSignerChange={() => {}}
      onSign={() => {}}
      onPrepare={() => {}}
      onClose={() => {}}
    />,
  )
}

/** The "Sign and relay" button's opening tag. */
function signButton(html: string): string {
  const match = html.match(/<button[^>]*>(Sign and relay|Signing…)<\/button>/)
  if (!match) throw new Error('no sign button')
  return match[0]
}

describe('RelayDialogContent', () => {
  it('shows what will execute, the fee, the signer choice and a passed simulation', () => {
    const html = render({ step: 'review', plan: makePlan() })
    expect(html).toContain('Mint 10 MOCK to 0x7099…79C8 on OP B')
    expect(html).toContain('≈ 0.000021 ETH (21000 gas)')
    expect(html).toContain('Extension relay account')
    expect(html).toContain('Your wallet')
    expect(html.match(/type="radio"/g)).toHaveLength(2)
    expect(html).toContain('Simulation passed')
    expect(signButton(html)).not.toContain('disabled')
  })

  it('shows the revert reason and keeps Sign disabled when the simulation fails', () => {
    const html = render({
      step: 'review',
      plan: makePlan({
        simulation: { ok: false, reason: 'ERC20InsufficientBalance(0xabc, 0, 10)' },
        fee: undefined,
      }),
    })
    expect(html).toContain('Simulation failed — relaying now would revert.')
    expect(html).toContain('ERC20InsufficientBalance(0xabc, 0, 10)')
    expect(html).toContain('Not estimated')
    expect(signButton(html)).toContain('disabled')
    expect(html).toContain('Simulate again')
  })

  it('names the only signer instead of offering a choice', () => {
    const html = render({ step: 'review', plan: makePlan() }, ['wallet'])
    expect(html).not.toContain('type="radio"')
    expect(html).toContain('Your wallet')
  })

  it('shows progress while preparing and waiting for the signature', () => {
    expect(render({ step: 'preparing' })).toContain(
      'Re-reading the message on OP A and simulating the relay on OP B',
    )
    const signing = render({ step: 'signing', plan: makePlan() }, ['wallet'])
    expect(signing).toContain('Waiting for your signature in the wallet')
    expect(signButton(signing)).toContain('disabled')
    expect(signing).toMatch(/aria-current="step"[^>]*>Sign</)
  })

  it('shows errors verbatim', () => {
    const error =
      'The wallet sent the relay without its access list (it would revert NotInAccessList). Use the relay account instead.'
    const html = render({ step: 'relayFailed', plan: makePlan(), error })
    expect(html).toContain('The relay was not sent.')
    expect(html).toContain(error) // verbatim, nothing paraphrased
    expect(html).toContain('role="alert"')
    // The user can pick another signer and sign again.
    expect(html.match(/type="radio"/g)).toHaveLength(2)
    expect(signButton(html)).not.toContain('disabled')
    expect(render({ step: 'prepareFailed', error: 'RPC of OP A unreachable' })).toContain(
      'RPC of OP A unreachable',
    )
  })

  it('shows the submitted tx hash', () => {
    const html = render({ step: 'submitted', plan: makePlan(), transactionHash: hex32(0x4e1a) })
    expect(html).toContain(`title="${hex32(0x4e1a)}"`)
    expect(html).toContain('Relay submitted on OP B')
    expect(html).toContain('>Done</button>')
  })
})

describe('RelayDialog', () => {
  it('is a modal dialog that starts by preparing', () => {
    const { api } = cannedTracker([message])
    const html = renderToStaticMarkup(
      <RelayDialog api={api} message={message} chains={CHAINS} signers={['wallet']} onClose={() => {}} />,
    )
    expect(html).toContain('role="dialog"')
    expect(html).toContain('aria-modal="true"')
    expect(html).toContain('Relay message')
    expect(html).toContain('Re-reading the message')
  })
})
