/**
 * What a user does to the history itself, outside any chain: import another profile's, forget one message, or
 * clear a chain's (after restarting a devnet, say) — its messages, scan cursors and reset anchor.
 */
import type { Hex } from 'viem'

import { mergeHistory, type HistoryImportResult } from '../store/serialize'
import type { JsonValue, MessageStore } from '../store/types'
import { ANCHORS_SETTING } from './chainAnchor'
import type { TrackerEventHub } from './events'
import type { MessageWriter } from './messageWriter'

/** Import a history file; open UIs hear of every imported message like any other (one messageAdded each). */
export async function importAndAnnounce(
  store: MessageStore,
  events: TrackerEventHub,
  json: string,
  now: number,
): Promise<HistoryImportResult> {
  const { written, ...result } = await mergeHistory(store, json, { now })
  // One read of the store rather than one per message: a 10,000-message import is one transaction, not 10,000.
  const wanted = new Set<string>(written.map((h) => h.toLowerCase()))
  if (wanted.size > 0) {
    for (const stored of await store.list()) {
      if (wanted.has(stored.hash.toLowerCase())) events.emit('messageAdded', { message: stored })
    }
  }
  // Imported messages are unverified until the poller finds them on chain: the caller wakes it.
  return result
}

/** Forget every message from or to `chainId`, its scan cursors and its reset anchor; resolves with how many went. */
export async function clearChain(
  store: MessageStore,
  writer: MessageWriter,
  chainId: number,
): Promise<number> {
  const gone = await store.list({ chainId })
  await writer.remove(gone.map((m) => m.hash as Hex))
  for (const { key, cursor } of await store.listCursors()) {
    if (cursor.chainId === chainId) await store.removeCursor(key)
  }
  await store.updateSetting(ANCHORS_SETTING, (current) => {
    const next = { ...((current ?? {}) as Record<string, JsonValue>) }
    delete next[String(chainId)]
    return next
  })
  return gone.length
}
