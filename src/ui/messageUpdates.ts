/**
 * Applying the tracker's pushed updates to the list the UI holds. Pure, so it is tested without a DOM, and
 * copy-on-write, so React sees a new array exactly when something changed.
 *
 * Order: newest first by when the message was sent. An update replaces the message *in place* — a row does not jump
 * while the user looks at it when, say, its initiating log is found and its send time gets more precise.
 */
import type { Hex } from 'viem'

import type { TrackerUpdate } from '../core/tracker/api'
import type { TrackedMessage } from '../core/model/message'
import { sentAt } from './format'

/** Newest first; the hash breaks ties so the order is stable across reloads. */
export function compareNewestFirst(a: TrackedMessage, b: TrackedMessage): number {
  const byTime = sentAt(b) - sentAt(a)
  if (byTime !== 0) return byTime
  return a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0
}

export function sortMessages(messages: readonly TrackedMessage[]): TrackedMessage[] {
  return [...messages].sort(compareNewestFirst)
}

/** Insert or replace by hash: a known message keeps its place, a new one goes where the order puts it. */
export function upsertMessage(
  messages: readonly TrackedMessage[],
  message: TrackedMessage,
): TrackedMessage[] {
  const index = messages.findIndex((m) => m.hash === message.hash)
  if (index >= 0) {
    if (messages[index] === message) return messages as TrackedMessage[]
    const next = [...messages]
    next[index] = message
    return next
  }
  let at = messages.findIndex((m) => compareNewestFirst(message, m) < 0)
  if (at < 0) at = messages.length
  return [...messages.slice(0, at), message, ...messages.slice(at)]
}

/**
 * Merge messages fetched by a direct call (trackTransaction's answer). Unlike a pushed update, such an answer may
 * be older than an event that overtook it, so a message we hold with a later `updatedAt` is kept.
 */
export function mergeMessages(
  messages: readonly TrackedMessage[],
  incoming: readonly TrackedMessage[],
): TrackedMessage[] {
  let list = messages as TrackedMessage[]
  for (const message of incoming) {
    const held = list.find((m) => m.hash === message.hash)
    if (held && held.updatedAt > message.updatedAt) continue
    list = upsertMessage(list, message)
  }
  return list
}

export function removeMessage(messages: readonly TrackedMessage[], hash: Hex): TrackedMessage[] {
  const index = messages.findIndex((m) => m.hash === hash)
  if (index < 0) return messages as TrackedMessage[]
  return [...messages.slice(0, index), ...messages.slice(index + 1)]
}

/**
 * One update, applied. 'messageAdded' for a known hash and 'messageUpdated' for an unknown one are both upserts:
 * events and the initial `listMessages()` race, and either may arrive first.
 */
export function applyTrackerUpdate(
  messages: readonly TrackedMessage[],
  update: TrackerUpdate,
): TrackedMessage[] {
  switch (update.type) {
    case 'messageAdded':
    case 'messageUpdated':
      return upsertMessage(messages, update.message)
    case 'messageRemoved':
      return removeMessage(messages, update.hash)
    case 'chainHealth':
    case 'chainReset':
    case 'error':
      return messages as TrackedMessage[]
  }
}
