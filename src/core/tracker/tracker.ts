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
import { mergeHistory, type HistoryImportResult } from '../store/serialize'
import { normalizeHash } from '../store/storedForm'
import type { JsonValue, MessageStore } from '../store/types'
import type { MessageFilter, RelaySignerChoice, Tracker, TrackerUpdate } from './api'
import { ANCHORS_SETTING } from './chainAnchor'
import { createHealthBook } from './chainHealth'
import { openChainSet, type ChainSource } from './chainSet'
import { createDiscoveryQueue } from './discoveryQueue'
import { createEventHub, type TrackerEventMap } from './events'
import { createMessageWriter } from './messageWriter'
import { createPollLoop } from './pollLoop'
import { createPollTick } from './pollTick'
import { createRelayFlow } from './relayFlow'

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
  const { store } = options
  const now = options.now ?? Date.now
  const events = createEventHub<TrackerEventMap>()
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
  const discovery = createDiscoveryQueue({ store, chains, writer, events, now })
  // refresh and wake run only after the tracker is built: they close over `tracker` and `loop` below.
  const relays = createRelayFlow({
    store,
    chains,
    writer,
    signer: options.signer,
    now,
    refresh: () => tracker.poll(),
    wake: () => loop.wake(),
  })
  const tick = createPollTick({
    store,
    chains,
    writer,
    discovery,
    health,
    events,
    now,
    waitingOnWallet: relays.waitingOnWallet,
  })
  const loop = createPollLoop({
    activeMs: options.activePollMs ?? 2_000,
    idleMs: options.idlePollMs ?? 30_000,
    now,
    nextRetryAt: () => {
      const due = health.list(chains.list().map((c) => c.id)).map((h) => h.retryAt ?? Infinity)
      const first = Math.min(...due)
      return Number.isFinite(first) ? first : undefined
    },
    async tick(scan) {
      try {
        if (scan) await discovery.scanAccounts()
        await tracker.poll()
      } catch (error) {
        events.emit('error', { error: error as Error, context: 'polling' })
      }
    },
  })

  const tracker: Tracker & { events: TrackerEventHubOf } = {
    events,
    listMessages: (filter?: MessageFilter) => store.list(filter),
    getMessage: (hash) => store.get(hash),
    listChains: async () => chains.list(),

    async trackTransaction(chainId, transactionHash) {
      const found = await discovery.trackTransaction(chainId, transactionHash)
      loop.wake()
      return found
    },

    async importHistory(json: string): Promise<HistoryImportResult> {
      const { written, ...result } = await mergeHistory(store, json, { now: now() })
      // Open UIs learn about imported messages like any other: one messageAdded each (they upsert by hash).
      for (const hash of written) {
        const stored = await store.get(hash)
        if (stored) events.emit('messageAdded', { message: stored })
      }
      // Imported messages are unverified until the poller finds them on chain: look now.
      loop.wake()
      return result
    },

    watchAccount: (account) => discovery.watchAccount(account),
    unwatchAccount: (account) => discovery.unwatchAccount(account),
    listAccounts: () => discovery.listAccounts(),

    addChain: (config) => chains.add(config),
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
    nextPollDelayMs: () => loop.nextDelayMs(),

    prepareRelay: (hash, signer) => relays.prepare(hash, signer),
    relay: (hash, choice, approval) => relays.relay(hash, choice, approval),
    resend: (hash, choice) => relays.resend(hash, choice),

    async forgetMessage(hash) {
      await writer.remove([hash])
    },
    async clearChainHistory(chainId) {
      const gone = await store.list({ chainId })
      await writer.remove(gone.map((m) => m.hash))
      for (const { key, cursor } of await store.listCursors()) {
        if (cursor.chainId === chainId) await store.removeCursor(key)
      }
      await store.updateSetting(ANCHORS_SETTING, (current) => {
        const next = { ...((current ?? {}) as Record<string, JsonValue>) }
        delete next[String(chainId)]
        return next
      })
      return gone.length
    },
    chainHealth: async () => health.list(chains.list().map((c) => c.id)),
    unreadableMessages: async () => (await store.listUnreadable?.()) ?? [],

    subscribe(listener: (update: TrackerUpdate) => void) {
      const offs = [
        events.on('messageAdded', ({ message }) => listener({ type: 'messageAdded', message })),
        events.on('messageUpdated', ({ message, from, to }) =>
          listener({ type: 'messageUpdated', message, from, to }),
        ),
        events.on('messageRemoved', ({ hash }) =>
          listener({ type: 'messageRemoved', hash: normalizeHash(hash) }),
        ),
        events.on('chainHealth', ({ health: h }) => listener({ type: 'chainHealth', health: h })),
        events.on('chainReset', ({ chainId, affected }) =>
          listener({ type: 'chainReset', chainId, affected }),
        ),
        events.on('error', ({ error, context }) =>
          listener({ type: 'error', message: error.message, context }),
        ),
      ]
      return () => offs.forEach((off) => off())
    },

    start: () => loop.start(),
    stop: () => loop.stop(),
  }
  return tracker
}
