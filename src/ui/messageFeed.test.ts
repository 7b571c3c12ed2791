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
