/**
 * One poller tick's reads: per chain a fixed number of them, whatever the number of tracked messages, turned into
 * events for the status machine (docs/ARCHITECTURE.md §2). Nothing is written here: the tick applies the events to
 * the current stored records (messageWriter.ts).
 *
 * Per chain: its chain id (now and then, chainSet.ts), then ONE round trip (a JSON-RPC batch, callBatch.ts) with
 * everything the tick reads in the common case — the heads, the anchor's block, the source's log re-check, the
 * destination's flags and relay logs — and from its replies: the anchor (chainAnchor.ts: a reset, or a node behind
 * what was seen before), then the messages as source (sourceReads.ts) and as destination (destinationReads.ts).
 * Rare cases (a relay seen for the first time, a log that moved, a block landing between two calls of the batch)
 * cost further round trips. A chain that fails, lags or was just reset contributes no reading this tick, so nothing
 * is concluded from it; a reset chain instead voids what its messages held (the tick applies `chainReset`).
 */
import type { Hex } from 'viem'

import type { ChainClient } from '../chains/readClient'
import { createCallBatch } from '../chains/callBatch'
import type { InteropReadiness } from '../chains/readiness'
import type { RpcCall, RpcReply } from '../chains/rpcBatch'
import type { ChainConfig } from '../chains/types'
import type { TrackedMessage } from '../model/message'
import type { MessageObservation, TrackerEvent } from '../model/status'
import { checkAnchor, requestAnchorBlocks, type AnchorVerdict, type ChainAnchor } from './chainAnchor'
import { readDestination, requestDestination } from './destinationReads'
import { awaitsExpiry, readExpiries } from './expiryReads'
import { requestHeads, type Heads } from './heads'
import { readSource, readsSource, requestSentLogs, type RelocationPacer } from './sourceReads'

export interface PollDeps {
  client(chainId: number): ChainClient
  /** One round trip of calls to a chain (clients.ts `exchange`). */
  exchange(chainId: number, calls: readonly RpcCall[]): Promise<RpcReply[]>
  /** The head this process read from the chain on a recent tick, if any (the recent relay-log window). */
  recentHead(chainId: number): bigint | undefined
  chain(chainId: number): ChainConfig | undefined
  checkChainId(chainId: number): Promise<void>
  now(): number
  anchor(chainId: number): ChainAnchor | undefined
  /** The previous tick found this chain's finalized block changed (same genesis). */
  suspected(chainId: number): boolean
  pacer: RelocationPacer
  waitingOnWallet: ReadonlySet<Hex>
  /** The chain's interop readiness, cached (chainSet.ts): its messenger's version drives the expiry reads. */
  readiness(chainId: number): Promise<InteropReadiness>
}

export type ChainOutcome =
  | { chainId: number; kind: 'read'; anchor: ChainAnchor }
  | { chainId: number; kind: 'failed'; error: unknown }
  | { chainId: number; kind: 'skipped'; verdict: Exclude<AnchorVerdict, { kind: 'ok' } | { kind: 'reset' }> }
  | { chainId: number; kind: 'reset'; anchor: ChainAnchor; genesisChanged: boolean }

export interface PollTickResult {
  /** Per message, in order. */
  events: Map<Hex, TrackerEvent[]>
  chains: ChainOutcome[]
}

/** A node behind what was seen before may sit behind the same URL as an up-to-date one: ask up to this often. */
const HEAD_ATTEMPTS = 3

/**
 * The chain's batch (one round trip) and the anchor's verdict on its heads, sent again (maybe reaching another node)
 * while the node that answered is behind — the whole batch, as its other reads came from that node too. A changed
 * finalized block is read a second time at once, not a tick later: until that second read settles it, the chain's
 * old statuses stand — a Relay offered for a log a deep reorg took away.
 */
async function readBatch(
  deps: PollDeps,
  chainId: number,
  asSource: readonly TrackedMessage[],
  asDestination: readonly TrackedMessage[],
) {
  const client = deps.client(chainId)
  const anchor = deps.anchor(chainId)
  let suspected = deps.suspected(chainId)
  for (let attempt = 1; ; attempt++) {
    const batch = createCallBatch()
    const headsOf = requestHeads(batch)
    const anchorBlocks = requestAnchorBlocks(batch, anchor)
    const sentLogs = asSource.length ? requestSentLogs(batch, asSource) : () => undefined
    const destination = asDestination.length
      ? requestDestination(batch, asDestination, deps.recentHead(chainId))
      : undefined
    await batch.send((calls) => deps.exchange(chainId, calls))
    const heads = headsOf()
    const { verdict, next } = await checkAnchor(client, anchor, heads, suspected, anchorBlocks())
    if (verdict.kind === 'suspect' && !suspected) {
      suspected = true
      continue
    }
    if (verdict.kind !== 'behind' || attempt >= HEAD_ATTEMPTS)
      return { heads, verdict, next, sentLogs: sentLogs(), destination: destination?.() }
  }
}

/** The chains a tick reads for these messages: each one's source and destination. */
export function chainsOf(messages: readonly TrackedMessage[]): number[] {
  const ids = new Set<number>()
  for (const m of messages) {
    ids.add(m.source)
    ids.add(m.destination)
  }
  return [...ids]
}

/**
 * The source's messenger version, recorded on its messages (what may be done with them: resend only on 1.x), and
 * on 2.x its `MessageExpired` records (expiryReads.ts). A chain whose version cannot be read adds nothing.
 */
async function readMessenger(
  deps: PollDeps,
  client: ChainClient,
  chainId: number,
  messages: readonly TrackedMessage[],
  heads: Heads,
  sources: Map<Hex, TrackerEvent[]>,
): Promise<void> {
  const readiness = await deps.readiness(chainId).catch(() => undefined)
  if (readiness?.state !== 'active') return
  const { version, expireMessage } = readiness.messenger
  const add = (hash: Hex, event: TrackerEvent) => sources.set(hash, [...(sources.get(hash) ?? []), event])
  for (const m of messages) if (m.sourceMessenger !== version) add(m.hash, { type: 'messengerRead', version })
  if (!expireMessage || !messages.some(awaitsExpiry)) return
  for (const [hash, event] of await readExpiries(client, messages, heads)) add(hash, event)
}

/** What the chains of one tick read, gathered per message before they become events. */
interface Readings {
  sources: Map<Hex, TrackerEvent[]>
  observations: Map<Hex, NonNullable<MessageObservation['destination']>>
  relayEvents: Map<Hex, TrackerEvent>
}

export async function pollChains(
  deps: PollDeps,
  messages: readonly TrackedMessage[],
  skipChains: ReadonlySet<number>,
  /** Chains to check for a reset even when no message needs reading there (settled history, scan cursors). */
  alsoAnchor: readonly number[] = [],
): Promise<PollTickResult> {
  const now = deps.now()
  const readings: Readings = { sources: new Map(), observations: new Map(), relayEvents: new Map() }
  const chains: ChainOutcome[] = []
  await Promise.all(
    [...new Set([...chainsOf(messages), ...alsoAnchor])]
      .filter((id) => !skipChains.has(id) && deps.chain(id))
      .map(async (chainId) => {
        try {
          chains.push(await readChain(deps, chainId, messages, now, readings))
        } catch (error) {
          chains.push({ chainId, kind: 'failed', error })
        }
      }),
  )
  return { events: eventsOf(messages, readings), chains }
}

/** One chain's part of the tick: its batch, the anchor's verdict, and (when it may be used) its readings. */
async function readChain(
  deps: PollDeps,
  chainId: number,
  messages: readonly TrackedMessage[],
  now: number,
  into: Readings,
): Promise<ChainOutcome> {
  // A reset whose voids are not written yet. The tick finished every one it found before reading (resetCatchUp.ts):
  // this one was marked since, by another process still at it. Void with it, never read past the mark: a reading
  // would store the new anchor without it, and the voids would be lost should that process stop.
  const unsettled = deps.anchor(chainId)
  if (unsettled?.voiding)
    return { chainId, kind: 'reset', anchor: unsettled, genesisChanged: unsettled.voiding.genesisChanged }
  await deps.checkChainId(chainId)
  const client = deps.client(chainId)
  const asSource = messages.filter((m) => m.source === chainId && readsSource(m, now))
  const asDestination = messages.filter((m) => m.destination === chainId && m.status !== 'vanished')
  const { heads, verdict, next, sentLogs, destination } = await readBatch(
    deps,
    chainId,
    asSource,
    asDestination,
  )
  if (verdict.kind === 'reset')
    return { chainId, kind: 'reset', anchor: next, genesisChanged: verdict.genesisChanged }
  if (verdict.kind !== 'ok') return { chainId, kind: 'skipped', verdict }
  const [src, dst] = await Promise.all([
    asSource.length ? readSource(client, chainId, asSource, heads, deps.pacer, now, sentLogs) : undefined,
    asDestination.length
      ? readDestination(client, deps.chain(chainId), asDestination, heads, now, deps.waitingOnWallet, {
          batched: destination,
          exchange: (calls) => deps.exchange(chainId, calls),
        })
      : undefined,
  ])
  src?.forEach((v, k) => into.sources.set(k, v))
  if (asSource.length) await readMessenger(deps, client, chainId, asSource, heads, into.sources)
  dst?.observations.forEach((v, k) => into.observations.set(k, v))
  dst?.relayEvents.forEach((v, k) => into.relayEvents.set(k, v))
  return { chainId, kind: 'read', anchor: next }
}

/** Per message, in order: our relay's event, the source's other events, then one observation of both chains. */
function eventsOf(messages: readonly TrackedMessage[], readings: Readings): Map<Hex, TrackerEvent[]> {
  const events = new Map<Hex, TrackerEvent[]>()
  for (const m of messages) {
    const list: TrackerEvent[] = []
    const relayEvent = readings.relayEvents.get(m.hash)
    if (relayEvent) list.push(relayEvent)
    // The source's verdict and the destination's reading make one observation, as the status machine expects.
    const fromSource = readings.sources.get(m.hash) ?? []
    const destination = readings.observations.get(m.hash)
    const observed = fromSource.find((e) => e.type === 'observed')
    for (const e of fromSource) if (e !== observed) list.push(e)
    if (observed?.type === 'observed' || destination) {
      const observation: MessageObservation = {
        ...(observed?.type === 'observed' ? observed.observation : {}),
      }
      if (destination) observation.destination = destination
      list.push({ type: 'observed', observation })
    }
    if (list.length > 0) events.set(m.hash, list)
  }
  return events
}
