import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'

import { explorerUrlFromChains } from './format'
import { CHAINS, cannedTracker, hex32, makeMessage } from './messageFixtures.test-helper'
import { ResendDialog, ResendDialogBody } from './ResendDialog'
import type { ResendPhase } from './ResendDialog'

const message = makeMessage({ status: 'expired' })

function render(phase: ResendPhase): string {
  return renderToStaticMarkup(
    <ResendDialogBody
      phase={phase}
      message={message}
      chains={CHAINS}
      signers={['relayAccount', 'wallet']}
      signer="wallet"
      onSignerChange={() => {}}
      onSign={() => {}}
      onClose={() => {}}
      explorerUrl={explorerUrlFromChains(CHAINS)}
    />,
  )
}

describe('ResendDialog', () => {
  it('is a modal dialog that explains the resend and where it is sent', () => {
    const { api } = cannedTracker([message])
    const html = renderToStaticMarkup(
      <ResendDialog api={api} message={message} chains={CHAINS} signers={['wallet']} onClose={() => {}} />,
    )
    expect(html).toContain('role="dialog"')
    expect(html).toContain('Resend message')
    expect(html).toContain('resendMessage on OP A')
    expect(html).toMatch(/<button[^>]*>Sign and resend<\/button>/)
    expect(html).not.toMatch(/<button[^>]*disabled[^>]*>Sign and resend/)
  })

  it('waits for the signature, then shows the source tx hash', () => {
    expect(render({ step: 'signing' })).toContain('Waiting for your signature in the wallet')
    const submitted = render({ step: 'submitted', transactionHash: hex32(0x5e5e) })
    expect(submitted).toContain('Resend sent on OP A')
    expect(submitted).toContain(`href="https://a.example/tx/${hex32(0x5e5e)}"`)
  })

  it('shows a failure verbatim and lets the user sign again', () => {
    const html = render({ step: 'failed', error: 'User rejected the request.' })
    expect(html).toContain('User rejected the request.')
    expect(html).toContain('type="radio"')
    expect(html).not.toMatch(/<button[^>]*disabled[^>]*>Sign and resend/)
  })
})
