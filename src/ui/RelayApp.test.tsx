import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'

import { ALICE, CHAINS, cannedTracker, makeMessage, NOW } from './messageFixtures.test-helper'
import { buildMessagePreview } from './messagePreview'
import { RelayApp } from './RelayApp'

describe('RelayApp', () => {
  it('renders its own scoped stylesheet and the loading state first', () => {
    const { api, calls } = cannedTracker([makeMessage()])
    const html = renderToStaticMarkup(<RelayApp api={api} signers={['wallet']} />)
    expect(html).toMatch(/^<div class="scr-root scr-theme-auto"/)
    expect(html).toContain('<style>')
    for (const name of [
      '--scr-bg',
      '--scr-fg',
      '--scr-accent',
      '--scr-danger',
      '--scr-muted',
      '--scr-border',
    ]) {
      expect(html).toContain(`var(${name}, `)
    }
    expect(html).toContain('Loading messages…')
    // Server rendering runs no effects: nothing was asked of the tracker.
    expect(calls).toEqual([])
  })

  it('applies the chosen theme', () => {
    const { api } = cannedTracker()
    expect(renderToStaticMarkup(<RelayApp api={api} signers={[]} theme="dark" />)).toContain(
      'class="scr-root scr-theme-dark"',
    )
  })

  it('paints a preview before the tracker answers, with its counts, marked "as of", and offers no action on it', () => {
    // Ready and relayable (its log is known): a live list with a signer shows Relay on each of these.
    const messages = Array.from({ length: 30 }, (_, i) =>
      makeMessage({ seed: i + 1, sentSecondsAgo: 60 * (i + 1) }),
    )
    const preview = buildMessagePreview({
      messages,
      accounts: [ALICE],
      chains: CHAINS,
      health: [],
      asOf: NOW,
      rowsPerTab: 5,
    })
    const { api, calls } = cannedTracker(messages)
    const html = renderToStaticMarkup(
      <RelayApp api={api} signers={['wallet', 'relayAccount']} preview={preview} />,
    )
    expect(html).not.toContain('Loading messages…')
    expect(html).toContain('class="scr-as-of"')
    expect(html.match(/class="scr-row-main"/g)).toHaveLength(5)
    expect(html).toContain('<span class="scr-count">30</span>')
    // The list is as tall as the whole tab, so the scrollbar does not jump when the live list arrives.
    expect(html).toContain('aria-setsize="30"')
    expect(html).not.toMatch(/>Relay</)
    expect(html).toMatch(/<button type="button" class="scr-button scr-button-small"[^>]* disabled=""/)
    expect(calls).toEqual([])
  })
})
