import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'

import { ChainResetNotice } from './ChainResetNotice'
import { ClearChainHistoryDialog } from './ClearChainHistory'
import { BOB, CHAINS, cannedTracker, hex32, makeMessage, NOW } from './messageFixtures.test-helper'
import { RemoveMessageDialog } from './RemoveMessage'

const removeButton = /<button[^>]*class="scr-button scr-button-danger"[^>]*>Remove<\/button>/
const disabledRemove =
  /<button[^>]*class="scr-button scr-button-danger"[^>]*disabled=""[^>]*>Remove<\/button>/

describe('RemoveMessageDialog', () => {
  it('is a modal confirmation that says tracking stops and nothing on chain changes', () => {
    const message = makeMessage({ status: 'ready' })
    const { api, calls } = cannedTracker([message])
    const html = renderToStaticMarkup(
      <RemoveMessageDialog api={api} message={message} chains={CHAINS} onClose={() => {}} />,
    )
    expect(html).toContain('role="dialog"')
    expect(html).toContain('Remove from the list?')
    expect(html).toContain('10 MOCK to 0x7099…79C8 · OP A → OP B')
    expect(html).toContain('Superchain Relay stops tracking this message; nothing on chain changes.')
    expect(html).toContain('nobody will remind you to relay it')
    expect(html).toMatch(removeButton)
    expect(html).not.toMatch(disabledRemove)
    expect(calls).not.toContain(`forgetMessage ${message.hash}`)
  })

  it('refuses a message whose relay is on its way', () => {
    const message = makeMessage({
      status: 'relaying',
      pendingRelay: { transactionHash: hex32(0x4e1a), relayer: BOB, submittedAt: NOW },
    })
    const { api } = cannedTracker([message])
    const html = renderToStaticMarkup(
      <RemoveMessageDialog api={api} message={message} chains={CHAINS} onClose={() => {}} />,
    )
    expect(html).toContain(
      'A relay of this message is on its way on OP B. Wait until it is delivered or fails',
    )
    expect(html).toMatch(disabledRemove)
  })

  it("offers Remove for a relay seen but not confirmed: it is the user's record, no relay of ours is on it", () => {
    const message = makeMessage({ status: 'relaying' })
    const { api } = cannedTracker([message])
    const html = renderToStaticMarkup(
      <RemoveMessageDialog api={api} message={message} chains={CHAINS} onClose={() => {}} />,
    )
    expect(html).toContain('A relay of it was seen on OP B but not confirmed yet')
    expect(html).not.toContain('on its way')
    expect(html).toMatch(removeButton)
    expect(html).not.toMatch(disabledRemove)
  })
})

describe('ClearChainHistoryDialog', () => {
  const messages = [
    makeMessage({ seed: 1 }),
    makeMessage({ seed: 2 }),
    makeMessage({ seed: 3, source: 902, destination: 901 }),
  ]

  it('names the chain and how many messages go, on the chain asked for', () => {
    const { api } = cannedTracker(messages)
    const html = renderToStaticMarkup(
      <ClearChainHistoryDialog
        api={api}
        messages={messages}
        chains={CHAINS}
        chainId={902}
        onClose={() => {}}
      />,
    )
    expect(html).toContain('role="dialog"')
    expect(html).toContain('Clear the history of OP B?')
    expect(html).toContain(
      'stops tracking the 3 messages from or to OP B (chain 902); nothing on chain changes.',
    )
    expect(html).toMatch(/<option value="901">OP A \(901\) · 3 messages<\/option>/)
    expect(html).toMatch(/<option value="902" selected="">OP B \(902\) · 3 messages<\/option>/)
    expect(html).toMatch(/<button[^>]*scr-button-danger[^>]*>Clear 3 messages<\/button>/)
  })

  it('defaults to the first chain that has messages, and says so when none has', () => {
    const one = [makeMessage({ seed: 1, source: 902, destination: 903 })]
    const { api } = cannedTracker(one)
    const html = renderToStaticMarkup(
      <ClearChainHistoryDialog api={api} messages={one} chains={CHAINS} onClose={() => {}} />,
    )
    expect(html).toContain('Clear the history of OP B?')
    expect(html).toContain('Clear 1 message<')
    const none = renderToStaticMarkup(
      <ClearChainHistoryDialog api={api} messages={[]} chains={CHAINS} onClose={() => {}} />,
    )
    expect(none).toContain('No chain has messages to clear.')
    expect(none).not.toContain('scr-button-danger')
  })
})

describe('ChainResetNotice', () => {
  it('names each reset chain with its gone transfers, and offers to clear it', () => {
    const reset = { cause: 'chainReset' as const, at: NOW }
    const html = renderToStaticMarkup(
      <ChainResetNotice
        messages={[
          makeMessage({ seed: 1, status: 'vanished', locationChange: reset }),
          makeMessage({ seed: 2, status: 'vanished', locationChange: reset }),
        ]}
        chains={CHAINS}
        onClearChain={() => {}}
      />,
    )
    expect(html).toContain('OP A was reset: 2 transfers sent on it before no longer exist.')
    expect(html).toContain('aria-label="Clear the history of OP A…"')
    expect(
      renderToStaticMarkup(
        <ChainResetNotice messages={[makeMessage()]} chains={CHAINS} onClearChain={() => {}} />,
      ),
    ).toBe('')
  })
})
