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

/** Messages by hash, copied in and out. */
function memoryMessages(messages: Map<Hex, TrackedMessage>, ensureOpen: () => void) {
  const copyOut = (hash: Hex) => {
    const stored = messages.get(normalizeHash(hash))
    return stored && structuredClone(stored)
  }
  return {
    async get(hash: Hex) {
      ensureOpen()
      return copyOut(hash)
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
      return copyOut(key)
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
      return hashes.map(copyOut)
    },
    async remove(hash: Hex) {
      ensureOpen()
      messages.delete(normalizeHash(hash))
    },
  } satisfies Partial<MessageStore>
}

/** Scan cursors by key, copied in and out. */
function memoryCursors(cursors: Map<string, ScanCursor>, ensureOpen: () => void) {
  return {
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
  } satisfies Partial<MessageStore>
}

/** Settings by key, copied in and out. */
function memorySettings(settings: Map<string, JsonValue>, ensureOpen: () => void) {
  const copy = <T>(value: T): T => (value === undefined ? value : structuredClone(value))
  return {
    async getSetting<T extends JsonValue = JsonValue>(key: string) {
      ensureOpen()
      return copy(settings.get(key)) as T | undefined
    },
    async setSetting(key: string, value: JsonValue) {
      ensureOpen()
      settings.set(key, structuredClone(value))
    },
    async updateSetting(key, mutate) {
      ensureOpen()
      const next = mutate(copy(settings.get(key)))
      if (next !== undefined) settings.set(key, structuredClone(next))
      return copy(settings.get(key))
    },
  } satisfies Partial<MessageStore>
}

export function createMemoryStore(): MessageStore {
  const messages = new Map<Hex, TrackedMessage>()
  const cursors = new Map<string, ScanCursor>()
  let closed = false
  function ensureOpen(): void {
    if (closed) throw new StoreClosedError()
  }
  return {
    ...memoryMessages(messages, ensureOpen),
    ...memoryCursors(cursors, ensureOpen),
    ...memorySettings(new Map(), ensureOpen),
    async clear() {
      ensureOpen()
      messages.clear()
      cursors.clear()
    },
    async close() {
      closed = true
    },
  }
}
