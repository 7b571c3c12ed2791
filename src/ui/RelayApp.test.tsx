import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'

import { cannedTracker, makeMessage } from './messageFixtures.test-helper'
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
})
