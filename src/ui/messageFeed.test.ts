import { describe, expect, it } from 'vitest'

import type { TrackerApi, TrackerUpdate } from '../core/tracker/api'
import type { TrackedMessage } from '../core/model/message'
import { startMessageFeed } from './messageFeed'
import type { TrackerLoadState } from './messageFeed'
import { CHAINS, makeMessage, NOW } from './messageFixtures.test-helper'

/** A tracker whose listMessages() answers when the test says so. */
function controllableTracker() {
  const listeners = new Set<(update: TrackerUpdate) => void>()
  let answer!: (messages: TrackedMessage[]) => void
  let fail!: (error: unknown) => void
  const listed = new Promise<TrackedMessage[]>((resolve, reject) => {
    answer = resolve
    fail = reject
  })
  const api = {
    listMessages: () => listed,
    listChains: async () => CHAINS,
    subscribe(listener: (update: TrackerUpdate) => void) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  } as unknown as TrackerApi
  return {
    api,
    answer,
    fail,
    emit: (update: TrackerUpdate) => listeners.forEach((listener) => listener(update)),
    listenerCount: () => listeners.size,
  }
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

function record() {
  const states: TrackerLoadState[] = []
  const errors: string[] = []
  return {
    states,
    errors,
    listener: {
      onState: (s: TrackerLoadState) => states.push(s),
      onTrackerError: (e: string) => errors.push(e),
      onTrackerErrorCleared: () => errors.push('(cleared)'),
    },
    last: () => states[states.length - 1],
  }
}

const a = makeMessage({ seed: 1, createdAt: NOW - 2000 })
const b = makeMessage({ seed: 2, createdAt: NOW - 1000 })

describe('startMessageFeed', () => {
  it('loads sorted messages and the chains', async () => {
    const tracker = controllableTracker()
    const log = record()
    startMessageFeed(tracker.api, log.listener)
    tracker.answer([a, b])
    await flush()
    expect(log.last()).toEqual({ phase: 'ready', messages: [b, a], chains: CHAINS, health: [] })
  })

  it('keeps each chain’s health: what the tracker reports at load, then every change it pushes', async () => {
    const tracker = controllableTracker()
    const down = { chainId: 902, state: 'unreachable' as const, lastOkAt: NOW - 60_000, retryAt: NOW + 5_000 }
    ;(tracker.api as { chainHealth: () => Promise<unknown> }).chainHealth = async () => [
      { chainId: 901, state: 'ok', lastOkAt: NOW },
      down,
    ]
    const log = record()
    startMessageFeed(tracker.api, log.listener)
    tracker.answer([a])
    await flush()
    expect(log.last()).toMatchObject({ health: [{ chainId: 901, state: 'ok' }, down] })
    tracker.emit({ type: 'chainHealth', health: { chainId: 902, state: 'ok', lastOkAt: NOW } })
    expect(log.last()).toMatchObject({
      health: [
        { chainId: 901, state: 'ok' },
        { chainId: 902, state: 'ok' },
      ],
    })
  })

  it('keeps updates that arrive while loading and replays them over the list', async () => {
    const tracker = controllableTracker()
    const log = record()
    startMessageFeed(tracker.api, log.listener)
    const relayed = { ...a, status: 'relayed' as const }
    tracker.emit({ type: 'messageUpdated', message: relayed, from: 'ready', to: 'relayed' })
    tracker.emit({ type: 'messageAdded', message: b })
    expect(log.states).toEqual([])
    tracker.answer([a]) // the list was read before the update
    await flush()
    expect(log.states).toHaveLength(1)
    expect(log.last()).toMatchObject({ phase: 'ready', messages: [b, relayed] })
  })

  it('applies later updates in place', async () => {
    const tracker = controllableTracker()
    const log = record()
    startMessageFeed(tracker.api, log.listener)
    tracker.answer([a, b])
    await flush()
    const failed = { ...b, status: 'failed' as const, failure: { reason: 'OutOfGas', at: NOW } }
    tracker.emit({ type: 'messageUpdated', message: failed, from: 'ready', to: 'failed' })
    tracker.emit({ type: 'messageRemoved', hash: a.hash })
    expect(log.last()).toMatchObject({ phase: 'ready', messages: [failed] })
  })

  it('hands a failed load over as it is (the UI words it), and tracker errors separately', async () => {
    const tracker = controllableTracker()
    const log = record()
    startMessageFeed(tracker.api, log.listener)
    tracker.emit({ type: 'error', message: 'RPC timeout', context: 'poll 902' })
    const failure = new Error('Background worker did not answer')
    tracker.fail(failure)
    await flush()
    expect(log.errors).toEqual(['RPC timeout\n(while poll 902)'])
    expect(log.last()).toEqual({ phase: 'error', error: failure })
  })

  it('withdraws an error about a chain once that chain is back to ok after being down (a devnet restart)', async () => {
    const tracker = controllableTracker()
    const log = record()
    startMessageFeed(tracker.api, log.listener)
    tracker.answer([a])
    await flush()
    const reach = { type: 'error', message: 'HTTP request failed.', chainId: 902 } as const
    tracker.emit({ type: 'chainHealth', health: { chainId: 902, state: 'ok', lastOkAt: NOW } })
    // The scan fails first, the poll then marks the chain down, and it answers again.
    tracker.emit({ ...reach, context: 'scanning OP B for 0xabc' })
    tracker.emit({
      type: 'chainHealth',
      health: { chainId: 902, state: 'unreachable', error: 'fetch failed' },
    })
    tracker.emit({ type: 'chainHealth', health: { chainId: 901, state: 'ok', lastOkAt: NOW + 1 } })
    expect(log.errors).toEqual(['HTTP request failed.\n(while scanning OP B for 0xabc)'])
    tracker.emit({ type: 'chainHealth', health: { chainId: 902, state: 'ok', lastOkAt: NOW + 2 } })
    expect(log.errors).toEqual(['HTTP request failed.\n(while scanning OP B for 0xabc)', '(cleared)'])

    // Reported while the chain was already down: its return withdraws it too.
    tracker.emit({ type: 'chainHealth', health: { chainId: 902, state: 'unreachable' } })
    tracker.emit({ ...reach, context: 'polling OP B (902)' })
    tracker.emit({ type: 'chainHealth', health: { chainId: 902, state: 'ok', lastOkAt: NOW + 3 } })
    expect(log.errors.slice(2)).toEqual(['HTTP request failed.\n(while polling OP B (902))', '(cleared)'])
  })

  it('keeps an error on a chain that stayed ok, one about no chain, and one about another chain', async () => {
    const tracker = controllableTracker()
    const log = record()
    startMessageFeed(tracker.api, log.listener)
    tracker.answer([a])
    await flush()
    tracker.emit({ type: 'chainHealth', health: { chainId: 902, state: 'ok', lastOkAt: NOW } })
    tracker.emit({ type: 'error', message: 'block range too large', context: 'scanning OP B', chainId: 902 })
    tracker.emit({ type: 'chainHealth', health: { chainId: 902, state: 'ok', lastOkAt: NOW + 1 } })
    tracker.emit({ type: 'chainHealth', health: { chainId: 901, state: 'unreachable' } })
    tracker.emit({ type: 'error', message: 'store closed', context: 'polling' })
    tracker.emit({ type: 'chainHealth', health: { chainId: 901, state: 'ok', lastOkAt: NOW + 2 } })
    tracker.emit({ type: 'chainHealth', health: { chainId: 902, state: 'reset' } })
    tracker.emit({ type: 'error', message: 'gone', context: 'scanning OP A', chainId: 901 })
    tracker.emit({ type: 'chainHealth', health: { chainId: 902, state: 'ok', lastOkAt: NOW + 3 } })
    expect(log.errors).not.toContain('(cleared)')
  })

  it('merges a direct answer, keeping a newer copy it already holds', async () => {
    const tracker = controllableTracker()
    const log = record()
    const feed = startMessageFeed(tracker.api, log.listener)
    feed.merge([a]) // before loading: nothing to merge into, the load brings it anyway
    tracker.answer([{ ...a, updatedAt: NOW }])
    await flush()
    feed.merge([{ ...a, status: 'initiated', updatedAt: NOW - 5000 }, b])
    expect(log.last()).toMatchObject({ phase: 'ready', messages: [b, { hash: a.hash, status: 'ready' }] })
  })

  it('stops: unsubscribes and reports nothing more, not even the load in flight', async () => {
    const tracker = controllableTracker()
    const log = record()
    const feed = startMessageFeed(tracker.api, log.listener)
    expect(tracker.listenerCount()).toBe(1)
    feed.stop()
    expect(tracker.listenerCount()).toBe(0)
    tracker.answer([a])
    await flush()
    expect(log.states).toEqual([])
  })
})
