/**
 * What one tick learns from a chain as the *destination* of messages. The rules that keep a lagging or lying RPC
 * from moving a message the wrong way (docs/ARCHITECTURE.md §5):
 * - `successfulMessages` describes exactly the head just read (relayFlags.ts: read in the same batch and checked
 *   to have run at the head, else read again pinned to its hash);
 * - 'relayed' is accepted only with a RelayedMessage log at a block ≤ that head — the flag alone is not enough —
 *   and a log at the head's height must be in the head block itself;
 * - a relayed message goes back only when its relay's block is proven gone (another hash at that height), never on
 *   one `false` read; a node behind the relay's block concludes nothing;
 * - flag and log that disagree never make a message relayable: on a message without a recorded relay they make it
 *   'relaying' (relay unconfirmed), and a recorded relay stays as it is.
 * Reads: the flags' multicall, the relay logs and the details (who, when) of relays recorded on an earlier tick ride
 * in the tick's batch (`requestDestination`). A relay seen for the first time is recorded from its log at once, its
 * details follow in the next tick's batch — unless its block is already final (nothing reads it again): one more
 * round trip, rare. Our own pending relay costs a receipt (relayJournal.ts), a flag whose log the batch did not
 * cover a search.
 */
import { BlockNotFoundError, type Hex } from 'viem'

import type { ChainClient } from '../chains/readClient'
import type { CallBatch } from '../chains/callBatch'
import type { RpcCall, RpcReply } from '../chains/rpcBatch'
import type { ChainConfig } from '../chains/types'
import type { RelayRecord, TrackedMessage } from '../model/message'
import type { DestinationObservation, TrackerEvent } from '../model/status'
import { safetyOf, type Heads } from './heads'
import { flagsAtHead, requestFlags, type FlagsAtLatest } from './relayFlags'
import {
  completeRecords,
  findRelayLogs,
  lacksDetails,
  recordFromLog,
  requestRelayDetails,
  requestRelayLogs,
  type BatchedRelayLogs,
  type RelayDetails,
  type RelayLog,
} from './relayLogs'
import { checkOwnRelay } from './relayJournal'

export interface DestinationReading {
  observations: Map<Hex, DestinationObservation>
  /** What happened to our own relay txs. */
  relayEvents: Map<Hex, TrackerEvent>
}

/** What the tick's batch brought for the destination side. */
export interface BatchedDestination {
  flags?: FlagsAtLatest
  logs: BatchedRelayLogs
  /** Who sent recorded relays and when, by lower-case message hash. */
  details?: Map<string, RelayDetails>
}

/** Adds the destination's reads to the tick's batch (see relayFlags.ts and relayLogs.ts). */
export function requestDestination(
  batch: CallBatch,
  messages: readonly TrackedMessage[],
  recentHead: bigint | undefined,
): () => BatchedDestination {
  const flags = requestFlags(batch, messages)
  const logs = requestRelayLogs(batch, messages, recentHead)
  const details = requestRelayDetails(batch, messages)
  return () => ({ flags: flags(), logs: logs(), details: details() })
}

export interface DestinationReads {
  batched?: BatchedDestination
  /** One round trip of calls to this chain (for the records of relays first seen already final). */
  exchange: (calls: readonly RpcCall[]) => Promise<RpcReply[]>
}

export async function readDestination(
  client: ChainClient,
  config: ChainConfig | undefined,
  messages: readonly TrackedMessage[],
  heads: Heads,
  now: number,
  waitingOnWallet: ReadonlySet<Hex>,
  reads: DestinationReads,
): Promise<DestinationReading> {
  const observations = new Map<Hex, DestinationObservation>()
  const relayEvents = new Map<Hex, TrackerEvent>()
  if (messages.length === 0) return { observations, relayEvents }
  const head = heads.latest
  const base = { timestamp: head.timestamp, interopDelay: BigInt(config?.interopDelay ?? 0) }

  const flags = await flagsAtHead(client, messages, head, reads.batched?.flags)
  const logs = await findRelayLogs(client, messages, flags, head.number, reads.batched?.logs ?? {})
  // A log at the head's height from another block is another fork's: it proves nothing about this head.
  const logOf = (m: TrackedMessage): RelayLog | undefined => {
    const log = logs.get(m.hash.toLowerCase())
    return log && log.blockNumber === head.number && log.blockHash !== head.hash ? undefined : log
  }

  const records = await relayRecordsOf(messages, flags, logOf, heads, reads)

  for (const [i, m] of messages.entries()) {
    const flag = flags[i]!
    const log = logOf(m)
    const relay = records.get(m.hash)
    if (relay) {
      observations.set(m.hash, { ...base, relayed: { relay, safety: safetyOf(relay.blockNumber, heads) } })
      continue
    }
    if (flag || log) {
      // One read says relayed, the other does not: never offered for relaying, never a recorded relay taken back.
      if (!m.relay)
        observations.set(m.hash, { ...base, relayed: false, relayBasis: null, relayUnconfirmed: true })
      continue
    }
    if (m.relay) {
      if (await relayUndone(client, m.relay, head.number)) {
        observations.set(m.hash, { ...base, relayed: false, relayBasis: m.relay.transactionHash })
      }
      continue
    }
    observations.set(m.hash, { ...base, relayed: false, relayBasis: null })
    if (m.pendingRelay || m.relayIntent) {
      const event = await checkOwnRelay(client, m, now, waitingOnWallet)
      if (event) relayEvents.set(m.hash, event)
    }
  }
  return { observations, relayEvents }
}

/**
 * The relay record of every message both flagged and logged, from its log (and the batch's details). A new record
 * whose block is already finalized is completed now, in one round trip: the message becomes final and is not read
 * again.
 */
async function relayRecordsOf(
  messages: readonly TrackedMessage[],
  flags: readonly boolean[],
  logOf: (m: TrackedMessage) => RelayLog | undefined,
  heads: Heads,
  reads: DestinationReads,
): Promise<Map<Hex, RelayRecord>> {
  const records = new Map<Hex, RelayRecord>()
  for (const [i, m] of messages.entries()) {
    const log = logOf(m)
    if (flags[i] && log)
      records.set(
        m.hash,
        recordFromLog(m, log, heads.latest, reads.batched?.details?.get(m.hash.toLowerCase())),
      )
  }
  const finalNow = [...records].filter(
    ([, r]) => lacksDetails(r) && safetyOf(r.blockNumber, heads) === 'finalized',
  )
  if (finalNow.length > 0) {
    const completed = await completeRecords(
      reads.exchange,
      finalNow.map(([, r]) => r),
    )
    finalNow.forEach(([hash], i) => records.set(hash, completed[i]!))
  }
  return records
}

/**
 * Is the recorded relay proven gone? Only when this node's head reached its block and that height now holds another
 * block (a node without any block there proves nothing). A record without a block hash (written before relays were
 * checked this way) is judged by the reading.
 */
async function relayUndone(client: ChainClient, relay: RelayRecord, head: bigint): Promise<boolean> {
  if (relay.blockNumber > head) return false
  if (!relay.blockHash) return true
  const block = await client.getBlock({ blockNumber: relay.blockNumber }).catch((error: unknown) => {
    if (error instanceof BlockNotFoundError) return undefined
    throw error
  })
  return block !== undefined && block.hash !== relay.blockHash
}
