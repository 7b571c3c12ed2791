/**
 * One poller tick: a fixed number of reads per chain, whatever the number of tracked messages, turned into
 * observations for the pure status machine (status.ts).
 *
 * Per chain and tick: the `latest`, `safe` and `finalized` heads (3 requests); as a source, one `eth_getLogs` of
 * SentMessage over the still-unfinalized initiating blocks (reorg and finality check for all of them at once); as a
 * destination, one Multicall3 of `successfulMessages(hash)` for every message in flight. Only rare transitions cost
 * extra reads: a message seen relayed for the first time (one `eth_getLogs` of RelayedMessage for all of them, then
 * the relay tx for "who relayed"), our own pending relay (its receipt), and a source tx that is pending or reorged
 * (its receipt).
 */
import { parseEventLogs, type Block, type Hex, type Log, type PublicClient } from 'viem'

import type { ChainConfig } from '../chains/types'
import { l2ToL2CrossDomainMessengerAbi } from '../protocol/abis'
import { L2_TO_L2_CROSS_DOMAIN_MESSENGER, MULTICALL3 } from '../protocol/addresses'
import { decodeSentMessages } from '../protocol/decode'
import { decodeRevertReason } from '../relay/revertReason'
import type { InitiatingLog, RelayRecord, SafetyLevel, TrackedMessage } from '../model/message'
import {
  isInFlight,
  reduceMessage,
  type MessageObservation,
  type ReduceResult,
  type TrackerEvent,
} from '../model/status'

/** How far back to look for a RelayedMessage we have not seen: a relay cannot be older than its message's 7 days. */
const RELAY_LOOKBACK_BLOCKS = 302_400n
/** Our relay tx is considered dropped if neither mined nor known to the node after this long. */
const DROPPED_AFTER_MS = 120_000

export interface PollDeps {
  client(chainId: number): PublicClient
  chain(chainId: number): ChainConfig | undefined
  now(): number
}

interface Heads {
  latest: Block
  safe?: bigint
  finalized?: bigint
}

export interface PollTickResult {
  results: ReduceResult[]
  errors: { chainId: number; error: Error }[]
}

function safetyOf(blockNumber: bigint, heads: Heads): SafetyLevel {
  if (heads.finalized !== undefined && blockNumber <= heads.finalized) return 'finalized'
  if (heads.safe !== undefined && blockNumber <= heads.safe) return 'safe'
  return 'unsafe'
}

async function readHeads(client: PublicClient): Promise<Heads> {
  // Not every RPC serves the safe/finalized tags; without them a block is simply reported as unsafe.
  const [latest, safe, finalized] = await Promise.all([
    client.getBlock({ blockTag: 'latest' }),
    client.getBlock({ blockTag: 'safe' }).then(
      (b) => b.number ?? undefined,
      () => undefined,
    ),
    client.getBlock({ blockTag: 'finalized' }).then(
      (b) => b.number ?? undefined,
      () => undefined,
    ),
  ])
  return { latest, safe, finalized }
}

/** What the source chain says about each of its messages. */
async function observeSource(
  client: PublicClient,
  chainId: number,
  messages: TrackedMessage[],
  heads: Heads,
): Promise<Map<Hex, MessageObservation['initiating']>> {
  const out = new Map<Hex, MessageObservation['initiating']>()
  const latest = heads.latest.number!
  const timestamps = new Map<bigint, bigint>([[latest, heads.latest.timestamp]])
  const timestampOf = async (n: bigint) => {
    let t = timestamps.get(n)
    if (t === undefined) {
      t = (await client.getBlock({ blockNumber: n })).timestamp
      timestamps.set(n, t)
    }
    return t
  }
  const toInitiating = async (log: Log): Promise<InitiatingLog> => ({
    blockNumber: log.blockNumber!,
    blockHash: log.blockHash!,
    logIndex: log.logIndex!,
    timestamp: await timestampOf(log.blockNumber!),
    transactionHash: log.transactionHash!,
  })

  const withLog = messages.filter((m) => m.initiatingLog && m.sourceSafety !== 'finalized')
  if (withLog.length > 0) {
    const fromBlock = withLog.reduce(
      (min, m) => (m.initiatingLog!.blockNumber < min ? m.initiatingLog!.blockNumber : min),
      latest,
    )
    const logs =
      fromBlock > latest
        ? []
        : await client.getLogs({
            address: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
            event: l2ToL2CrossDomainMessengerAbi.find(
              (x) => x.type === 'event' && x.name === 'SentMessage',
            ) as never,
            fromBlock,
            toBlock: latest,
          })
    const byHash = new Map<string, Log>()
    for (const d of decodeSentMessages(chainId, logs)) byHash.set(d.hash.toLowerCase(), d.log)
    for (const m of withLog) {
      const log = byHash.get(m.hash.toLowerCase())
      if (!log) {
        out.set(m.hash, { state: 'missing' })
        continue
      }
      const same = log.blockHash === m.initiatingLog!.blockHash && log.logIndex === m.initiatingLog!.logIndex
      out.set(m.hash, {
        state: 'found',
        log: same ? m.initiatingLog! : await toInitiating(log),
        safety: safetyOf(log.blockNumber!, heads),
      })
    }
  }

  // Rare: no log known (source tx pending, reorged out, or just resent). Ask for the source tx's receipt.
  for (const m of messages.filter((x) => !x.initiatingLog)) {
    const receipt = await client
      .getTransactionReceipt({ hash: m.sourceTransactionHash })
      .catch(() => undefined)
    if (!receipt) {
      const pending = await client.getTransaction({ hash: m.sourceTransactionHash }).catch(() => undefined)
      out.set(m.hash, pending ? { state: 'pending' } : { state: 'missing' })
      continue
    }
    const d = decodeSentMessages(chainId, receipt.logs).find(
      (x) => x.hash.toLowerCase() === m.hash.toLowerCase(),
    )
    out.set(
      m.hash,
      d
        ? { state: 'found', log: await toInitiating(d.log), safety: safetyOf(d.log.blockNumber!, heads) }
        : { state: 'missing' },
    )
  }
  return out
}

interface DestinationRead {
  observations: Map<Hex, NonNullable<MessageObservation['destination']>>
  /** Our relay txs that reverted or vanished. */
  relayEvents: Map<Hex, TrackerEvent>
}

async function observeDestination(
  client: PublicClient,
  config: ChainConfig | undefined,
  messages: TrackedMessage[],
  heads: Heads,
  now: number,
): Promise<DestinationRead> {
  const observations: DestinationRead['observations'] = new Map()
  const relayEvents: DestinationRead['relayEvents'] = new Map()
  const latest = heads.latest.number!
  const interopDelay = BigInt(config?.interopDelay ?? 0)
  const base = { timestamp: heads.latest.timestamp, interopDelay }

  // Every message is re-read, including those whose relay we know: a destination reorg can undo a relay, and
  // then successfulMessages reads false again (the status machine takes the relay back).
  if (messages.length === 0) return { observations, relayEvents }
  const flags = await client.multicall({
    multicallAddress: MULTICALL3,
    allowFailure: false,
    // viem splits multicalls into 1 KiB chunks by default (≈28 calls each); one call keeps the tick at a fixed cost.
    batchSize: 0,
    blockNumber: latest,
    contracts: messages.map((m) => ({
      address: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
      abi: l2ToL2CrossDomainMessengerAbi,
      functionName: 'successfulMessages' as const,
      args: [m.hash] as const,
    })),
  })
  const relayedNow = messages.filter((m, i) => flags[i] === true && !m.relay)
  const records = new Map<string, RelayRecord>()
  if (relayedNow.length > 0) {
    const logs = await client.getLogs({
      address: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
      event: l2ToL2CrossDomainMessengerAbi.find(
        (x) => x.type === 'event' && x.name === 'RelayedMessage',
      ) as never,
      args: { messageHash: relayedNow.map((m) => m.hash) } as never,
      fromBlock: latest > RELAY_LOOKBACK_BLOCKS ? latest - RELAY_LOOKBACK_BLOCKS : 0n,
      toBlock: latest,
    })
    for (const log of parseEventLogs({
      abi: l2ToL2CrossDomainMessengerAbi,
      eventName: 'RelayedMessage',
      logs,
    })) {
      const [tx, block] = await Promise.all([
        client.getTransaction({ hash: log.transactionHash }).catch(() => undefined),
        client.getBlock({ blockNumber: log.blockNumber }).catch(() => undefined),
      ])
      records.set(log.args.messageHash.toLowerCase(), {
        transactionHash: log.transactionHash,
        relayer: tx?.from,
        blockNumber: log.blockNumber,
        blockHash: log.blockHash,
        timestamp: block?.timestamp,
        returnDataHash: log.args.returnDataHash,
      })
    }
  }

  for (const [i, m] of messages.entries()) {
    if (flags[i] === true) {
      // successfulMessages is true: relayed even if the log lookback missed it (then we know less about it).
      const relay = m.relay ??
        records.get(m.hash.toLowerCase()) ?? {
          transactionHash: m.pendingRelay?.transactionHash ?? ('0x' as Hex),
          blockNumber: latest,
        }
      observations.set(m.hash, { ...base, relayed: { relay, safety: safetyOf(relay.blockNumber, heads) } })
      continue
    }
    observations.set(m.hash, { ...base, relayed: false })
    if (m.pendingRelay) {
      const receipt = await client
        .getTransactionReceipt({ hash: m.pendingRelay.transactionHash })
        .catch(() => undefined)
      if (receipt && receipt.status === 'reverted') {
        const reason = await client
          .call({
            account: receipt.from,
            to: receipt.to ?? undefined,
            data: (await client.getTransaction({ hash: receipt.transactionHash })).input,
            blockNumber: receipt.blockNumber - 1n,
          })
          .then(
            () => 'the relay transaction reverted',
            (error: unknown) => decodeRevertReason(error),
          )
        relayEvents.set(m.hash, {
          type: 'relayFailed',
          failure: { reason, at: now, transactionHash: receipt.transactionHash },
        })
      } else if (!receipt && now - m.pendingRelay.submittedAt > DROPPED_AFTER_MS) {
        const known = await client
          .getTransaction({ hash: m.pendingRelay.transactionHash })
          .catch(() => undefined)
        if (!known) relayEvents.set(m.hash, { type: 'relayDropped' })
      }
    }
  }
  return { observations, relayEvents }
}

/**
 * Read every chain involved in `messages` and reduce each message. A chain whose RPC fails is skipped (its half of
 * the observation is absent, so nothing is concluded from it) and reported in `errors` for backoff.
 */
export async function pollMessages(
  deps: PollDeps,
  messages: TrackedMessage[],
  skipChains: ReadonlySet<number> = new Set(),
): Promise<PollTickResult> {
  const inFlight = messages.filter(isInFlight)
  const chainIds = new Set<number>()
  for (const m of inFlight) {
    chainIds.add(m.source)
    chainIds.add(m.destination)
  }
  const sources = new Map<Hex, MessageObservation['initiating']>()
  const destinations = new Map<Hex, NonNullable<MessageObservation['destination']>>()
  const relayEvents = new Map<Hex, TrackerEvent>()
  const errors: PollTickResult['errors'] = []

  await Promise.all(
    [...chainIds]
      .filter((id) => !skipChains.has(id) && deps.chain(id))
      .map(async (chainId) => {
        try {
          const client = deps.client(chainId)
          const heads = await readHeads(client)
          const asSource = inFlight.filter(
            (m) => m.source === chainId && (m.sourceSafety !== 'finalized' || !m.initiatingLog),
          )
          const asDestination = inFlight.filter((m) => m.destination === chainId)
          const [src, dst] = await Promise.all([
            asSource.length ? observeSource(client, chainId, asSource, heads) : undefined,
            asDestination.length
              ? observeDestination(client, deps.chain(chainId), asDestination, heads, deps.now())
              : undefined,
          ])
          src?.forEach((v, k) => sources.set(k, v))
          dst?.observations.forEach((v, k) => destinations.set(k, v))
          dst?.relayEvents.forEach((v, k) => relayEvents.set(k, v))
        } catch (error) {
          errors.push({ chainId, error: error as Error })
        }
      }),
  )

  const results: ReduceResult[] = []
  for (const m of inFlight) {
    let current = m
    const from = m.status
    let changed = false
    const relayEvent = relayEvents.get(m.hash)
    if (relayEvent) {
      const r = reduceMessage(current, relayEvent, deps.now())
      current = r.message
      changed ||= r.changed
    }
    const observation: MessageObservation = {}
    if (sources.has(m.hash)) observation.initiating = sources.get(m.hash)
    if (destinations.has(m.hash)) observation.destination = destinations.get(m.hash)
    if (observation.initiating || observation.destination) {
      const r = reduceMessage(current, { type: 'observed', observation }, deps.now())
      current = r.message
      changed ||= r.changed
    }
    results.push({ message: current, changed, from, to: current.status })
  }
  return { results, errors }
}
