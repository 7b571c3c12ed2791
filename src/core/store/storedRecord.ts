/**
 * Records read back from IndexedDB are data too: an older or newer build, a bug, a downgrade or someone with
 * devtools may have written them. Each is checked against the message schema (messageSchema.ts) as it is read; one
 * that fails is left out of what the store returns — so it can neither crash a popup nor mislead the poller — and
 * listed by `listUnreadable`, which the UI shows as an error row the user can remove (docs/ARCHITECTURE.md §3).
 */
import type { TrackedMessage } from '../model/message'
import { parseInput } from '../schema/parse'
import { storedMessageSchema } from './messageSchema'

/** A stored record that is not a valid message: its key, and what is wrong (`nonce: expected a uint256 …`). */
export interface UnreadableRecord {
  key: string
  problem: string
}

export type StoredRead = { ok: true; message: TrackedMessage } | { ok: false; problem: string }

export function readStoredMessage(value: unknown): StoredRead {
  const parsed = parseInput(storedMessageSchema, value)
  if (parsed.ok) return { ok: true, message: parsed.value }
  return { ok: false, problem: parsed.path ? `${parsed.path}: ${parsed.problem}` : parsed.problem }
}

/** The record as a message, or undefined when it is not one. */
export function validStored(value: unknown): TrackedMessage | undefined {
  if (value === undefined) return undefined
  const read = readStoredMessage(value)
  return read.ok ? read.message : undefined
}
