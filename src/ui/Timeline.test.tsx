import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'

import type { TrackedMessage } from '../core/model/message'
import { explorerUrlFromChains } from './format'
import { BOB, CHAINS, hex32, makeMessage, NOW } from './messageFixtures.test-helper'
import { stepStates } from './statusText'
import { Timeline } from './Timeline'

function render(message: TrackedMessage): string {
  return renderToStaticMarkup(
    <Timeline message={message} chains={CHAINS} now={NOW} explorerUrl={explorerUrlFromChains(CHAINS)} />,
  )
}

/** The state of each step, in order, as rendered. */
function renderedStates(html: string): string[] {
  return [...html.matchAll(/data-state="(\w+)"/g)].map((match) => match[1] ?? '')
}

describe('Timeline', () => {
  it('highlights the step the message has reached', () => {
    expect(stepStates('pending')).toEqual({
      sent: 'current',
      included: 'upcoming',
      ready: 'upcoming',
      relayed: 'upcoming',
      finalized: 'upcoming',
    })
    expect(renderedStates(render(makeMessage({ status: 'ready', sentSecondsAgo: 60 })))).toEqual([
      'done',
      'done',
      'current',
      'upcoming',
      'upcoming',
    ])
    // Finalized is the end: every step done, none drawn in progress.
    expect(renderedStates(render(makeMessage({ status: 'finalized' })))).toEqual([
      'done',
      'done',
      'done',
      'done',
      'done',
    ])
  })

  it('names the current step like the row badge, and uses core’s progress for every status', () => {
    expect(render(makeMessage({ status: 'initiated' }))).toMatch(
      /data-state="current" data-step="included" aria-current="step"><div class="scr-step-label">In transit</,
    )
    expect(render(makeMessage({ status: 'ready' }))).toContain(
      '<div class="scr-step-label">Needs relay</div>',
    )
    // reorged and vanished lost their block: stuck on that step, as the CLI draws them (core's progressOf).
    expect(stepStates('reorged')).toMatchObject({ sent: 'done', included: 'problem' })
    expect(stepStates('vanished')).toMatchObject({ sent: 'done', included: 'problem', ready: 'upcoming' })
    const finalized = render(makeMessage({ status: 'finalized' }))
    expect(finalized.match(/Finali[sz]ed/g)).toBeNull()
  })

  it('marks a stuck message as a problem at the step it is stuck on', () => {
    expect(stepStates('failed').ready).toBe('problem')
    expect(stepStates('expired').ready).toBe('problem')
    const html = render(makeMessage({ status: 'failed', failure: { reason: 'NotInAccessList()', at: NOW } }))
    expect(html).toContain(
      '<div class="scr-step-label">Relay failed</div><div class="scr-step-detail">NotInAccessList()',
    )
    expect(html.match(/aria-current="step"/g)).toHaveLength(1)
  })

  it('shows source safety under "included" and the expiry countdown under "ready"', () => {
    const html = render(makeMessage({ status: 'ready', sentSecondsAgo: 86_400, sourceSafety: 'unsafe' }))
    expect(html).toContain('Block 1234 on OP A, 1 day ago')
    expect(html).toContain('data-safety="unsafe"')
    // A fresh block is normal: no warning, just words.
    expect(html).toContain('not final yet')
    expect(html).toContain('expires in 6 days')
    const fresh = render(makeMessage({ status: 'ready', sentSecondsAgo: 30 }))
    expect(fresh).toContain('expires in 7 days')
  })

  it('links the source tx to the explorer when the chain has one, and shows who relayed', () => {
    const html = render(
      makeMessage({
        status: 'relayed',
        sentSecondsAgo: 600,
        sourceSafety: 'safe',
        relay: { transactionHash: hex32(0x4e1a), relayer: BOB, blockNumber: 99n },
        destinationSafety: 'unsafe',
      }),
    )
    expect(html).toContain(`href="https://a.example/tx/${hex32(0x5000_0001)}"`)
    // OP B has no explorer: hashes there are plain text with the full value in the title.
    expect(html).toContain(`title="${hex32(0x4e1a)}"`)
    expect(html).toContain(`title="${BOB}"`)
    expect(html).toContain('0x7099…79C8')
    expect(html).toContain('OP B finalizes the relay&#x27;s block in a few minutes')
    expect(html.match(/data-safety=/g)).toHaveLength(2)
    // Every hash and address can be copied, in full and checksummed.
    expect(html).toContain(`data-copy="${BOB}"`)
    expect(html).toContain(`data-copy="${hex32(0x4e1a)}"`)
  })

  it('explains how to revive an expired message', () => {
    expect(render(makeMessage({ status: 'expired' }))).toContain('Resend it on OP A to emit it again')
  })
})
