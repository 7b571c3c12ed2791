/**
 * The popup's connection to the background, loaded after the first paint. The snapshot is on screen before any of
 * the messaging code (the client, the protocol's schemas, the updates port) has been parsed; the first call or
 * subscription loads it and, by sending the first message, wakes the worker (docs/ARCHITECTURE.md §3).
 *
 * `trackerApi` is stable from the start, as RelayApp needs: each method waits for the module, then forwards.
 */
import type { TrackerApi, TrackerUpdate } from '../../src/core'

import type * as ConnectionModule from '../shared/connection'

type Connection = typeof ConnectionModule

let loading: Promise<Connection> | undefined
export function connection(): Promise<Connection> {
  loading ??= import('../shared/connection')
  return loading
}

/** `TrackerApi` over the connection once it is loaded; every method but `subscribe` returns a promise anyway. */
export const trackerApi: TrackerApi = new Proxy({} as TrackerApi, {
  get(_target, method: string) {
    if (method === 'subscribe') {
      return (listener: (update: TrackerUpdate) => void) => {
        let unsubscribe: (() => void) | undefined
        let cancelled = false
        void connection().then(({ trackerApi: api }) => {
          if (!cancelled) unsubscribe = api.subscribe(listener)
        })
        return () => {
          cancelled = true
          unsubscribe?.()
        }
      }
    }
    return async (...params: unknown[]) => {
      const { trackerApi: api } = await connection()
      const call = api[method as keyof TrackerApi] as (...args: unknown[]) => Promise<unknown>
      return call(...params)
    }
  },
})
