/**
 * What one tick learns from a chain as the *source* of messages, turned into events for the status machine, each
 * carrying the log it was read against (its basis). A fixed number of reads for any number of messages: one
 * `eth_getLogs` of SentMessage re-checks every unfinalized initiating log (reorgs, finality) — sent in the tick's
 * batch with the heads (`requestSentLogs`), so up to `latest` and cut at the head read — and one more follows
 * expired messages to a fresher log a resend emitted. Only rare cases cost more: a log reported missing is
 * confirmed against its block's hash (a node answering from another height must not make it "reorged"), and a
 * message without a known log is re-located (discovery/relocate.ts).
 */
import {
  BlockNotFoundError,
  encodeEventTopics,
  formatLog,
  type AbiEvent,
  type Hex,
  type Log,
  type RpcLog,
} from 'viem'

import type { ChainClient } from '../chains/readClient'
import type { CallBatch } from '../chains/callBatch'

import { relocate } from '../discovery/relocate'
import { searchLogs } from '../discovery/logSearch'
import { isFinal, type InitiatingLog, type TrackedMessage } from '../model/message'
import { logBasisOf, type TrackerEvent } from '../model/status'
import { l2ToL2CrossDomainMessengerAbi } from '../protocol/abis'
import { L2_TO_L2_CROSS_DOMAIN_MESSENGER } from '../protocol/addresses'
import { decodeSentMessages } from '../protocol/decode'
import { safetyOf, type Heads } from './heads'

const SENT_MESSAGE = l2ToL2CrossDomainMessengerAbi.find(
  (x) => x.type === 'event' && x.name === 'SentMessage',
) as AbiEvent

/** How long a 'vanished' message is still looked for (a reorged transaction can come back within minutes). */
export const VANISHED_RECHECK_MS = 10 * 60_000

/** Does this message need a source read this tick? */
export function readsSource(m: TrackedMessage, now: number): boolean {
  if (m.status === 'vanished') return now - (m.locationChange?.at ?? m.updatedAt) < VANISHED_RECHECK_MS
  if (isFinal(m)) return false
  return !m.initiatingLog || m.sourceSafety !== 'finalized' || m.status === 'expired'
}

type Events = Map<Hex, TrackerEvent[]>

/** Messages whose recorded initiating log the tick re-checks. */
const unfinalizedLogs = (messages: readonly TrackedMessage[]) =>
  messages.filter((m) => m.initiatingLog && m.sourceSafety !== 'finalized')

/**
 * Adds the re-check's `eth_getLogs` to the tick's batch: SentMessage from the lowest unfinalized log up to `latest`
 * (the head is not known yet; what lies above the head read in the same batch is cut off). The function gives the
 * logs, or undefined when there was nothing to ask or the node refused this read (it is then made on its own).
 */
export function requestSentLogs(
  batch: CallBatch,
  messages: readonly TrackedMessage[],
): () => Log[] | undefined {
  const withLog = unfinalizedLogs(messages)
  if (withLog.length === 0) return () => undefined
  const fromBlock = withLog.reduce(
    (min, m) => (m.initiatingLog!.blockNumber < min ? m.initiatingLog!.blockNumber : min),
    withLog[0]!.initiatingLog!.blockNumber,
  )
  const reply = batch.add({
    method: 'eth_getLogs',
    params: [
      {
        address: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
        topics: encodeEventTopics({ abi: [SENT_MESSAGE] }),
        fromBlock: `0x${fromBlock.toString(16)}`,
        toBlock: 'latest',
      },
    ],
  })
  return () => {
    const r = reply()
    return r.ok && Array.isArray(r.result) ? (r.result as RpcLog[]).map((l) => formatLog(l)) : undefined
  }
}

function push(out: Events, hash: Hex, event: TrackerEvent): void {
  const list = out.get(hash)
  if (list) list.push(event)
  else out.set(hash, [event])
}

/**
 * Re-location costs a few reads per message, so a message is looked for again only every so often: a vanished one
 * every `VANISHED_EVERY_MS`, one still being searched for every `SEARCH_EVERY_MS` (in memory: a restart looks at once).
 */
export interface RelocationPacer {
  due(message: TrackedMessage, now: number): boolean
  done(message: TrackedMessage, now: number): void
}
const VANISHED_EVERY_MS = 30_000
const SEARCH_EVERY_MS = 6_000

export function createRelocationPacer(): RelocationPacer {
  const last = new Map<Hex, number>()
  return {
    due(m, now) {
      const at = last.get(m.hash)
      if (at === undefined) return true
      return now - at >= (m.status === 'vanished' ? VANISHED_EVERY_MS : SEARCH_EVERY_MS)
    },
    done(m, now) {
      last.set(m.hash, now)
    },
  }
}

export async function readSource(
  client: ChainClient,
  chainId: number,
  messages: readonly TrackedMessage[],
  heads: Heads,
  pacer: RelocationPacer,
  now: number,
  /** SentMessage logs from the tick's batch (`requestSentLogs`); read here when absent. */
  sentLogs?: Log[],
): Promise<Events> {
  const out: Events = new Map()
  const latest = heads.latest
  const timestamps = new Map<bigint, bigint>([[latest.number, latest.timestamp]])
  const timestampOf = async (n: bigint) => {
    let t = timestamps.get(n)
    if (t === undefined) {
      t = (await client.getBlock({ blockNumber: n })).timestamp
      timestamps.set(n, t)
    }
    return t
  }
  const complete = async (
    log: Omit<InitiatingLog, 'timestamp'> & { timestamp?: bigint },
  ): Promise<InitiatingLog> => ({
    ...log,
    timestamp: log.timestamp ?? (await timestampOf(log.blockNumber)),
  })

  await checkLogs(client, chainId, messages, heads, out, complete, sentLogs)
  await followResends(client, chainId, messages, heads, out, complete)

  for (const m of messages.filter((x) => !x.initiatingLog && pacer.due(x, now))) {
    const verdict = await relocate(client, m, { number: latest.number, hash: latest.hash })
    // A found (or pending) message is looked at again next tick as usual; the others wait their turn.
    if (verdict.kind === 'vanished' || verdict.kind === 'searching') pacer.done(m, now)
    const basis = logBasisOf(m)
    if (verdict.kind === 'found') {
      const log = await complete(verdict.log)
      const safety = safetyOf(log.blockNumber, heads)
      push(out, m.hash, {
        type: 'observed',
        observation: { initiating: { state: 'found', log, safety, basis } },
      })
    } else if (verdict.kind === 'pending') {
      if (m.status !== 'vanished')
        push(out, m.hash, { type: 'observed', observation: { initiating: { state: 'pending', basis } } })
    } else if (verdict.kind === 'vanished') {
      push(out, m.hash, { type: 'vanished', cause: 'reorg', basis })
    }
  }
  return out
}

type Complete = (log: Omit<InitiatingLog, 'timestamp'> & { timestamp?: bigint }) => Promise<InitiatingLog>

/** Every unfinalized recorded log, re-checked with one query over the blocks they sit in. */
async function checkLogs(
  client: ChainClient,
  chainId: number,
  messages: readonly TrackedMessage[],
  heads: Heads,
  out: Events,
  complete: Complete,
  prefetched: Log[] | undefined,
): Promise<void> {
  const latest = heads.latest.number
  const unfinalized = unfinalizedLogs(messages)
  // A log above the head, in a block older than the head: the head's chain has no such block (its blocks above the
  // head are all younger than the head), so the log is gone — a chain reset or a reorg to a shorter branch, which
  // no later reading of the log's height would reveal while the new chain stays below it. A lagging node's head is
  // older than every block above it, so it never gets here.
  for (const m of unfinalized) {
    const recorded = m.initiatingLog!
    if (recorded.blockNumber > latest && heads.latest.timestamp > recorded.timestamp)
      push(out, m.hash, {
        type: 'observed',
        observation: { initiating: { state: 'missing', basis: logBasisOf(m) } },
      })
  }
  // Any other log above this node's head cannot be judged by it (a node behind: anchors keep those out; this is
  // the last guard).
  const withLog = unfinalized.filter((m) => m.initiatingLog!.blockNumber <= latest)
  if (withLog.length === 0) return
  const fromBlock = withLog.reduce(
    (min, m) => (m.initiatingLog!.blockNumber < min ? m.initiatingLog!.blockNumber : min),
    latest,
  )
  // The batch asked up to `latest`, which may have moved on since the head was read: judge by the head read.
  const logs = prefetched
    ? prefetched.filter((l) => l.blockNumber !== null && l.blockNumber <= latest)
    : await client.getLogs({
        address: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
        event: SENT_MESSAGE,
        fromBlock,
        toBlock: latest,
      } as never)
  const byHash = new Map<string, Log>()
  for (const d of decodeSentMessages(chainId, logs as Log[])) byHash.set(d.hash.toLowerCase(), d.log)
  for (const m of withLog) {
    const recorded = m.initiatingLog!
    const basis = logBasisOf(m)
    const log = byHash.get(m.hash.toLowerCase())
    if (log) {
      const same = log.blockHash === recorded.blockHash && log.logIndex === recorded.logIndex
      const live = same ? recorded : await complete(decodeSentMessages(chainId, [log])[0]!.initiatingLog!)
      const initiating = {
        state: 'found' as const,
        log: live,
        safety: safetyOf(live.blockNumber, heads),
        basis,
      }
      push(out, m.hash, { type: 'observed', observation: { initiating } })
      continue
    }
    // Missing from the query: proven only when its height now holds another block. A node without that block
    // (behind, behind the same URL) or with the very same block proves nothing.
    const block = await client.getBlock({ blockNumber: recorded.blockNumber }).catch((error: unknown) => {
      if (error instanceof BlockNotFoundError) return undefined
      throw error
    })
    if (!block || block.hash === recorded.blockHash) continue
    push(out, m.hash, { type: 'observed', observation: { initiating: { state: 'missing', basis } } })
  }
}

/** Expired messages: has anyone resent them (a fresh SentMessage of the same nonce and hash, later)? */
async function followResends(
  client: ChainClient,
  chainId: number,
  messages: readonly TrackedMessage[],
  heads: Heads,
  out: Events,
  complete: Complete,
): Promise<void> {
  const expired = messages.filter((m) => m.status === 'expired' && m.initiatingLog)
  if (expired.length === 0) return
  const fromBlock =
    expired.reduce(
      (min, m) => (m.initiatingLog!.blockNumber < min ? m.initiatingLog!.blockNumber : min),
      heads.latest.number,
    ) + 1n
  const { logs } = await searchLogs(
    client,
    {
      address: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
      event: SENT_MESSAGE,
      args: { messageNonce: expired.map((m) => m.nonce) },
    },
    fromBlock,
    heads.latest.number,
    { maxRequests: 4 },
  )
  const decoded = decodeSentMessages(chainId, logs)
  for (const m of expired) {
    const newest = decoded.filter((d) => d.hash.toLowerCase() === m.hash.toLowerCase()).at(-1)
    if (!newest?.initiatingLog || newest.initiatingLog.blockNumber <= m.initiatingLog!.blockNumber) continue
    const log = await complete(newest.initiatingLog)
    push(out, m.hash, {
      type: 'relocated',
      log,
      safety: safetyOf(log.blockNumber, heads),
      cause: 'resend',
      basis: logBasisOf(m),
    })
  }
}
