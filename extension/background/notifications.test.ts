import type { TrackedMessage } from '../../src/core/model/message'
import { erc20Transfer } from '../../src/core/store/messageFixtures.test-helper'
import { describe, expect, it } from 'vitest'

import {
  hashesAwaitingRelayed,
  hashOfNotification,
  LOG_RETENTION_MS,
  planNotifications,
  pruneLog,
  type NotificationLog,
} from './notifications'

const NOW = 1_767_225_600_000
const names = (id: number) => (id === 901 ? 'Devnet L2 A' : 'Devnet L2 B')

/** A message whose initiating block is `ageMs` old, in `status`. */
function sent(
  status: TrackedMessage['status'],
  ageMs: number,
  nonce = 0n,
  extra: Partial<TrackedMessage> = {},
) {
  const m = erc20Transfer({ nonce, status, createdAt: NOW - ageMs })
  return {
    ...m,
    initiatingLog: {
      blockNumber: 10n,
      blockHash: `0x${'11'.repeat(32)}`,
      logIndex: 0,
      timestamp: BigInt(Math.floor((NOW - ageMs) / 1000)),
      transactionHash: m.sourceTransactionHash,
    },
    ...extra,
  } as TrackedMessage
}

const plan = (messages: TrackedMessage[], log: NotificationLog = {}, gracePeriodMs = 60_000) =>
  planNotifications({ messages, log, now: NOW, gracePeriodMs, chainName: names })

describe('planNotifications', () => {
  it('tells about a ready message only once nobody relayed it within the grace period', () => {
    expect(plan([sent('ready', 30_000)])).toEqual([])
    const [due] = plan([sent('ready', 61_000)])
    expect(due).toMatchObject({ kind: 'ready', title: 'Ready to relay: nobody has relayed it' })
    expect(due!.key).toBe(`ready:${due!.hash}`)
    expect(due!.message).toBe('Mint 1000 TEST to 0x7099…79C8 on Devnet L2 B')
    expect(due!.contextMessage).toContain('Devnet L2 A → Devnet L2 B')
    // Our own relay in flight: nothing to tell.
    expect(plan([sent('ready', 61_000, 0n, { pendingRelay: { transactionHash: '0x1' } as never })])).toEqual(
      [],
    )
  })

  it('never repeats what the record already holds', () => {
    const m = sent('ready', 61_000)
    const log: NotificationLog = { [`ready:${m.hash}`]: { kind: 'ready', hash: m.hash, at: NOW } }
    expect(plan([m], log)).toEqual([])
  })

  it('tells about each failure of our relay, with its reason', () => {
    const failure = { reason: 'ERC20InsufficientBalance(…)', at: NOW - 5 }
    const [due] = plan([sent('failed', 1_000, 0n, { failure })])
    expect(due).toMatchObject({
      kind: 'failed',
      key: `failed:${due!.hash}:${failure.at}`,
      contextMessage: failure.reason,
    })
    const log = { [due!.key]: { kind: 'failed' as const, hash: due!.hash, at: NOW } }
    expect(plan([sent('failed', 1_000, 0n, { failure })], log)).toEqual([])
    expect(plan([sent('failed', 1_000, 0n, { failure: { ...failure, at: NOW } })], log)).toHaveLength(1)
  })

  it('warns a day before expiry, not earlier and not after', () => {
    const day = 86_400_000
    const week = 7 * day
    expect(plan([sent('initiated', week - day - 60_000)])).toEqual([])
    const due = plan([sent('initiated', week - 5 * 3_600_000)])
    expect(due).toMatchObject([{ kind: 'expiring', title: 'Expires in 5 hours' }])
    expect(plan([sent('expired', week + 1)])).toEqual([])
  })

  it('announces a relay only for a message the user heard about or relayed through us', () => {
    const told = sent('relayed', 5_000, 1n)
    const unknown = sent('finalized', 5_000, 2n)
    const log: NotificationLog = {
      [`submitted:${told.hash}`]: { kind: 'submitted', hash: told.hash, at: NOW },
    }
    expect(plan([told, unknown], log)).toMatchObject([{ kind: 'relayed', hash: told.hash, title: 'Relayed' }])
    expect(hashesAwaitingRelayed(log)).toEqual([told.hash])
    log[`relayed:${told.hash}`] = { kind: 'relayed', hash: told.hash, at: NOW }
    expect(hashesAwaitingRelayed(log)).toEqual([])
  })

  it('reads the message back from a notification id and forgets old records', () => {
    const hash = `0x${'ab'.repeat(32)}`
    expect(hashOfNotification(`failed:${hash}:123`)).toBe(hash)
    expect(hashOfNotification('something else')).toBeUndefined()
    const log: NotificationLog = {
      old: { kind: 'ready', hash: hash as `0x${string}`, at: NOW - LOG_RETENTION_MS - 1 },
      fresh: { kind: 'ready', hash: hash as `0x${string}`, at: NOW - 1 },
    }
    expect(Object.keys(pruneLog(log, NOW))).toEqual(['fresh'])
  })
})
