import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'

import type { TrackedMessage } from '../core/model/message'
import { CHAINS, CAROL, makeMessage, NOW } from './messageFixtures.test-helper'
import { MessageRow } from './MessageRow'

function render(message: TrackedMessage, options: { relay?: boolean; expanded?: boolean } = {}): string {
  return renderToStaticMarkup(
    <MessageRow
      message={message}
      chains={CHAINS}
      now={NOW}
      expanded={options.expanded ?? false}
      onToggle={() => {}}
      onRelay={options.relay === false ? undefined : () => {}}
      onResend={options.relay === false ? undefined : () => {}}
    />,
  )
}

const relayButton = />Relay<\/button>/
const retryButton = />Retry<\/button>/
const resendButton = />Resend<\/button>/

describe('MessageRow', () => {
  it('summarises a ready token transfer and offers Relay', () => {
    const html = render(makeMessage({ kind: 'erc20', status: 'ready', sentSecondsAgo: 180 }))
    expect(html).toContain('10 MOCK → 0x7099…79C8')
    expect(html).toContain('OP A → OP B · 3 min ago')
    expect(html).toContain('data-status="ready"')
    expect(html).toContain('Not relayed on OP B yet')
    expect(html).toMatch(relayButton)
    expect(html).not.toMatch(retryButton)
  })

  it('summarises ETH transfers and generic messages', () => {
    expect(render(makeMessage({ kind: 'eth', status: 'initiated' }))).toContain('1.5 ETH → 0x7099…79C8')
    const generic = render(makeMessage({ kind: 'generic', status: 'relayed' }))
    expect(generic).toContain(`Message to 0x3C44…93BC (0x12345678)`)
    expect(CAROL.endsWith('93BC')).toBe(true)
  })

  it('offers Retry with the decoded reason when the relay failed', () => {
    const html = render(
      makeMessage({ status: 'failed', failure: { reason: 'ERC20InsufficientBalance(0x…, 0, 10)', at: NOW } }),
    )
    expect(html).toMatch(retryButton)
    expect(html).not.toMatch(relayButton)
    expect(html).toContain('Relay failed: ERC20InsufficientBalance(0x…, 0, 10)')
  })

  it('explains that an expired message must be resent on the source, and offers Resend', () => {
    const html = render(makeMessage({ status: 'expired' }))
    expect(html).toContain('Expired — resend on OP A')
    expect(html).toMatch(resendButton)
    expect(html).not.toMatch(relayButton)
    expect(html).not.toMatch(retryButton)
  })

  it.each(['pending', 'initiated', 'relaying', 'relayed', 'finalized', 'reorged'] as const)(
    'has no action while %s',
    (status) => {
      const html = render(makeMessage({ status }))
      expect(html).not.toMatch(relayButton)
      expect(html).not.toMatch(retryButton)
      expect(html).not.toMatch(resendButton)
      expect(html).toContain(`data-status="${status}"`)
    },
  )

  it('offers no action when the shell has no signer, but still explains', () => {
    expect(render(makeMessage({ status: 'ready' }), { relay: false })).not.toMatch(relayButton)
    const expired = render(makeMessage({ status: 'expired' }), { relay: false })
    expect(expired).not.toMatch(resendButton)
    expect(expired).toContain('Expired — resend on OP A')
  })

  it('shows the Timeline only when expanded', () => {
    const message = makeMessage({ status: 'ready' })
    expect(render(message)).not.toContain('scr-timeline')
    const html = render(message, { expanded: true })
    expect(html).toContain('scr-timeline')
    expect(html).toContain('aria-expanded="true"')
  })
})
