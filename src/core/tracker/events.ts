/**
 * A tiny typed event emitter, so the popup, the widget and the background tell each other about tracker changes
 * with one shape. Hand-written rather than Node's `events` because core runs in an MV3 service worker, where that
 * module exists only through a bundler shim (docs/ARCHITECTURE.md §6), and because we want the payload typed per event name.
 *
 * Delivery is synchronous, in subscription order, with DOM `EventTarget` semantics: a listener added during an emit
 * first hears the next one; a listener removed (or cleared) during an emit is not called by it. A listener that throws (or whose promise
 * rejects) never stops the others; the error goes to `onListenerError`, by default `console.error`, because one
 * broken UI panel must not freeze the badge or the notifications.
 */
import type { Hex } from 'viem'

import type { MessageStatus, TrackedMessage } from '../model/message'
import type { ChainHealth } from './chainHealth'

/** What the tracker publishes. */
export interface TrackerEventMap {
  messageAdded: { message: TrackedMessage }
  messageUpdated: { message: TrackedMessage; from: MessageStatus; to: MessageStatus }
  messageRemoved: { hash: Hex }
  /** The moment a message is seen executed on its destination: what notifications announce. */
  relayed: { message: TrackedMessage }
  /** A chain's health changed (chainHealth.ts). */
  chainHealth: { health: ChainHealth }
  /** A chain was found reset (a devnet restart); `affected` messages were voided and are being re-located. */
  chainReset: { chainId: number; affected: number }
  /** `chainId`: the one chain the problem is about, when it is about one (a UI clears it once that chain is ok). */
  error: { error: Error; context: string; chainId?: number }
}

/**
 * Listeners may be async; a returned promise that rejects is reported like a throw. The return type is `unknown`
 * rather than `void | Promise<void>` so terse listeners like `(e) => list.push(e)` type-check.
 */
export type EventListener<Payload> = (payload: Payload) => unknown

export interface EventHub<EventMap extends object> {
  /** Subscribe; the returned function unsubscribes (calling it twice is harmless). */
  on<K extends keyof EventMap>(type: K, listener: EventListener<EventMap[K]>): () => void
  /** Subscribe for the next event of this type only. */
  once<K extends keyof EventMap>(type: K, listener: EventListener<EventMap[K]>): () => void
  emit<K extends keyof EventMap>(type: K, payload: EventMap[K]): void
  /** Drop the listeners of one type, or all of them (a UI tearing down, a worker shutting down). */
  clear(type?: keyof EventMap): void
  listenerCount(type: keyof EventMap): number
}

export interface EventHubOptions<EventMap extends object> {
  onListenerError?: (error: unknown, type: keyof EventMap) => void
}

export type TrackerEventHub = EventHub<TrackerEventMap>

/**
 * Each subscription is its own entry, so subscribing the same function twice gives two deliveries and two
 * independent unsubscribes — as with `addEventListener` callers that do not expect deduplication.
 */
interface Subscription<Payload> {
  listener: EventListener<Payload>
}

export function createEventHub<EventMap extends object>(
  options: EventHubOptions<EventMap> = {},
): EventHub<EventMap> {
  const onListenerError = options.onListenerError ?? defaultListenerError
  const subscriptions = new Map<keyof EventMap, Set<Subscription<never>>>()

  function report(error: unknown, type: keyof EventMap): void {
    try {
      onListenerError(error, type)
    } catch {
      // The error reporter itself failed; there is nowhere left to report to, and emit must not throw.
    }
  }

  function subscribe<K extends keyof EventMap>(type: K, subscription: Subscription<EventMap[K]>): () => void {
    let set = subscriptions.get(type)
    if (!set) {
      set = new Set()
      subscriptions.set(type, set)
    }
    set.add(subscription as Subscription<never>)
    return () => {
      subscriptions.get(type)?.delete(subscription as Subscription<never>)
    }
  }

  return {
    on(type, listener) {
      return subscribe(type, { listener })
    },

    once(type, listener) {
      const unsubscribe = subscribe(type, {
        listener: (payload) => {
          // Unsubscribe first, so an emit of the same type from inside the listener does not re-enter it.
          unsubscribe()
          return listener(payload)
        },
      })
      return unsubscribe
    },

    emit(type, payload) {
      const set = subscriptions.get(type)
      if (!set || set.size === 0) return
      for (const subscription of [...set] as Subscription<typeof payload>[]) {
        // Unsubscribed by an earlier listener of this same emit: honour it.
        if (!set.has(subscription as Subscription<never>)) continue
        try {
          const result = subscription.listener(payload)
          if (isPromiseLike(result)) result.then(undefined, (error: unknown) => report(error, type))
        } catch (error) {
          report(error, type)
        }
      }
    },

    clear(type) {
      // Empty the sets too, so an emit in progress stops calling the cleared listeners.
      const cleared = type === undefined ? [...subscriptions.values()] : [subscriptions.get(type)]
      for (const set of cleared) set?.clear()
      if (type === undefined) subscriptions.clear()
      else subscriptions.delete(type)
    },

    listenerCount(type) {
      return subscriptions.get(type)?.size ?? 0
    },
  }
}

function defaultListenerError(error: unknown, type: PropertyKey): void {
  console.error(`[superchain-relay] a listener for "${String(type)}" threw`, error)
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' && value !== null && typeof (value as PromiseLike<unknown>).then === 'function'
  )
}
