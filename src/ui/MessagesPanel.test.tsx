import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'

import type { Address } from 'viem'

import type { TrackedMessage } from '../core/model/message'
import { ALICE, BOB, CHAINS, hex32, makeMessage, NOW } from './messageFixtures.test-helper'
import { MessagesPanel } from './MessagesPanel'
import type { MessageTab } from './directions'

function render(messages: TrackedMessage[], accounts?: Address[], tab?: MessageTab): string {
  return renderToStaticMarkup(
    <MessagesPanel
      messages={messages}
      chains={CHAINS}
      accounts={accounts}
      now={NOW}
      tab={tab}
      onTabChange={() => {}}
      onToggle={() => {}}
      onRelay={() => {}}
      onResend={() => {}}
      onTrackTransaction={() => {}}
    />,
  )
}

const mixed = [
  makeMessage({ seed: 1, kind: 'erc20', status: 'ready', sentSecondsAgo: 60 }),
  makeMessage({
    seed: 2,
    kind: 'eth',
    status: 'failed',
    failure: { reason: 'OutOfGas', at: NOW },
    sentSecondsAgo: 60,
  }),
  makeMessage({ seed: 3, kind: 'erc20', status: 'expired' }),
  makeMessage({ seed: 4, kind: 'generic', status: 'finalized' }),
  makeMessage({
    seed: 5,
    kind: 'eth',
    status: 'relaying',
    pendingRelay: { transactionHash: hex32(0x7000_0005), relayer: ALICE, submittedAt: NOW, stage: 'sent' },
  }),
]

describe('MessagesPanel', () => {
  it('shows the empty state with a hint and the way to track a transaction', () => {
    const html = render([], [ALICE])
    expect(html).toContain('No cross-chain messages yet')
    expect(html).toContain('appear here as soon as they are on chain')
    expect(html).toContain('Track a transaction')
    expect(render([])).toContain('paste the hash of a transaction')
  })

  it('splits into Outgoing / Incoming against the accounts', () => {
    const html = render(mixed, [ALICE])
    // The generic message is sent by ALICE too: all five are outgoing for her.
    expect(html).toMatch(/Outgoing<span class="scr-count">5<\/span>/)
    expect(html).toMatch(/Incoming<span class="scr-count">0<\/span>/)
    expect(html).toMatch(/data-tab="outgoing"[^>]*aria-selected="true"/)
    expect(render(mixed, [BOB])).toMatch(/Incoming<span class="scr-count">4<\/span>/)
    expect(render(mixed, [BOB])).toMatch(/Other<span class="scr-count">1<\/span>/)
  })

  it('shows one "All" tab without accounts', () => {
    const html = render(mixed)
    expect(html).toMatch(/All<span class="scr-count">5<\/span>/)
    expect(html).not.toContain('Outgoing')
  })

  it('puts the action only on ready, failed and expired rows', () => {
    const html = render(mixed)
    expect(html.match(/>Relay<\/button>/g)).toHaveLength(1)
    expect(html.match(/>Retry<\/button>/g)).toHaveLength(1)
    expect(html.match(/>Resend<\/button>/g)).toHaveLength(1)
    expect(html).toContain('The relay failed: OutOfGas')
    expect(html).toContain('Too old to relay: resend it on OP A first')
    expect(html).toContain('Arrived on OP B')
    expect(html).toContain('Relay sent on OP B, waiting for it to be mined')
  })

  it('says a relay that is not ours and not yet confirmed is being confirmed, with no Relay', () => {
    const html = render([makeMessage({ seed: 6, status: 'relaying' })])
    expect(html).toContain('A relay was seen on OP B: confirming it')
    expect(html).not.toMatch(/>Relay<\/button>/)
  })

  it('says so when the selected tab is empty', () => {
    expect(render(mixed, [ALICE], 'incoming')).toContain('No incoming messages.')
  })
})
