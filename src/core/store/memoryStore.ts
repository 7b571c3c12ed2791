/**
 * A `MessageStore` that lives as long as the process: for tests, one-shot CLI runs, and hosts without IndexedDB.
 * It copies on the way in and on the way out, like IndexedDB's structured clone does, so code tested against it
 * cannot come to rely on sharing objects with the store and then break on the real one.
 */
import type { Hex } from 'viem'

import type { TrackedMessage } from '../model/message'
import { StoreClosedError } from './errors'
import { matchesFilter, newestFirst } from './messageQuery'
import { normalizeHash, toStoredForm } from './storedForm'
import type { JsonValue, MessageFilter, MessageStore, ScanCursor } from './types'

export function createMemoryStore(): MessageStore {
  const messages = new Map<Hex, TrackedMessage>()
  const cursors = new Map<string, ScanCursor>()
  const settings = new Map<string, JsonValue>()
  let closed = false

  function ensureOpen(): void {
    if (closed) throw new StoreClosedError()
  }

  return {
    async get(hash: Hex) {
      ensureOpen()
      const found = messages.get(normalizeHash(hash))
      return found && structuredClone(found)
    },

    async list(filter?: MessageFilter) {
      ensureOpen()
      return [...messages.values()]
        .filter((message) => matchesFilter(message, filter))
        .sort(newestFirst)
        .map((message) => structuredClone(message))
    },

    async upsert(message: TrackedMessage) {
      ensureOpen()
      const stored = toStoredForm(message)
      messages.set(stored.hash, stored)
    },

    async upsertMany(batch: readonly TrackedMessage[]) {
      ensureOpen()
      // Copy everything before touching the map: a message that cannot be cloned must not leave half a batch behind.
      const stored = batch.map(toStoredForm)
      for (const message of stored) messages.set(message.hash, message)
    },

    async remove(hash: Hex) {
      ensureOpen()
      messages.delete(normalizeHash(hash))
    },

    async clear() {
      ensureOpen()
      messages.clear()
      cursors.clear()
    },

    async getCursor(key: string) {
      ensureOpen()
      const found = cursors.get(key)
      return found && structuredClone(found)
    },

    async setCursor(key: string, cursor: ScanCursor) {
      ensureOpen()
      cursors.set(key, structuredClone(cursor))
    },

    async getSetting<T extends JsonValue = JsonValue>(key: string) {
      ensureOpen()
      const found = settings.get(key)
      return found === undefined ? undefined : (structuredClone(found) as T)
    },

    async setSetting(key: string, value: JsonValue) {
      ensureOpen()
      settings.set(key, structuredClone(value))
    },

    async close() {
      closed = true
    },
  }
}
