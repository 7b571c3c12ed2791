import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'

import { buildFirstScreen, FIRST_SCREEN_ROWS } from './firstScreen'
import { firstScreenMarkup, type Markup } from './firstScreenMarkup'
import { ALICE, BOB, CHAINS, cannedTracker, makeMessage, NOW } from './messageFixtures.test-helper'
import { buildMessagePreview } from './messagePreview'
import { RelayApp } from './RelayApp'
import { RELAY_APP_CSS } from './styles'

/** HTML as react-dom/server writes it: attributes in order, text and attribute values escaped alike. */
const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' })[c]!,
  )
function html(node: Markup): string {
  if (typeof node === 'string') return escape(node)
  const attrs = node.attrs.map(([name, value]) => ` ${name}="${escape(value)}"`).join('')
  return `<${node.tag}${attrs}>${node.children.map(html).join('')}</${node.tag}>`
}

/** The stylesheet apart (checked on its own), and ids numbered by first use: React's and ours differ in name only. */
function normalized(markup: string): string {
  const ids = new Map<string, string>()
  return markup
    .replace(/<style>[\s\S]*?<\/style>/, '<style></style>')
    .replace(/(id|aria-controls|aria-labelledby)="([^"]+)"/g, (_, attr: string, value: string) => {
      if (!ids.has(value)) ids.set(value, `id${ids.size}`)
      return `${attr}="${ids.get(value)}"`
    })
}

function bothOf(messages: ReturnType<typeof makeMessage>[], accounts = [ALICE]) {
  const preview = buildMessagePreview({ messages, accounts, chains: CHAINS, health: [], asOf: NOW })
  const react = renderToStaticMarkup(
    <RelayApp
      api={cannedTracker(messages).api}
      signers={['relayAccount']}
      preview={preview}
      title="Relay"
      theme="dark"
    />,
  )
  // As many rows as RelayApp's first window holds, so the two are compared whole.
  const rows = react.match(/role="listitem"/g)?.length ?? 0
  const screen = buildFirstScreen(preview, rows)
  const ours =
    screen &&
    firstScreenMarkup(screen, { now: Date.now(), theme: 'dark', title: 'Relay', css: RELAY_APP_CSS })
  return { preview, react, ours, screen }
}

describe('firstScreenMarkup', () => {
  it("is RelayApp's markup over the same preview: tabs, counts, rows, positions, roles and ARIA", () => {
    const messages = [
      ...Array.from({ length: 25 }, (_, i) => makeMessage({ seed: i + 1, sentSecondsAgo: 90 * (i + 1) })),
      makeMessage({ seed: 40, kind: 'eth', status: 'relayed', sentSecondsAgo: 20 }),
      makeMessage({ seed: 41, kind: 'generic', status: 'failed' }),
      makeMessage({ seed: 42, status: 'expired', sentSecondsAgo: 8 * 86_400 }),
      makeMessage({ seed: 43, intent: { kind: 'eth', from: BOB, to: ALICE, amount: 5n } }),
    ]
    const { react, ours } = bothOf(messages)
    expect(ours).toBeDefined()
    expect(react.match(/role="listitem"/g)!.length).toBeGreaterThan(5)
    expect(normalized(html(ours!))).toBe(normalized(react))
    expect(html(ours!)).toContain(`<style>${escape(RELAY_APP_CSS)}</style>`)
  })

  it('describes only the first rows of the first tab, however many messages there are', () => {
    const messages = Array.from({ length: 300 }, (_, i) =>
      makeMessage({ seed: i + 1, sentSecondsAgo: i + 1 }),
    )
    const preview = buildMessagePreview({
      messages,
      accounts: [ALICE],
      chains: CHAINS,
      health: [],
      asOf: NOW,
    })
    const screen = buildFirstScreen(preview)!
    expect(screen.rows).toHaveLength(FIRST_SCREEN_ROWS)
    expect(screen.tabs).toEqual([
      { tab: 'outgoing', label: 'Outgoing', count: 300 },
      { tab: 'incoming', label: 'Incoming', count: 0 },
    ])
    expect(screen.rows.map((r) => r.hash)).toEqual(
      preview.tabs.outgoing!.messages.slice(0, FIRST_SCREEN_ROWS).map((m) => m.hash),
    )
  })

  it('is left out when RelayApp would show more than rows: a chain down, an empty list', () => {
    const messages = [makeMessage({ seed: 1, sentSecondsAgo: 60 })]
    const down = buildMessagePreview({
      messages,
      accounts: [ALICE],
      chains: CHAINS,
      health: [{ chainId: 902, state: 'unreachable', lastOkAt: NOW - 60_000 }],
      asOf: NOW,
    })
    expect(buildFirstScreen(down)).toBeUndefined()
    const empty = buildMessagePreview({
      messages: [],
      accounts: [ALICE],
      chains: CHAINS,
      health: [],
      asOf: NOW,
    })
    expect(buildFirstScreen(empty)).toBeUndefined()
  })
})
