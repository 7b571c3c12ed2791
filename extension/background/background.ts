/**
 * The background service worker's state and wiring, built from injected parts (the chrome API, the store, MetaMask)
 * so unit tests run it against fakes. Nothing that matters lives only in this worker's memory: the tracker and its
 * messages are re-created from IndexedDB, settings and the notification record come from chrome.storage.local, the
 * unlocked relay key from chrome.storage.session. Chrome may stop the worker between any two events; the next event
 * re-runs `index.ts`, which builds all this again and resumes.
 */
import { type ChainConfig, createTracker, type MessageStore, type TrackerUpdate } from '../../src/core'

import { encode, serializeError } from '../messaging/codec'
import { extensionIdentity, isOwnExtensionPage, type SenderLike } from '../messaging/senders'
import { createMessageListener } from '../messaging/server'
import { UPDATES_PORT, type UpdatesMessage } from '../messaging/protocol'
import { BADGE_COLOR, updateBadge } from './badge'
import { createHandlers } from './handlers'
import type { ExtensionHost } from './host'
import { createNotifier } from './notifier'
import { createRelayAccount } from './relayAccount'
import { createFastLoop, ensureAlarm, FAST_POLL_MS, POLL_ALARM } from './scheduler'
import { readSettings } from './settings'
import { createSnapshotWriter } from './snapshotWriter'
import type { Wallet } from './wallet'

/** A fast-loop tick scans the watched accounts every this many ticks (10 s); polling is cheap, log scans less so. */
const SCAN_EVERY_TICKS = 5
/** A message on the move longer than this is probably stuck (a dropped tx): leave it to the alarm. */
const MOVING_WINDOW_MS = 10 * 60_000
export const WORKER_STARTS_KEY = 'workerStarts'
/** Unit tests run without the build's define: hooks on. */
const TEST_HOOKS = typeof __SCR_TEST_HOOKS__ === 'undefined' || __SCR_TEST_HOOKS__ === true

export interface PortLike {
  name: string
  sender?: SenderLike
  postMessage(message: unknown): void
  disconnect(): void
  onDisconnect: { addListener(listener: () => void): void }
}

export interface BackgroundOptions {
  host: ExtensionHost
  openStore: () => Promise<MessageStore>
  defaultChains: ChainConfig[]
  wallet: Wallet
  now?: () => number
  fastPollMs?: number
  /** Only tests turn this off (their chains have no RPC). */
  verifyChains?: boolean
  /** Tests lower PBKDF2's cost. */
  pbkdf2Iterations?: number
  /** Where problems are reported (never with key material); default console.warn. */
  log?: (line: string) => void
}

export function createBackground(options: BackgroundOptions) {
  const { host, wallet } = options
  const now = options.now ?? Date.now
  const log = options.log ?? ((line: string) => console.warn(`[superchain-relay] ${line}`))
  const ports = new Set<PortLike>()
  const self = extensionIdentity(host.runtime)
  const relayAccount = createRelayAccount({
    local: host.storage.local,
    session: host.storage.session,
    ...(options.pbkdf2Iterations ? { iterations: options.pbkdf2Iterations } : {}),
    now,
    autoLockMs: async () => (await readSettings(host.storage.local)).autoLockMinutes * 60_000,
    spendingCap: async () => BigInt((await readSettings(host.storage.local)).relayFeeCapWei),
  })
  let busyCalls = 0
  let moving = false
  let scanRequested = true
  let ticks = 0
  let chainNames = new Map<number, string>()

  async function boot() {
    const store = await options.openStore()
    const tracker = await createTracker({
      store,
      defaultChains: options.defaultChains,
      now,
      ...(options.verifyChains === false ? { verifyChains: false } : {}),
      // Core journals every relay before it leaves (docs/ARCHITECTURE.md §5): a worker stopped mid-relay resumes
      // from the stored record, never signing a second transaction.
      signer: async (choice) =>
        choice.kind === 'relayAccount' ? await relayAccount.signer() : await wallet.signer(),
    })
    tracker.subscribe((update) => {
      broadcast(update)
      if (update.type === 'error') return
      scheduleBadge()
      snapshot.schedule()
    })
    tracker.events.on('error', ({ error, context }) => log(`${context}: ${serializeError(error).message}`))
    return { store, tracker }
  }

  let booted: ReturnType<typeof boot> | undefined
  /** The tracker, built on first need; a failed build is retried by the next caller instead of cached. */
  function ready() {
    booted ??= boot().catch((error: unknown) => {
      booted = undefined
      throw error
    })
    return booted
  }

  function broadcast(update: TrackerUpdate): void {
    if (ports.size === 0) return
    const message: UpdatesMessage = { type: 'update', update: encode(update) }
    for (const port of ports) {
      try {
        port.postMessage(message)
      } catch {
        ports.delete(port) // disconnected under us; its onDisconnect may not have run yet
      }
    }
  }

  let badgeQueued = false
  function scheduleBadge(): void {
    if (badgeQueued) return
    badgeQueued = true
    queueMicrotask(() => {
      badgeQueued = false
      void ready()
        .then(({ store }) => updateBadge(host, store))
        .catch((error: unknown) => log(`badge update failed: ${serializeError(error).message}`))
    })
  }

  // The popup paints this before this worker is even awake (docs/ARCHITECTURE.md §3).
  const snapshot = createSnapshotWriter({
    storage: host.storage.local,
    now,
    log,
    async read() {
      const { tracker } = await ready()
      const [messages, accounts, chains, health] = await Promise.all([
        tracker.listMessages(),
        tracker.listAccounts(),
        tracker.listChains(),
        tracker.chainHealth(),
      ])
      return { messages, accounts, chains, health }
    },
  })

  const notifier = createNotifier({
    host,
    log,
    store: async () => (await ready()).store,
    settings: () => readSettings(host.storage.local),
    chainName: (id) => chainNames.get(id) ?? `chain ${id}`,
    now,
  })

  async function tick(): Promise<{ found: number; updated: number }> {
    const { store, tracker } = await ready()
    chainNames = new Map((await tracker.listChains()).map((c) => [c.id, c.name]))
    let found = 0
    ticks += 1
    if (scanRequested || ticks % SCAN_EVERY_TICKS === 0) {
      scanRequested = false
      found = await tracker.scanAccounts()
    }
    const report = await tracker.poll()
    await updateBadge(host, store)
    await notifier.check()
    const t = now()
    moving = (await store.list({ statuses: ['pending', 'initiated', 'relaying'] })).some(
      (m) => t - m.updatedAt < MOVING_WINDOW_MS,
    )
    return { found, updated: report.updated }
  }

  const loop = createFastLoop({
    log,
    tick: async () => {
      await tick()
    },
    shouldRun: () => ports.size > 0 || busyCalls > 0 || wallet.pending() > 0 || moving,
    intervalMs: options.fastPollMs ?? FAST_POLL_MS,
  })

  /**
   * How many times the background started in this browser session: a restart is otherwise invisible, and this is
   * how an e2e test tells that state really came back from storage. A test hook: store builds leave it out.
   */
  async function countStart(): Promise<void> {
    if (!TEST_HOOKS) return
    const session = host.storage.session
    const n = (await session.get(WORKER_STARTS_KEY))[WORKER_STARTS_KEY]
    await session.set({ [WORKER_STARTS_KEY]: (typeof n === 'number' ? n : 0) + 1 })
  }

  const handlers = async () => {
    const { store, tracker } = await ready()
    const created = createHandlers({
      host,
      store,
      tracker,
      relayAccount,
      wallet,
      notifier,
      wake(o) {
        if (o?.scan) scanRequested = true
        loop.kick()
      },
      async busy(task) {
        busyCalls += 1
        loop.kick()
        try {
          return await task()
        } finally {
          busyCalls -= 1
        }
      },
    })
    return snapshot.watching(created)
  }

  return {
    /** Runs on every worker start: alarm, badge colour, and a first tick that resumes whatever was in flight. */
    async start(): Promise<void> {
      await Promise.all([
        ensureAlarm(host),
        host.action.setBadgeBackgroundColor({ color: BADGE_COLOR }),
        countStart(),
      ])
      loop.kick()
      void snapshot
        .ensure()
        .catch((error: unknown) => log(`popup snapshot check failed: ${serializeError(error).message}`))
    },
    onMessage: createMessageListener(self, handlers),
    onConnect(port: PortLike): void {
      if (port.name !== UPDATES_PORT || !isOwnExtensionPage(port.sender, self)) {
        port.disconnect()
        return
      }
      ports.add(port)
      port.onDisconnect.addListener(() => ports.delete(port))
      // Someone opened the popup: show them fresh data, and keep polling fast while they look.
      scanRequested = true
      loop.kick()
    },
    /**
     * A first install opens the options page: nothing is watched until the user adds an account, and the relay
     * account is created there. Updates and browser starts open nothing.
     */
    onInstalled(details: { reason: string }): void {
      if (details.reason !== 'install') return
      void host.runtime
        .openOptionsPage()
        .catch((error: unknown) => log(`could not open the options page: ${serializeError(error).message}`))
    },
    onAlarm(alarm: { name: string }): void {
      if (alarm.name !== POLL_ALARM) return
      void relayAccount
        .expireIfIdle()
        .catch((error: unknown) => log(`auto-lock: ${serializeError(error).message}`))
      scanRequested = true
      loop.kick()
    },
    /** The screen locked: drop the unlocked relay key now (the user is away, whatever the idle timer says). */
    onIdleStateChanged(state: string): void {
      if (state !== 'locked') return
      void relayAccount.lock().catch((error: unknown) => log(`auto-lock: ${serializeError(error).message}`))
    },
    onNotificationClicked(notificationId: string): void {
      void notifier
        .onClicked(notificationId)
        .catch((error: unknown) => log(`could not open the popup: ${serializeError(error).message}`))
    },
    /** For tests: the state that decides whether the fast loop runs. */
    inspect: () => ({ ports: ports.size, busyCalls, moving }),
    ready,
    tick,
    stop: () => loop.stop(),
  }
}

export type Background = ReturnType<typeof createBackground>
