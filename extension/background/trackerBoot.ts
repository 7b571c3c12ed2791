/**
 * The background's tracker, re-created from IndexedDB on first need after every worker start. A failed build (the
 * store could not open, a chain check failed) is not cached: the next caller tries again.
 */
import { type ChainConfig, createTracker, type MessageStore, type TrackerUpdate } from '../../src/core'

import { serializeError } from '../messaging/codec'
import type { RelayAccount } from './relayAccount'
import type { Wallet } from './wallet'

export interface BootedTracker {
  store: MessageStore
  tracker: Awaited<ReturnType<typeof createTracker>>
}

export interface TrackerBootOptions {
  openStore: () => Promise<MessageStore>
  defaultChains: ChainConfig[]
  now: () => number
  verifyChains?: boolean
  relayAccount: RelayAccount
  wallet: Wallet
  onUpdate: (update: TrackerUpdate) => void
  log: (line: string) => void
}

async function bootTracker(options: TrackerBootOptions): Promise<BootedTracker> {
  const { relayAccount, wallet, log } = options
  const store = await options.openStore()
  const tracker = await createTracker({
    store,
    defaultChains: options.defaultChains,
    now: options.now,
    ...(options.verifyChains === false ? { verifyChains: false } : {}),
    // Core journals every relay before it leaves (docs/ARCHITECTURE.md §5): a worker stopped mid-relay resumes
    // from the stored record, never signing a second transaction.
    signer: async (choice) =>
      choice.kind === 'relayAccount' ? await relayAccount.signer() : await wallet.signer(),
  })
  tracker.subscribe(options.onUpdate)
  tracker.events.on('error', ({ error, context }) => log(`${context}: ${serializeError(error).message}`))
  return { store, tracker }
}

/** `ready()`: the tracker, built on first need; a failed build is retried by the next caller instead of cached. */
export function createTrackerBoot(options: TrackerBootOptions): () => Promise<BootedTracker> {
  let booted: Promise<BootedTracker> | undefined
  return function ready() {
    booted ??= bootTracker(options).catch((error: unknown) => {
      booted = undefined
      throw error
    })
    return booted
  }
}
