/**
 * Keeps the popup's snapshot (shared/popupSnapshot.ts) and its first screen (shared/firstScreenRecord.ts) current,
 * both written in one `storage.set` so the first paint and React never show two different states. The background is the only writer of the messages,
 * the watched accounts and the chains, and every change to them goes through the tracker's updates or one of the
 * requests below; each one schedules a rewrite, coalesced over `delayMs`, so the snapshot trails the store by at
 * most that (plus one write) — docs/ARCHITECTURE.md §3.
 *
 * A rewrite reads the whole list once (it needs every message to count the tabs and find each tab's newest) and
 * stores only the first screen: at 10,000 messages that read costs the worker ~100 ms per burst of changes, and
 * the snapshot stays the same few dozen rows.
 */
import type { Address } from 'viem'

import type { ChainConfig, TrackedMessage } from '../../src/core'
import { buildMessagePreview, type ChainHealth } from '../../src/ui'

import type { Handlers } from '../messaging/server'
import {
  encodePopupKeys,
  POPUP_FIRST_SCREEN_KEY,
  POPUP_SNAPSHOT_KEY,
  POPUP_SNAPSHOT_VERSION,
} from '../shared/popupSnapshot'
import type { StorageAreaLike } from './host'

export interface SnapshotSource {
  messages: TrackedMessage[]
  accounts: Address[]
  chains: ChainConfig[]
  health: ChainHealth[]
}

export interface SnapshotWriterOptions {
  storage: StorageAreaLike
  /** The tracker's current state (the writer waits for the tracker to be built). */
  read: () => Promise<SnapshotSource>
  now: () => number
  log: (line: string) => void
  /** Changes within this long of each other make one write. */
  delayMs?: number
}

export const SNAPSHOT_DELAY_MS = 250

/** Requests that change what the snapshot shows without a tracker update of their own. */
const CHANGES_SNAPSHOT = [
  'watchAccount',
  'unwatchAccount',
  'addChain',
  'removeChain',
  'clearChainHistory',
] as const satisfies readonly (keyof Handlers)[]

export function createSnapshotWriter(options: SnapshotWriterOptions) {
  const delayMs = options.delayMs ?? SNAPSHOT_DELAY_MS
  let timer: ReturnType<typeof setTimeout> | undefined
  let writing: Promise<void> = Promise.resolve()

  async function write(): Promise<void> {
    const source = await options.read()
    const preview = buildMessagePreview({ ...source, asOf: options.now() })
    await options.storage.set({ ...encodePopupKeys(preview) })
  }

  /** Writes now, after any write in flight (one at a time: a later state never lands before an earlier one). */
  function flush(): Promise<void> {
    clearTimeout(timer)
    timer = undefined
    writing = writing.then(write).catch((error: unknown) => {
      options.log(
        `could not save the popup snapshot: ${error instanceof Error ? error.message : String(error)}`,
      )
    })
    return writing
  }

  /** Something the snapshot shows changed: write it soon. */
  function schedule(): void {
    if (timer !== undefined) return
    timer = setTimeout(() => void flush(), delayMs)
  }

  return {
    schedule,
    flush,
    /**
     * On start: write both keys if either is missing or from another build (first run, an update). Existing
     * ones are current unless a worker was stopped within `delayMs` of a change; the next change rewrites them.
     */
    async ensure(): Promise<void> {
      const keys = [POPUP_SNAPSHOT_KEY, POPUP_FIRST_SCREEN_KEY]
      const stored = await options.storage.get(keys)
      const current = keys.every(
        (key) => (stored[key] as { version?: unknown } | undefined)?.version === POPUP_SNAPSHOT_VERSION,
      )
      if (!current) await flush()
    },
    /** The handlers, with a rewrite scheduled after each request that changes accounts or chains. */
    watching(handlers: Handlers): Handlers {
      const wrapped = { ...handlers }
      for (const method of CHANGES_SNAPSHOT) {
        const handler = handlers[method] as (...params: unknown[]) => Promise<unknown>
        ;(wrapped as Record<string, unknown>)[method] = async (...params: unknown[]) => {
          try {
            return await handler(...params)
          } finally {
            schedule()
          }
        }
      }
      return wrapped
    },
  }
}

export type SnapshotWriter = ReturnType<typeof createSnapshotWriter>
