/**
 * The background service worker's state and wiring, built from injected parts (the chrome API, the store, MetaMask)
 * so unit tests run it against fakes. Nothing that matters lives only in this worker's memory: the tracker and its
 * messages are re-created from IndexedDB, settings and the notification record come from chrome.storage.local, the
 * unlocked relay key from chrome.storage.session. Chrome may stop the worker between any two events; the next event
 * re-runs `index.ts`, which builds all this again and resumes.
 */
import type { ChainConfig, MessageStore } from '../../src/core'

import { serializeError } from '../messaging/codec'
import { extensionIdentity } from '../messaging/senders'
import { createMessageListener } from '../messaging/server'
import { BADGE_COLOR, updateBadge } from './badge'
import { createHandlers } from './handlers'
import type { ExtensionHost } from './host'
import { createNotifier, type Notifier } from './notifier'
import { createPollCycle, type PollCycle } from './pollCycle'
import { createRelayAccount, type RelayAccount } from './relayAccount'
import { ensureAlarm, POLL_ALARM } from './scheduler'
import { readSettings } from './settings'
import { createSnapshotWriter, type SnapshotWriter } from './snapshotWriter'
import { createTrackerBoot, type BootedTracker } from './trackerBoot'
import { createUpdatesPorts, type PortLike } from './updatesPorts'
import type { Wallet } from './wallet'

export type { PortLike }

export const WORKER_STARTS_KEY = 'workerStarts'
/** Unit tests run without the build's define: hooks on. */
const TEST_HOOKS = typeof __SCR_TEST_HOOKS__ === 'undefined' || __SCR_TEST_HOOKS__ === true

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

type Log = (line: string) => void

/** The relay account, with its auto-lock time and spending cap read from the settings on every use. */
function settingsBoundRelayAccount(
  host: ExtensionHost,
  now: () => number,
  iterations?: number,
): RelayAccount {
  return createRelayAccount({
    local: host.storage.local,
    session: host.storage.session,
    ...(iterations ? { iterations } : {}),
    now,
    autoLockMs: async () => (await readSettings(host.storage.local)).autoLockMinutes * 60_000,
    spendingCap: async () => BigInt((await readSettings(host.storage.local)).relayFeeCapWei),
  })
}

/** Notifications, with the user's notification settings read on every check. */
function settingsBoundNotifier(
  host: ExtensionHost,
  ready: () => Promise<BootedTracker>,
  chainName: (id: number) => string,
  now: () => number,
  log: Log,
): Notifier {
  return createNotifier({
    host,
    log,
    store: async () => (await ready()).store,
    settings: () => readSettings(host.storage.local),
    chainName,
    now,
  })
}

/** The badge is recounted once per burst of tracker updates (a poll can change many messages at once). */
function createBadgeScheduler(host: ExtensionHost, ready: () => Promise<BootedTracker>, log: Log) {
  let badgeQueued = false
  return function scheduleBadge(): void {
    if (badgeQueued) return
    badgeQueued = true
    queueMicrotask(() => {
      badgeQueued = false
      void ready()
        .then(({ store }) => updateBadge(host, store))
        .catch((error: unknown) => log(`badge update failed: ${serializeError(error).message}`))
    })
  }
}

/**
 * How many times the background started in this browser session: a restart is otherwise invisible, and this is
 * how an e2e test tells that state really came back from storage. A test hook: store builds leave it out.
 */
async function countStart(host: ExtensionHost): Promise<void> {
  if (!TEST_HOOKS) return
  const session = host.storage.session
  const n = (await session.get(WORKER_STARTS_KEY))[WORKER_STARTS_KEY]
  await session.set({ [WORKER_STARTS_KEY]: (typeof n === 'number' ? n : 0) + 1 })
}

/** Runs on every worker start: alarm, badge colour, and a first tick that resumes whatever was in flight. */
async function startWorker(
  host: ExtensionHost,
  cycle: PollCycle,
  snapshot: SnapshotWriter,
  log: Log,
): Promise<void> {
  await Promise.all([
    ensureAlarm(host),
    host.action.setBadgeBackgroundColor({ color: BADGE_COLOR }),
    countStart(host),
  ])
  cycle.wake()
  void snapshot
    .ensure()
    .catch((error: unknown) => log(`popup snapshot check failed: ${serializeError(error).message}`))
}

/** The browser events besides messages and ports: install, the poll alarm, the screen locking, a notification. */
function browserEventListeners(deps: {
  host: ExtensionHost
  relayAccount: RelayAccount
  notifier: Notifier
  cycle: PollCycle
  log: Log
}) {
  const { host, relayAccount, notifier, cycle, log } = deps
  return {
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
      cycle.wake({ scan: true })
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
  }
}

export function createBackground(options: BackgroundOptions) {
  const { host, wallet } = options
  const now = options.now ?? Date.now
  const log = options.log ?? ((line: string) => console.warn(`[superchain-relay] ${line}`))
  const self = extensionIdentity(host.runtime)
  const ports = createUpdatesPorts(self)
  const relayAccount = settingsBoundRelayAccount(host, now, options.pbkdf2Iterations)
  const ready = createTrackerBoot({
    ...options,
    now,
    relayAccount,
    log,
    onUpdate(update) {
      ports.broadcast(update)
      if (update.type === 'error') return
      scheduleBadge()
      snapshot.schedule()
    },
  })
  const scheduleBadge = createBadgeScheduler(host, ready, log)

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

  const cycle = createPollCycle({
    host,
    ready,
    now,
    log,
    watched: () => ports.size > 0 || wallet.pending() > 0,
    notify: () => notifier.check(),
    fastPollMs: options.fastPollMs,
  })
  const notifier = settingsBoundNotifier(host, ready, cycle.chainName, now, log)

  const handlers = async () => {
    const { store, tracker } = await ready()
    const { wake, busy } = cycle
    return snapshot.watching(
      createHandlers({ host, store, tracker, relayAccount, wallet, notifier, wake, busy }),
    )
  }

  return {
    start: () => startWorker(host, cycle, snapshot, log),
    onMessage: createMessageListener(self, handlers),
    onConnect(port: PortLike): void {
      // Someone opened the popup: show them fresh data, and keep polling fast while they look.
      if (ports.accept(port)) cycle.wake({ scan: true })
    },
    ...browserEventListeners({ host, relayAccount, notifier, cycle, log }),
    /** For tests: the state that decides whether the fast loop runs. */
    inspect: () => ({ ports: ports.size, ...cycle.state() }),
    ready,
    tick: cycle.tick,
    stop: cycle.stop,
  }
}

export type Background = ReturnType<typeof createBackground>
