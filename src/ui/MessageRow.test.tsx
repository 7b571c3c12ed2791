import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'

import type { Address } from 'viem'

import type { TrackedMessage } from '../core/model/message'
import type { ChainHealth } from './chainHealth'
import { ALICE, BOB, CHAINS, CAROL, makeMessage, NOW } from './messageFixtures.test-helper'
import { MessageRow } from './MessageRow'

function render(
  message: TrackedMessage,
  options: { relay?: boolean; expanded?: boolean; accounts?: Address[]; stale?: ChainHealth } = {},
): string {
  return renderToStaticMarkup(
    <MessageRow
      message={message}
      chains={CHAINS}
      accounts={options.accounts}
      stale={options.stale}
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
  it('summarises a ready token transfer as needing a relay, in amber, and offers Relay', () => {
    const html = render(makeMessage({ kind: 'erc20', status: 'ready', sentSecondsAgo: 180 }))
    expect(html).toContain('10 MOCK to 0x7099…79C8')
    expect(html).toContain('OP A → OP B · 3 min ago')
    expect(html).toMatch(/class="scr-badge scr-tone-action" data-status="ready">Needs relay</)
    expect(html).toContain('Nobody has relayed it: relay it to finish on OP B')
    expect(html).toMatch(relayButton)
    expect(html).not.toMatch(retryButton)
  })

  it('says "to you" and "from 0x…" from the watched account’s side', () => {
    expect(render(makeMessage(), { accounts: [BOB] })).toContain('10 MOCK from 0xf39F…2266')
    expect(render(makeMessage(), { accounts: [ALICE] })).toContain('10 MOCK to 0x7099…79C8')
  })

  it('shows a delivered transfer in green, once, whether final or not', () => {
    for (const status of ['relayed', 'finalized'] as const) {
      const html = render(makeMessage({ status }))
      expect(html).toMatch(/class="scr-badge scr-tone-success" data-status="\w+">Delivered ✓</)
      expect(html.match(/Finali[sz]ed/g)).toBeNull()
    }
  })

  it('marks a row whose chain is not answering as stale, and turns Relay off', () => {
    const stale: ChainHealth = { chainId: 902, state: 'unreachable', lastOkAt: NOW - 60_000 }
    const html = render(makeMessage({ status: 'ready', sentSecondsAgo: 60 }), { stale })
    expect(html).toContain('data-stale="true"')
    expect(html).toMatch(/Status from \d\d:\d\d: can&#x27;t reach OP B/)
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*>Relay<\/button>/)
    expect(html).toContain('title="Relay is unavailable until OP B answers again"')
  })

  it('summarises ETH transfers and generic messages', () => {
    expect(render(makeMessage({ kind: 'eth', status: 'initiated' }))).toContain('1.5 ETH to 0x7099…79C8')
    const generic = render(makeMessage({ kind: 'generic', status: 'relayed' }))
    expect(generic).toContain(`Message to 0x3C44…93BC (0x12345678)`)
    expect(CAROL.endsWith('93BC')).toBe(true)
  })

  it('offers Retry with the decoded reason when the relay failed', () => {
    const html = render(
      makeMessage({
        status: 'failed',
        failure: { reason: 'ERC20InsufficientBalance(0x…, 0, 10)', at: NOW },
        sentSecondsAgo: 60,
      }),
    )
    expect(html).toMatch(retryButton)
    expect(html).not.toMatch(relayButton)
    expect(html).toContain('The relay failed: ERC20InsufficientBalance(0x…, 0, 10)')
  })

  it('explains that an expired message must be resent on the source, and offers Resend', () => {
    const html = render(makeMessage({ status: 'expired' }))
    expect(html).toContain('Too old to relay: resend it on OP A first')
    expect(html).toMatch(resendButton)
    expect(html).not.toMatch(relayButton)
    expect(html).not.toMatch(retryButton)
  })

  it('on messenger 2.x an expired message offers no Resend and says it can no longer be relayed', () => {
    const html = render(makeMessage({ status: 'expired', sourceMessenger: '2.0.0' }))
    expect(html).toContain('Expired: can no longer be relayed')
    expect(html).not.toMatch(resendButton)
    const expiry = {
      transactionHash: `0x${'77'.repeat(32)}`,
      blockHash: `0x${'88'.repeat(32)}`,
      blockNumber: 9n,
      undeliveredAt: 1n,
    } as const
    const final = render(makeMessage({ status: 'expired', sourceMessenger: '2.0.0', expiry }))
    expect(final).toContain('Expired: can no longer be relayed (OP A marked it expired)')
    expect(final).not.toMatch(resendButton)
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
    expect(expired).toContain('Too old to relay: resend it on OP A first')
  })

  it('offers only Remove for a message its source chain no longer has, and says why', () => {
    const html = renderToStaticMarkup(
      <MessageRow
        message={makeMessage({
          status: 'vanished',
          locationChange: { cause: 'chainReset', at: NOW },
        })}
        chains={CHAINS}
        now={NOW}
        expanded
        onToggle={() => {}}
        onRelay={() => {}}
        onForget={() => {}}
      />,
    )
    expect(html).toMatch(/data-status="vanished">Gone</)
    // The row says plainly that the chain was reset and the transfer is gone; Remove opens a confirmation.
    expect(html).toContain('No longer exists: OP A was reset')
    expect(html).toContain('OP A was reset: this message no longer exists there, and cannot be relayed.')
    expect(html).toMatch(/>Remove…<\/button>/)
    expect(html).not.toMatch(relayButton)
    // One Remove is enough: the expanded row adds no second one.
    expect(html).not.toContain('Remove from list…')
  })

  it('lets any expanded row be removed from the list, and no collapsed one', () => {
    const row = (status: TrackedMessage['status'], expanded: boolean) =>
      renderToStaticMarkup(
        <MessageRow
          message={makeMessage({ status, sentSecondsAgo: 60 })}
          chains={CHAINS}
          now={NOW}
          expanded={expanded}
          onToggle={() => {}}
          onForget={() => {}}
        />,
      )
    for (const status of ['ready', 'relaying', 'finalized', 'failed'] as const) {
      expect(row(status, true)).toMatch(
        /aria-label="Remove 10 MOCK to 0x7099…79C8 from the list…"[^>]*>Remove from list…</,
      )
      expect(row(status, false)).not.toContain('Remove from list…')
    }
  })

  it('offers no Relay while a relay is already on its way', () => {
    const relaying = makeMessage({
      status: 'ready',
      sentSecondsAgo: 60,
      pendingRelay: { transactionHash: `0x${'1'.repeat(64)}`, relayer: BOB, submittedAt: NOW },
    })
    expect(render(relaying)).not.toMatch(relayButton)
  })

  it('shows the Timeline only when expanded', () => {
    const message = makeMessage({ status: 'ready' })
    expect(render(message)).not.toContain('scr-timeline')
    const html = render(message, { expanded: true })
    expect(html).toContain('scr-timeline')
    expect(html).toContain('aria-expanded="true"')
  })
})
