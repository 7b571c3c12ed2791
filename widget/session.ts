/**
 * The widget's tracker, framework-free: one per mounted widget. It opens the history (IndexedDB, per origin), makes
 * the host's chains authoritative, polls while it is open, turns the tracker's events into the widget's events,
 * and hands the UI a `TrackerApi` at once — every call waits for the store to open — so the React tree never has
 * to render a "not ready" branch of its own.
 */
import type { Address, Hex } from 'viem'

import {
  AccessListDroppedError,
  type ChainConfig,
  createMemoryStore,
  createTracker,
  type MessageStore,
  openIndexedDbStore,
  type RelaySigner,
  SignerUnavailableError,
  type TrackedMessage,
  type Tracker,
  TRACKER_CALL_NAMES,
  type TrackerApi,
  type TrackerCallName,
  type TrackerEventHub,
  findError,
  TransactionUnknownError,
} from '../src/core'

import { errorDetail, type SuperchainRelayEventHandler } from './events'

/**
 * Core's text tells the user to use "the built-in relay account", which lives in the extension; inside a dapp's
 * widget that needs saying where it is. Appended, never replacing core's words.
 */
export const WIDGET_ACCESS_LIST_HINT =
  'This widget signs only through your wallet: relay this message from the Superchain Relay extension or the ' +
  'CLI, or connect a wallet that keeps access lists.'

/**
 * The calls a user starts, whose failures the host hears of as 'error' events, with the context each names. Core
 * journals a relay (an intent before the wallet is asked, then its hash) and refuses a second one; the widget only
 * reports. Every other call is forwarded as it is.
 */
const REPORTED_CALLS: Partial<Record<TrackerCallName, string>> = {
  trackTransaction: 'track',
  relay: 'relay',
  resend: 'resend',
}

type AnyCall = (...params: unknown[]) => Promise<unknown>

export interface WidgetSessionOptions {
  chains: ChainConfig[]
  storageName: string
  /** Resolves the connected wallet's signer when the user signs a relay. */
  walletSigner: () => Promise<RelaySigner>
  emit: SuperchainRelayEventHandler
  /** Defaults to IndexedDB under `storageName`; Node hosts and tests pass a memory store. */
  store?: MessageStore
  /** Poll interval while nothing moves. A page is not bound by the extension's 30 s alarm floor. */
  idlePollMs?: number
  activePollMs?: number
}

export interface WidgetSession {
  /** Stable from the start; calls wait for the history to open. */
  readonly api: TrackerApi
  readonly ready: Promise<Tracker>
  track(transactionHash: Hex, chainId: number): Promise<TrackedMessage[]>
  /** Make these the chains (add or replace each, drop the others). */
  setChains(chains: ChainConfig[]): Promise<void>
  /** Scan for these accounts' transfers from now on (already watched ones are kept). */
  watchAccounts(accounts: readonly Address[]): Promise<void>
  close(): Promise<void>
}

export function openWidgetSession(options: WidgetSessionOptions): WidgetSession {
  const { emit } = options
  const activePollMs = options.activePollMs ?? 2_000
  let closed = false
  const cleanups: (() => void)[] = []
  const nudges = new Set<ReturnType<typeof setTimeout>>()

  const ready = startTracker(options, activePollMs, cleanups, () => closed)
  // `ready` may never be awaited (a widget unmounted at once); its failure is reported, not left unhandled.
  ready.catch((error: unknown) => emit('error', errorDetail(error, 'starting the tracker')))

  /**
   * One extra poll shortly after the user started something. `tracker.start()`'s loop picks its next delay when it
   * goes to sleep, so a loop that fell asleep idle does not notice a transaction tracked a moment later; this makes
   * the first status change show within `activePollMs`. `poll()` is shared with the loop's, never doubled.
   */
  function nudge(tracker: Tracker): void {
    if (closed) return
    const timer = setTimeout(() => {
      nudges.delete(timer)
      if (!closed) tracker.poll().catch(() => {})
    }, activePollMs)
    nudges.add(timer)
  }

  /** Wrap a call so the host hears of its failure too; the UI still gets the rejection and shows it. */
  async function reported<T>(context: string, call: (tracker: Tracker) => Promise<T>): Promise<T> {
    try {
      const tracker = await ready
      const result = await call(tracker)
      nudge(tracker)
      return result
    } catch (error) {
      const shown = explain(error)
      // "Track a transaction" asks every chain (src/ui/trackEverywhere.ts): one that does not know the hash is no
      // failure to tell the host about; the UI still gets the rejection and weighs all the chains' answers.
      if (!(context === 'track' && findError(error, TransactionUnknownError))) {
        emit('error', errorDetail(shown, context))
      }
      throw shown
    }
  }

  const api = sessionApi(ready, reported)
  return {
    api,
    ready,
    track: (transactionHash, chainId) => api.trackTransaction(chainId, transactionHash),
    async setChains(chains) {
      await syncChains(await ready, chains)
    },
    async watchAccounts(accounts) {
      const tracker = await ready
      for (const account of accounts) await tracker.watchAccount(account)
    },
    async close() {
      if (closed) return
      closed = true
      for (const timer of nudges) clearTimeout(timer)
      cleanups.splice(0).forEach((f) => f())
      await ready.catch(() => {})
    },
  }
}

/**
 * Opens the history and starts a tracker on the host's chains. What must be undone on close goes into `cleanups`;
 * a session closed while this was opening is undone at once and never starts polling.
 */
async function startTracker(
  options: WidgetSessionOptions,
  activePollMs: number,
  cleanups: (() => void)[],
  isClosed: () => boolean,
): Promise<Tracker> {
  const opened = options.store ?? (await openHistory(options.storageName, options.emit))
  const tracker = await createTracker({
    store: opened,
    defaultChains: options.chains,
    // The host configured these chains in code; a startup RPC check would only turn a slow RPC into no widget.
    verifyChains: false,
    // With nothing in flight a poll makes no RPC request at all, so a page can afford a short idle interval; it
    // bounds how long a freshly tracked transfer waits for its first status change (see `nudge`).
    idlePollMs: options.idlePollMs ?? 4_000,
    activePollMs,
    signer: async (choice) => {
      if (choice.kind !== 'wallet')
        throw new SignerUnavailableError('this widget relays through your wallet only')
      return options.walletSigner()
    },
  })
  await syncChains(tracker, options.chains)
  cleanups.push(
    ...forwardEvents(tracker.events, options.emit),
    () => tracker.stop(),
    () => void opened.close(),
  )
  if (isClosed()) cleanups.splice(0).forEach((f) => f())
  else tracker.start()
  return tracker
}

/** The tracker's events as the widget's; returns the unsubscribers. */
function forwardEvents(hub: TrackerEventHub, emit: SuperchainRelayEventHandler): (() => void)[] {
  return [
    hub.on('messageAdded', ({ message }) => emit('messageUpdated', { message, status: message.status })),
    hub.on('messageUpdated', ({ message, from, to }) =>
      emit('messageUpdated', { message, status: to, previousStatus: from }),
    ),
    hub.on('relayed', ({ message }) =>
      emit('relayed', { message, relayTransactionHash: message.relay?.transactionHash }),
    ),
    hub.on('error', ({ error, context }) => emit('error', errorDetail(error, context))),
  ]
}

type Reported = <T>(context: string, call: (tracker: Tracker) => Promise<T>) => Promise<T>

/** The `TrackerApi` the UI gets at once: every call waits for the history to open; the user's are also reported. */
function sessionApi(ready: Promise<Tracker>, reported: Reported): TrackerApi {
  function forward(name: TrackerCallName): AnyCall {
    const context = REPORTED_CALLS[name]
    const call = (tracker: Tracker, params: unknown[]) => (tracker[name] as AnyCall).apply(tracker, params)
    return context === undefined
      ? async (...params) => call(await ready, params)
      : (...params) => reported(context, (tracker) => call(tracker, params))
  }

  return {
    ...(Object.fromEntries(TRACKER_CALL_NAMES.map((name) => [name, forward(name)])) as Omit<
      TrackerApi,
      'subscribe'
    >),
    subscribe(listener) {
      let off: (() => void) | undefined
      let active = true
      void ready.then(
        (tracker) => {
          if (active) off = tracker.subscribe(listener)
        },
        () => {},
      )
      return () => {
        active = false
        off?.()
      }
    },
  }
}

async function openHistory(name: string, emit: SuperchainRelayEventHandler): Promise<MessageStore> {
  try {
    return await openIndexedDbStore({ name })
  } catch (error) {
    // Private windows of some browsers refuse IndexedDB: keep working, and say the history will not survive.
    emit('error', errorDetail(error, 'opening the history (IndexedDB); this tab keeps it in memory only'))
    return createMemoryStore()
  }
}

/** The host's config wins over what an earlier visit stored: its RPC URLs may have changed since. */
async function syncChains(tracker: Tracker, chains: readonly ChainConfig[]): Promise<void> {
  const stored = await tracker.listChains()
  for (const chain of chains) {
    const old = stored.find((c) => c.id === chain.id)
    if (!old || JSON.stringify(old) !== JSON.stringify(chain)) await tracker.addChain(chain)
  }
  for (const chain of stored) {
    if (!chains.some((c) => c.id === chain.id)) await tracker.removeChain(chain.id)
  }
}

/** Errors that already carry the widget's hint: an error re-thrown through `explain` is not told twice. */
const hinted = new WeakSet<Error>()

function explain(error: unknown): unknown {
  if (error instanceof AccessListDroppedError && !hinted.has(error)) {
    hinted.add(error)
    // viem's BaseError.message ends with a "Version: viem@…" line; the user reads shortMessage, then the way out.
    // The UI shows a viem error's shortMessage: carry the hint there too.
    error.message = `${error.shortMessage}\n${WIDGET_ACCESS_LIST_HINT}`
    error.shortMessage = error.message
  }
  return error
}
