/**
 * A `MessageStore` that lives as long as the process: for tests, one-shot CLI runs, and hosts without IndexedDB.
 * It copies on the way in and on the way out, like IndexedDB's structured clone does, so code tested against it
 * cannot come to rely on sharing objects with the store and then break on the real one.
 */
import type { Hex } from 'viem'

import type { TrackedMessage } from '../model/message'
import { StoreClosedError } from './errors'
import { matchesFilter, newestFirst } from './messageQuery'
import { applyMutator, normalizeHash, toStoredForm } from './storedForm'
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

    // Atomic by construction: nothing else runs between reading and writing the map (no await in between).
    async update(hash, mutate) {
      ensureOpen()
      const key = normalizeHash(hash)
      const next = applyMutator(key, messages.get(key), mutate)
      if (next) messages.set(key, next)
      const stored = messages.get(key)
      return stored && structuredClone(stored)
    },

    async updateMany(hashes, mutate) {
      ensureOpen()
      // Every mutator runs before anything is written: one that throws leaves the batch unwritten.
      const writes = new Map<Hex, TrackedMessage>()
      for (const hash of hashes) {
        const key = normalizeHash(hash)
        const next = applyMutator(key, writes.get(key) ?? messages.get(key), (current) =>
          mutate(current, key),
        )
        if (next) writes.set(key, next)
      }
      for (const [key, message] of writes) messages.set(key, message)
      return hashes.map((hash) => {
        const stored = messages.get(normalizeHash(hash))
        return stored && structuredClone(stored)
      })
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

    async listCursors() {
      ensureOpen()
      return [...cursors].map(([key, cursor]) => ({ key, cursor: structuredClone(cursor) }))
    },

    async removeCursor(key: string) {
      ensureOpen()
      cursors.delete(key)
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

    async updateSetting(key, mutate) {
      ensureOpen()
      const current = settings.get(key)
      const next = mutate(current === undefined ? undefined : structuredClone(current))
      if (next !== undefined) settings.set(key, structuredClone(next))
      const stored = settings.get(key)
      return stored === undefined ? undefined : structuredClone(stored)
    },

    async close() {
      closed = true
    },
  }
}
