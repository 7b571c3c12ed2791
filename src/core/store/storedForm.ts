/**
 * The form a message takes inside a store. Both implementations go through here so they agree on what they keep:
 * a private copy (callers cannot reach stored state through a reference they still hold) with the hash and the
 * watched accounts lower-cased, because both are looked up by exact key — the accounts index in IndexedDB, the
 * hash everywhere — and a checksummed spelling must not make a second entry or miss a lookup.
 */
import type { Hex } from 'viem'

import { normalizeAddress, type TrackedMessage } from '../model/message'
import { MessageIdentityError } from './errors'
import type { MessageMutator } from './types'

export function toStoredForm(message: TrackedMessage): TrackedMessage {
  const copy = structuredClone(message)
  copy.hash = normalizeHash(copy.hash)
  copy.accounts = [...new Set(copy.accounts.map(normalizeAddress))]
  return copy
}

export function normalizeHash(hash: Hex): Hex {
  return hash.toLowerCase() as Hex
}

/**
 * Runs an update's mutator on a private copy of the current record and returns the stored form to write, or
 * undefined for "leave it". Shared by every store so they agree on what an update may do.
 */
export function applyMutator(
  hash: Hex,
  current: TrackedMessage | undefined,
  mutate: MessageMutator,
): TrackedMessage | undefined {
  const next = mutate(current === undefined ? undefined : structuredClone(current))
  if (next === undefined) return undefined
  const stored = toStoredForm(next)
  if (stored.hash !== normalizeHash(hash)) throw new MessageIdentityError(normalizeHash(hash), stored.hash)
  return stored
}
