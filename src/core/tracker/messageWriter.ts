/**
 * The one writer of tracked messages (docs/ARCHITECTURE.md §5): every change goes through `store.update`, as pure
 * status-machine events applied to the record the store holds *now* — never a copy read earlier — and the tracker's
 * events go out for what really changed. The poller, discovery and the relay flow all write through here.
 */
import type { Hex } from 'viem'

import type { TrackedMessage } from '../model/message'
import { reduceAll, type ReduceResult, type TrackerEvent } from '../model/status'
import { normalizeHash } from '../store/storedForm'
import type { MessageStore } from '../store/types'
import { UnknownMessageError } from './errors'
import type { TrackerEventHub } from './events'

export interface MessageWriter {
  /** Apply each message's events, in order, to its current record; unknown hashes are skipped. */
  apply(events: ReadonlyMap<Hex, readonly TrackerEvent[]>): Promise<ReduceResult[]>
  /** Apply events to one message; throws `UnknownMessageError` when it is not tracked. */
  applyTo(hash: Hex, ...events: TrackerEvent[]): Promise<TrackedMessage>
  /**
   * Compare-and-set: apply `events` only if `check` accepts the current record (it throws to refuse, and then
   * nothing is written). How the relay flow claims a message, so two relays of one message cannot both start.
   */
  applyIf(
    hash: Hex,
    check: (current: TrackedMessage) => void,
    ...events: TrackerEvent[]
  ): Promise<TrackedMessage>
  /**
   * Insert discovered messages. One already tracked gains the new one's accounts and goes through `events` (for
   * it, by hash) — discovery's verdict on where its live log is — but keeps its status otherwise.
   */
  add(
    found: readonly TrackedMessage[],
    events?: ReadonlyMap<Hex, readonly TrackerEvent[]>,
  ): Promise<TrackedMessage[]>
  remove(hashes: readonly Hex[]): Promise<void>
}

export function createMessageWriter(options: {
  store: MessageStore
  events: TrackerEventHub
  now: () => number
}): MessageWriter {
  const { store, events, now } = options

  function announce(results: readonly ReduceResult[]): void {
    for (const r of results) {
      if (!r.changed) continue
      events.emit('messageUpdated', { message: r.message, from: r.from, to: r.to })
      const done = (s: string) => s === 'relayed' || s === 'finalized'
      if (done(r.to) && !done(r.from)) events.emit('relayed', { message: r.message })
    }
  }

  async function apply(byHash: ReadonlyMap<Hex, readonly TrackerEvent[]>): Promise<ReduceResult[]> {
    const hashes = [...byHash.keys()]
    if (hashes.length === 0) return []
    const keyed = new Map([...byHash].map(([hash, list]) => [normalizeHash(hash), list]))
    const results = new Map<Hex, ReduceResult>()
    await store.updateMany(hashes, (current, hash) => {
      if (!current) return undefined
      const result = reduceAll(current, keyed.get(hash) ?? [], now())
      results.set(hash, result)
      return result.changed ? result.message : undefined
    })
    const out = [...results.values()]
    announce(out)
    return out
  }

  async function applyIf(
    hash: Hex,
    check: (current: TrackedMessage) => void,
    ...list: TrackerEvent[]
  ): Promise<TrackedMessage> {
    let result: ReduceResult | undefined
    const stored = await store.update(hash, (current) => {
      if (!current) return undefined
      check(current)
      result = reduceAll(current, list, now())
      return result.changed ? result.message : undefined
    })
    if (!stored || !result) throw new UnknownMessageError(hash)
    announce([result])
    return stored
  }

  return {
    apply,

    applyIf,
    applyTo: (hash, ...list) => applyIf(hash, () => {}, ...list),

    add: (found, byHash) => addDiscovered(store, now, announce, events, found, byHash),

    async remove(hashes) {
      for (const hash of hashes) {
        await store.remove(hash)
        events.emit('messageRemoved', { hash: normalizeHash(hash) })
      }
    },
  }
}

/**
 * Insert what discovery found; a message already tracked gains accounts and goes through discovery's verdict
 * (`byHash`), all in one atomic write. New ones are announced as added, changed ones as updated.
 */
async function addDiscovered(
  store: MessageStore,
  now: () => number,
  announce: (results: readonly ReduceResult[]) => void,
  events: TrackerEventHub,
  found: readonly TrackedMessage[],
  byHash: ReadonlyMap<Hex, readonly TrackerEvent[]> = new Map(),
): Promise<TrackedMessage[]> {
  const incoming = new Map<Hex, TrackedMessage>()
  for (const m of found) {
    const key = normalizeHash(m.hash)
    const seen = incoming.get(key)
    incoming.set(key, seen ? { ...seen, accounts: [...new Set([...seen.accounts, ...m.accounts])] } : m)
  }
  const keyedEvents = new Map([...byHash].map(([hash, list]) => [normalizeHash(hash), list]))
  const inserted = new Set<Hex>()
  const updated: ReduceResult[] = []
  const stored = await store.updateMany([...incoming.keys()], (current, hash) => {
    const m = incoming.get(hash)!
    if (!current) {
      inserted.add(hash)
      return m
    }
    const accounts = [...new Set([...current.accounts, ...m.accounts.map((a) => a.toLowerCase() as Hex)])]
    const merged = accounts.length === current.accounts.length ? current : { ...current, accounts }
    const result = reduceAll(merged, keyedEvents.get(hash) ?? [], now())
    if (merged === current && !result.changed) return undefined
    const next = { ...result.message, updatedAt: now() }
    updated.push({ message: next, changed: true, from: current.status, to: next.status })
    return next
  })
  for (const message of stored) {
    if (message && inserted.has(normalizeHash(message.hash))) events.emit('messageAdded', { message })
  }
  announce(updated)
  return stored.filter((m): m is TrackedMessage => m !== undefined)
}
