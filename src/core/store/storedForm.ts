/**
 * The form a message takes inside a store. Both implementations go through here so they agree on what they keep:
 * a private copy (callers cannot reach stored state through a reference they still hold) with the hash and the
 * watched accounts lower-cased, because both are looked up by exact key — the accounts index in IndexedDB, the
 * hash everywhere — and a checksummed spelling must not make a second entry or miss a lookup.
 */
import type { Hex } from 'viem'

import { normalizeAddress, type TrackedMessage } from '../model/message'

export function toStoredForm(message: TrackedMessage): TrackedMessage {
  const copy = structuredClone(message)
  copy.hash = normalizeHash(copy.hash)
  copy.accounts = [...new Set(copy.accounts.map(normalizeAddress))]
  return copy
}

export function normalizeHash(hash: Hex): Hex {
  return hash.toLowerCase() as Hex
}
