/**
 * The tracker: the one object a shell owns. It wires the parts along their seams, each in its own file:
 * - the chain set (chainSet.ts): registry, clients, where the chain list comes from, chain id checks;
 * - the one writer (messageWriter.ts): every change to a stored message, as events on the current record;
 * - discovery (discoveryQueue.ts): tracked transactions and account scans;
 * - the poll tick (pollTick.ts) and its reads (poller.ts), with chain health (chainHealth.ts) and reset
 *   detection (chainAnchor.ts);
 * - the relay flow (relayFlow.ts): prepare, relay with its journal, resend;
 * - the poll loop (pollLoop.ts): timer, backoff-aware delay, wake-up.
 * Everything is persisted through the store, so a restarted service worker resumes where it stopped.
 */
import type { ChainConfig } from '../chains/types'
import type { RelaySigner } from '../relay/signer'
import type { MessageStore } from '../store/types'
import type { MessageFilter, RelaySignerChoice, Tracker, TrackerUpdate } from './api'
import { readinessOf, refuseWithoutInterop } from './chainReadiness'
import { createHealthBook } from './chainHealth'
import { dismissChainNotice, listChainNotices } from './chainNotices'
import { openChainSet, type ChainSource } from './chainSet'
import { createDiscoveryQueue } from './discoveryQueue'
import { createEventHub, type TrackerEventMap } from './events'
import { clearChain, importAndAnnounce } from './history'
import { createMessageWriter } from './messageWriter'
import { createPollLoop } from './pollLoop'
import { createPollTick } from './pollTick'
import { createRelayFlow } from './relayFlow'
import { createResetCatchUp } from './resetCatchUp'
import { subscribeTo } from './subscription'

export { InvalidAccountError, SignerUnavailableError, TrackerError, UnknownMessageError } from './errors'
export { RelaySimulationFailedError } from '../relay/errors'

export interface TrackerOptions {
  store: MessageStore
  /** Chains to start with; see `chainSource` for when they win over stored ones. Default: the devnet's 901, 902. */
  defaultChains?: ChainConfig[]
  /**
   * 'store' (default): stored chains win, `defaultChains` seed a first run. 'options': exactly `defaultChains`
   * every run, the store's chain list untouched (the CLI; chainSet.ts explains both).
   */
  chainSource?: ChainSource
  /** Resolve the signer for a relay; the shell decides what 'wallet' and 'relayAccount' are. */
  signer?: (choice: RelaySignerChoice) => Promise<RelaySigner>
  now?: () => number
  /** Poll interval while something is moving (pending, initiated, relaying…). Default 2 s. */
  activePollMs?: number
  /** Poll interval when nothing is moving. Default 30 s (the MV3 alarm floor). */
  idlePollMs?: number
  /**
   * While something moves, poll once per block when the chains make blocks faster than `activePollMs` (never
   * faster than once a second): someone else's relay then shows within about a block. Default true; false keeps
   * the fixed active pace (docs/ARCHITECTURE.md §2, "Detection pace").
   */
  pollPerBlock?: boolean
  /** Verify a chain's RPC serves its chain id before adding it. Default true. */
  verifyChains?: boolean
  /** How often a polled chain's RPC is asked its chain id again. Default 5 minutes. */
  chainIdCheckMs?: number
  /** Per-request RPC timeout. Default 10 s. */
  rpcTimeoutMs?: number
}

export type TrackerEventHubOf = ReturnType<typeof createEventHub<TrackerEventMap>>

export async function createTracker(
  options: TrackerOptions,
): Promise<Tracker & { events: TrackerEventHubOf }> {
  const parts = await buildParts(options)
  const { store, events, chains, health, writer, discovery, relays, tick, loop, now } = parts
  const tracker: Tracker & { events: TrackerEventHubOf } = {
    events,
    listMessages: (filter?: MessageFilter) => store.list(filter),
    getMessage: (hash) => store.get(hash),
    listChains: async () => chains.list(),
    async trackTransaction(chainId, transactionHash) {
      await refuseWithoutInterop(chains, chainId)
      const found = await discovery.trackTransaction(chainId, transactionHash)
      loop.wake()
      return found
    },
    async importHistory(json) {
      const result = await importAndAnnounce(store, events, json, now())
      loop.wake()
      return result
    },
    async watchAccount(account) {
      // A new account is scanned on the loop's next tick, soon (a shell with its own clock scans it itself).
      if (await discovery.watchAccount(account)) loop.scanSoon()
    },
    unwatchAccount: (account) => discovery.unwatchAccount(account),
    listAccounts: () => discovery.listAccounts(),
    async addChain(config) {
      await chains.add(config)
      return readinessOf(chains, config.id)
    },
    async removeChain(id) {
      await chains.remove(id)
      health.forget(id)
    },
    poll: async () => {
      const report = await tick.poll()
      loop.setActive(tick.active)
      return report
    },
    scanAccounts: () => discovery.scanAccounts(),
    nextPollDelayMs: (elapsedMs) => loop.nextDelayMs(elapsedMs),
    prepareRelay: (hash, signer) => relays.prepare(hash, signer),
    relay: (hash, choice, approval) => relays.relay(hash, choice, approval),
    resend: (hash, choice) => relays.resend(hash, choice),
    forgetMessage: (hash) => writer.remove([hash]),
    clearChainHistory: (chainId) => clearChain(store, writer, chainId),
    chainHealth: async () => health.list(chains.list().map((c) => c.id)),
    unreadableMessages: async () => (await store.listUnreadable?.()) ?? [],
    chainReadiness: () => Promise.all(chains.list().map((c) => readinessOf(chains, c.id))),
    chainNotices: () => listChainNotices(store),
    dismissChainNotice: (id) => dismissChainNotice(store, id),
    subscribe: (listener: (update: TrackerUpdate) => void) => subscribeTo(events, listener),
    start: () => loop.start(),
    stop: () => loop.stop(),
  }
  parts.bind(tracker)
  return tracker
}

/** The parts, wired; the relay flow and the loop call back into the tracker (`bind`) once it exists. */
async function buildParts(options: TrackerOptions) {
  const { store } = options
  const now = options.now ?? Date.now
  const events = createEventHub<TrackerEventMap>()
  let tracker: Tracker | undefined
  const poll = () => tracker!.poll()
  const chains = await openChainSet({
    store,
    defaultChains: options.defaultChains,
    chainSource: options.chainSource,
    verifyChains: options.verifyChains,
    chainIdCheckMs: options.chainIdCheckMs,
    rpcTimeoutMs: options.rpcTimeoutMs,
    now,
  })
  const health = createHealthBook({ now, onChange: (h) => events.emit('chainHealth', { health: h }) })
  const writer = createMessageWriter({ store, events, now })
  // Resets a stopped process left half done are finished before any entry point reads or writes (resetCatchUp.ts).
  const catchUp = createResetCatchUp({ store, chains, health, events, writer })
  const owedResets = () => catchUp.finish()
  const discovery = createDiscoveryQueue({ store, chains, writer, events, now, owedResets })
  const relays = createRelayFlow({
    store,
    chains,
    writer,
    signer: options.signer,
    now,
    refresh: poll,
    wake: () => loop.wake(),
    owedResets,
  })
  const waitingOnWallet = relays.waitingOnWallet
  const tick = createPollTick({
    store,
    chains,
    writer,
    discovery,
    health,
    events,
    now,
    waitingOnWallet,
    owedResets,
  })
  const loop = createPollLoop({
    activeMs: options.activePollMs ?? 2_000,
    idleMs: options.idlePollMs ?? 30_000,
    blockPaceMs: options.pollPerBlock === false ? undefined : () => tick.blockPaceMs(),
    now,
    nextRetryAt: () => {
      const due = health.list(chains.list().map((c) => c.id)).map((h) => h.retryAt ?? Infinity)
      const first = Math.min(...due)
      return Number.isFinite(first) ? first : undefined
    },
    async tick(scan) {
      try {
        if (scan) await discovery.scanAccounts()
        await poll()
      } catch (error) {
        events.emit('error', { error: error as Error, context: 'polling' })
      }
    },
  })
  const bind = (built: Tracker) => void (tracker = built)
  return { store, events, chains, health, writer, discovery, relays, tick, loop, bind, now }
}
