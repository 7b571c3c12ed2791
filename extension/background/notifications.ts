/**
 * When to tell the user, as a pure function over the tracked messages, and the record of what was already told.
 *
 * Level-triggered rather than edge-triggered: every tick looks at where each candidate message *is* (ready for how
 * long, failed, close to expiry, relayed after we had told the user about it) and compares with the record. An
 * edge (a status change event) can be missed when the worker stops between the store write and the notification;
 * a level is seen again on the next tick. The record lives in `chrome.storage.local`, so a restarted worker does
 * not notify twice, and is pruned once a message could not matter any more.
 *
 * - ready: ready, not being relayed by us, and nobody relayed it within the grace period (autorelayers usually act
 *   within seconds, so without the wait every transfer would notify).
 * - failed: our relay's simulation or transaction failed (once per failure).
 * - expiring: sent but unrelayed with less than a day left of the 7-day window.
 * - relayed: only for a message the user heard about or relayed through us — every other transfer is relayed by
 *   an autorelayer, and announcing those would be noise.
 */
import type { Hex } from 'viem'

import { describeIntent, MESSAGE_EXPIRY_SECONDS, type TrackedMessage } from '../../src/core'

export type NotificationKind = 'ready' | 'failed' | 'expiring' | 'relayed'

/** What the record holds per key: shown notifications, and 'submitted' marks (the user relayed through us). */
export interface NotificationRecord {
  kind: NotificationKind | 'submitted'
  hash: Hex
  /** ms since epoch. */
  at: number
  title?: string
  message?: string
}

export type NotificationLog = Record<string, NotificationRecord>

export interface PlannedNotification {
  /** Also the chrome notification id: `<kind>:<hash>[:<detail>]`. */
  key: string
  kind: NotificationKind
  hash: Hex
  title: string
  message: string
  contextMessage?: string
}

const DAY_MS = 86_400_000
/** A record older than the expiry window plus a day can no longer prevent a duplicate: drop it. */
export const LOG_RETENTION_MS = Number(MESSAGE_EXPIRY_SECONDS) * 1000 + DAY_MS

/** The statuses a new notification can come from (besides relayed ones the record points at). */
export const CANDIDATE_STATUSES = ['ready', 'failed', 'initiated'] as const

/** The hash a notification id refers to. */
export function hashOfNotification(id: string): Hex | undefined {
  const hash = id.split(':')[1]
  return hash && /^0x[0-9a-f]{64}$/i.test(hash) ? (hash as Hex) : undefined
}

/**
 * When the message became relayable, as well as we can tell: its initiating block's time, unless that is ahead of
 * when we first saw it (a chain clock running fast must not delay the notification).
 */
function readySince(message: TrackedMessage): number {
  const chainTime = message.initiatingLog ? Number(message.initiatingLog.timestamp) * 1000 : message.createdAt
  return Math.min(chainTime, message.createdAt)
}

function expiresAt(message: TrackedMessage): number | undefined {
  if (!message.initiatingLog) return undefined
  return Number(message.initiatingLog.timestamp + MESSAGE_EXPIRY_SECONDS) * 1000
}

function hoursLeft(ms: number): string {
  const hours = Math.max(1, Math.floor(ms / 3_600_000))
  return hours === 1 ? '1 hour' : `${hours} hours`
}

export function planNotifications(input: {
  messages: readonly TrackedMessage[]
  log: NotificationLog
  now: number
  gracePeriodMs: number
  chainName: (id: number) => string
}): PlannedNotification[] {
  const { log, now, gracePeriodMs, chainName } = input
  const told = new Set(Object.values(log).map((r) => r.hash.toLowerCase()))
  const out: PlannedNotification[] = []
  const plan = (
    kind: NotificationKind,
    m: TrackedMessage,
    title: string,
    contextMessage?: string,
    detail = '',
  ) => {
    const key = `${kind}:${m.hash}${detail ? `:${detail}` : ''}`
    if (log[key]) return
    out.push({ key, kind, hash: m.hash, title, message: describeIntent(m, chainName), contextMessage })
  }

  for (const m of input.messages) {
    const route = `${chainName(m.source)} → ${chainName(m.destination)}`
    const expiry = expiresAt(m)
    if (m.status === 'ready' && !m.pendingRelay && now - readySince(m) >= gracePeriodMs) {
      plan('ready', m, 'Ready to relay: nobody has relayed it', `${route}. Click to relay it yourself.`)
    }
    if (m.status === 'failed' && m.failure) {
      plan('failed', m, 'Relay failed', m.failure.reason.slice(0, 200), String(m.failure.at))
    }
    if ((m.status === 'ready' || m.status === 'failed' || m.status === 'initiated') && expiry !== undefined) {
      const left = expiry - now
      if (left > 0 && left < DAY_MS) {
        plan(
          'expiring',
          m,
          `Expires in ${hoursLeft(left)}`,
          `${route}. Relay it before then; after that only resendMessage on the source can revive it.`,
        )
      }
    }
    if ((m.status === 'relayed' || m.status === 'finalized') && told.has(m.hash.toLowerCase())) {
      plan('relayed', m, 'Relayed', route)
    }
  }
  return out
}

/** The record without entries that can no longer matter. */
export function pruneLog(log: NotificationLog, now: number): NotificationLog {
  const out: NotificationLog = {}
  for (const [key, record] of Object.entries(log)) if (now - record.at < LOG_RETENTION_MS) out[key] = record
  return out
}

/** Hashes the record mentions that may still need a 'relayed' notification. */
export function hashesAwaitingRelayed(log: NotificationLog): Hex[] {
  const hashes = new Set<Hex>()
  for (const record of Object.values(log)) if (record.kind !== 'relayed') hashes.add(record.hash)
  for (const record of Object.values(log)) if (record.kind === 'relayed') hashes.delete(record.hash)
  return [...hashes]
}
