import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'

import { ChainHealthBanner } from './ChainHealthBanner'
import { healthSentence, stalenessOf, type ChainHealth } from './chainHealth'
import { clockTime } from './format'
import { CHAINS, makeMessage, NOW } from './messageFixtures.test-helper'

const down: ChainHealth = {
  chainId: 902,
  state: 'unreachable',
  lastOkAt: NOW - 5 * 60_000,
  retryAt: NOW + 12_000,
  error: 'HTTP request failed. (fetch failed)',
}

describe('ChainHealthBanner', () => {
  it('shows nothing while every chain answers', () => {
    const html = renderToStaticMarkup(
      <ChainHealthBanner health={[{ chainId: 901, state: 'ok' }]} chains={CHAINS} now={NOW} />,
    )
    expect(html).toBe('')
  })

  it('names the chain and its RPC, how old the statuses are and when it retries; the error behind Details', () => {
    const html = renderToStaticMarkup(<ChainHealthBanner health={[down]} chains={CHAINS} now={NOW} />)
    expect(html).toContain(
      `Can&#x27;t reach OP B (127.0.0.1:9546) — status from ${clockTime(NOW - 5 * 60_000)}, retrying in 12 s.`,
    )
    expect(html).toMatch(
      /<details class="scr-details"><summary>Details<\/summary><pre[^>]*>HTTP request failed/,
    )
    expect(html).toContain('role="status"')
  })

  it('words a wrong chain and a reset chain', () => {
    expect(healthSentence({ chainId: 901, state: 'wrongChain', servedChainId: 902 }, CHAINS, NOW)).toBe(
      'The RPC of OP A (127.0.0.1:9545) answers for chain 902: check its URL — retrying.',
    )
    expect(healthSentence({ chainId: 901, state: 'reset' }, CHAINS, NOW)).toBe(
      'OP A was restarted from scratch: transfers sent on it before may no longer exist.',
    )
  })
})

describe('stalenessOf', () => {
  it('marks a message stale when its source or destination is not answering, unless it is final', () => {
    expect(stalenessOf(makeMessage({ status: 'ready' }), [down])).toBe(down)
    expect(stalenessOf(makeMessage({ status: 'ready' }), [{ chainId: 902, state: 'ok' }])).toBeUndefined()
    expect(stalenessOf(makeMessage({ status: 'finalized' }), [down])).toBeUndefined()
    // Gone for good once its source was reset: a destination that does not answer changes nothing.
    expect(stalenessOf(makeMessage({ status: 'vanished' }), [down])).toBeUndefined()
    expect(stalenessOf(makeMessage({ status: 'ready', destination: 903 }), [down])).toBeUndefined()
  })
})
