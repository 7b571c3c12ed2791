import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'

import { HttpRequestError } from 'viem'

import type { TrackedMessage } from '../core/model/message'
import { AccessListDroppedError } from '../core/relay/errors'
import { RelayDialog } from './RelayDialog'
import { RelayDialogContent } from './RelayDialogContent'
import type { RelayPhase } from './RelayDialogContent'
import type { SignerKind } from './SignerChoice'
import { CHAINS, cannedTracker, hex32, makeMessage, makePlan } from './messageFixtures.test-helper'

const message = makeMessage({ status: 'ready' })

function render(
  phase: RelayPhase,
  signers: SignerKind[] = ['relayAccount', 'wallet'],
  signer = signers[0],
  extra: { live?: TrackedMessage; blockedSigners?: Partial<Record<SignerKind, string>> } = {},
) {
  return renderToStaticMarkup(
    <RelayDialogContent
      phase={phase}
      message={extra.live ?? message}
      chains={CHAINS}
      signers={signers}
      signerLabels={{ relayAccount: 'Extension relay account' }}
      blockedSigners={extra.blockedSigners}
      offerExtension
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
    expect(html).toContain('Simulation failed. </strong>Relaying now would fail.')
    expect(html).toContain('ERC20InsufficientBalance(0xabc, 0, 10)')
    expect(html).toContain('Not estimated')
    expect(signButton(html)).toContain('disabled')
    expect(html).toContain('Simulate again')
  })

  it('shows the signing account’s balance against the max fee, and refuses to sign a relay it cannot pay', () => {
    const from = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as const
    const covered = render({
      step: 'review',
      plan: makePlan({ from, funds: { balance: 10n ** 18n, enough: true } }),
    })
    expect(covered).toContain('1 ETH · covers the max fee')
    expect(signButton(covered)).not.toContain('disabled')

    const short = render({
      step: 'review',
      plan: makePlan({ from, funds: { balance: 10n ** 12n, enough: false } }),
    })
    expect(short).toContain('not enough for the max fee')
    expect(short).toContain(
      'Not enough to pay the fee. </strong>0x7099…79C8 has 0.000001 ETH on OP B; this relay may cost up to 0.000021 ETH.',
    )
    expect(short).toContain('data-error-kind="insufficientFunds"')
    expect(signButton(short)).toContain('disabled')
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

  it('says what went wrong in one sentence, with what the software said behind Details', () => {
    const error = new HttpRequestError({ url: 'http://127.0.0.1:9546', details: 'fetch failed' })
    const html = render({ step: 'relayFailed', plan: makePlan(), error })
    expect(html).toContain('The relay was not sent. </strong>Can&#x27;t reach OP B (127.0.0.1:9546).')
    expect(html).toMatch(
      /<details class="scr-details"><summary>Details<\/summary><pre[^>]*>HTTP request failed/,
    )
    expect(html).not.toMatch(/Version: viem/)
    expect(html).toContain('role="alert"')
    // The user can pick another signer and sign again.
    expect(html.match(/type="radio"/g)).toHaveLength(2)
    expect(signButton(html)).not.toContain('disabled')
    expect(render({ step: 'prepareFailed', error: new Error('RPC of OP A unreachable') })).toContain(
      'Could not prepare the relay. </strong>RPC of OP A unreachable.',
    )
  })

  it('refuses a wallet that dropped the access list, in one sentence, with the ways that work', () => {
    // Errors cross the extension boundary revived into their classes (docs/ARCHITECTURE.md §10).
    const error = new AccessListDroppedError('Test Wallet')
    const failed = render({ step: 'relayFailed', plan: makePlan(), error }, ['wallet'])
    expect(failed).toContain('Your wallet removed the access list this relay needs')
    expect(failed).not.toContain('Simulation passed') // no green tick over a refusal
    // The jargon stays behind the Details disclosure; the sentence a user reads has none.
    expect(failed.replace(/<details[\s\S]*?<\/details>/, '')).not.toMatch(/CrossL2Inbox/)
    expect(failed).toContain('Copy CLI command')
    expect(failed).toContain('Open in the extension')
    expect(signButton(failed)).toContain('disabled')
    expect(signButton(failed)).not.toContain('scr-button-primary')
  })

  it('disables signing up front with a wallet known to drop access lists', () => {
    const reason = 'Test Wallet drops the access list a relay needs.'
    const html = render({ step: 'review', plan: makePlan() }, ['wallet'], 'wallet', {
      blockedSigners: { wallet: reason },
    })
    expect(html).toContain(reason)
    expect(html).not.toContain('Simulation passed')
    expect(html).toContain('Copy CLI command')
    expect(signButton(html)).toContain('disabled')
    // Learned while signing (the refusal is a moment behind): the dialog keeps saying Signing, not the up-front block.
    const signing = render({ step: 'signing', plan: makePlan() }, ['wallet'], 'wallet', {
      blockedSigners: { wallet: reason },
    })
    expect(signing).not.toContain(reason)
    expect(signing).not.toContain('data-error-kind="accessListDropped"')
  })

  it('waits for the sent relay, then says in place that the transfer arrived', () => {
    const submitted = { step: 'submitted', plan: makePlan(), transactionHash: hex32(0x4e1a) } as const
    const waiting = render(submitted)
    expect(waiting).toContain(`title="${hex32(0x4e1a)}"`)
    expect(waiting).toContain('Relay sent on OP B')
    expect(waiting).toMatch(/aria-current="step">Delivered</)
    const delivered = render(submitted, undefined, undefined, {
      live: makeMessage({
        status: 'relayed',
        relay: { transactionHash: hex32(0x4e1a), blockNumber: 5n },
      }),
    })
    expect(delivered).toContain('<strong>Delivered ✓</strong> 10 MOCK arrived on OP B.')
    expect(delivered).toContain('✓ Delivered')
    expect(delivered).not.toContain('aria-current="step"')
    expect(delivered).not.toContain('waiting for it to be mined')
    expect(delivered).toContain('>Done</button>')
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
