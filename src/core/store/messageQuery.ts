/**
 * How `MessageStore.list()` selects and orders messages, shared so that the IndexedDB store (which narrows with an
 * index first) and the memory store return exactly the same list for the same filter.
 */
import { normalizeAddress, type TrackedMessage } from '../model/message'
import type { MessageFilter } from './types'

export function matchesFilter(message: TrackedMessage, filter: MessageFilter = {}): boolean {
  if (filter.accounts) {
    const wanted = new Set(filter.accounts.map(normalizeAddress))
    if (!message.accounts.some((account) => wanted.has(normalizeAddress(account)))) return false
  }
  if (filter.statuses && !filter.statuses.includes(message.status)) return false
  if (
    filter.chainId !== undefined &&
    message.source !== filter.chainId &&
    message.destination !== filter.chainId
  ) {
    return false
  }
  return true
}

/** Newest first; the hash breaks ties so that two stores never disagree on the order of same-millisecond messages. */
export function newestFirst(a: TrackedMessage, b: TrackedMessage): number {
  if (a.createdAt !== b.createdAt) return b.createdAt - a.createdAt
  return a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0
}
