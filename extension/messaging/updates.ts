/**
 * Live tracker updates for an open page, over a `chrome.runtime.connect` port. The port also tells the background
 * that someone is looking (it polls fast while one is open). When the worker stops, Chrome disconnects the port;
 * we reconnect with capped backoff (connecting wakes the worker) and then call `onReconnect`, because whatever
 * changed between the old worker's death and the new port is not replayed by anyone else.
 */
import { decode } from './codec'
import { UPDATES_PORT, type UpdatesMessage } from './protocol'
import { type TrackerUpdate } from '../../src/core'

export interface PortLike {
  postMessage(message: unknown): void
  disconnect(): void
  onMessage: { addListener(listener: (message: unknown) => void): void }
  onDisconnect: { addListener(listener: () => void): void }
}

export interface ConnectRuntime {
  connect(info: { name: string }): PortLike
}

export interface UpdatesConnection {
  /** Returns an unsubscribe function; the port closes when the last listener leaves. */
  subscribe(listener: (update: TrackerUpdate) => void): () => void
  /** Called after every reconnect (not the first connect). */
  onReconnect(listener: () => void): () => void
}

export function createUpdatesConnection(
  runtime: ConnectRuntime,
  options: { initialBackoffMs?: number; maxBackoffMs?: number } = {},
): UpdatesConnection {
  const listeners = new Set<(update: TrackerUpdate) => void>()
  const reconnectListeners = new Set<() => void>()
  const initialBackoff = options.initialBackoffMs ?? 100
  const maxBackoff = options.maxBackoffMs ?? 2_000
  let port: PortLike | undefined
  let backoff = initialBackoff
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  let connectedOnce = false

  function connect(): void {
    if (port || listeners.size === 0) return
    let current: PortLike
    try {
      current = runtime.connect({ name: UPDATES_PORT })
    } catch {
      // "Extension context invalidated": the extension was reloaded; nothing will ever answer this page again.
      return
    }
    port = current
    const reconnected = connectedOnce
    connectedOnce = true
    current.onMessage.addListener((message) => {
      // Any message proves the worker is up: the next drop starts backing off from the bottom again.
      backoff = initialBackoff
      const m = message as UpdatesMessage
      if (m?.type !== 'update') return
      const update = decode(m.update) as TrackerUpdate
      for (const listener of [...listeners]) listener(update)
    })
    current.onDisconnect.addListener(() => {
      if (port !== current) return
      port = undefined
      if (listeners.size === 0) return
      retryTimer = setTimeout(() => {
        retryTimer = undefined
        connect()
      }, backoff)
      backoff = Math.min(maxBackoff, backoff * 2)
    })
    if (reconnected) for (const listener of [...reconnectListeners]) listener()
  }

  return {
    subscribe(listener) {
      listeners.add(listener)
      connect()
      return () => {
        listeners.delete(listener)
        if (listeners.size > 0) return
        clearTimeout(retryTimer)
        retryTimer = undefined
        const open = port
        port = undefined
        open?.disconnect()
      }
    },
    onReconnect(listener) {
      reconnectListeners.add(listener)
      return () => reconnectListeners.delete(listener)
    },
  }
}
