import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'

import { makeMessage, NOW } from './messageFixtures.test-helper'
import { MessageList } from './MessageList'
import { ROW_HEIGHT } from './styles'

const thousand = Array.from({ length: 1000 }, (_, i) =>
  makeMessage({ seed: i + 1, createdAt: NOW - i * 1000 }),
)

describe('MessageList', () => {
  it('renders a bounded number of rows for 1,000 messages, in a spacer as tall as all of them', () => {
    const html = renderToStaticMarkup(
      <MessageList
        messages={thousand}
        initialViewportHeight={480}
        renderMessage={(message) => <span className="probe">{message.nonce.toString()}</span>}
      />,
    )
    const rows = html.match(/role="listitem"/g) ?? []
    expect(rows.length).toBeGreaterThan(5)
    expect(rows.length).toBeLessThanOrEqual(20)
    expect(html).toContain(`height:${1000 * ROW_HEIGHT}px`)
    expect(html).toContain('aria-setsize="1000"')
    expect(html).toContain('<span class="probe">1</span>')
    expect(html).not.toContain('<span class="probe">100</span>')
  })

  it('renders the expanded row with its content and no fixed height', () => {
    const html = renderToStaticMarkup(
      <MessageList
        messages={thousand.slice(0, 3)}
        expandedHash={thousand[1]?.hash}
        renderMessage={(message, expanded) => (expanded ? <b>open {message.nonce.toString()}</b> : null)}
      />,
    )
    expect(html).toContain('<b>open 2</b>')
    expect(html).toContain('class="scr-row scr-row-expanded"')
  })
})
