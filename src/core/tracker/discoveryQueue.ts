/**
 * Discovery for the tracker: transactions the user asked to track (kept in a queue while they are still pending),
 * and scans of watched accounts. What is found goes through the one writer, which inserts new messages and, for a
 * hash already tracked, adds accounts and applies discovery's verdict on where its live log is
 * (relocateOnDiscovery.ts).
 */
import { isAddress, type Address, type Hex } from 'viem'

import { scanAccount } from '../discovery/accountScan'
import {
  discoverFromTransaction,
  NoCrossChainMessageError,
  TransactionUnknownError,
} from '../discovery/fromTransaction'
import { normalizeAddress, type TrackedMessage } from '../model/message'
import { findError } from '../relay/errors'
import type { JsonValue, MessageStore } from '../store/types'
import type { ChainSet } from './chainSet'
import { InvalidAccountError } from './errors'
import type { TrackerEventHub } from './events'
import type { MessageWriter } from './messageWriter'
import { relocationEvents } from './relocateOnDiscovery'

export const ACCOUNTS_SETTING = 'accounts'
export const PENDING_TRANSACTIONS_SETTING = 'pendingTransactions'

/**
 * How long a queued transaction may go on being unknown to its chain's RPC before it is forgotten. One "no such
 * transaction" proves little: behind a load balancer the node asked may lag the one that showed it pending, or not
 * have it in its mempool yet. A transaction dropped from every mempool stays unknown; one a node has not caught up
 * with is known again within seconds (docs/ARCHITECTURE.md §2).
 */
export const FORGET_UNKNOWN_TRANSACTION_MS = 10 * 60_000

interface PendingTransaction {
  chainId: number
  hash: Hex
  /** ms since epoch: the first of an unbroken run of "unknown" answers (absent while the chain knows it). */
  unknownSince?: number
}

export interface DiscoveryQueue {
  listAccounts(): Promise<Address[]>
  /** Resolves with whether the account is new (not watched before). */
  watchAccount(account: string): Promise<boolean>
  unwatchAccount(account: string): Promise<void>
  /** Track a source transaction's messages; [] while it is pending (it is queued and picked up by `drain`). */
  trackTransaction(chainId: number, transactionHash: Hex): Promise<TrackedMessage[]>
  /** Look at the queued pending transactions again. */
  drain(): Promise<void>
  hasPending(): Promise<boolean>
  /** Scan every chain for the watched accounts; resolves with how many messages the scans met. */
  scanAccounts(): Promise<number>
}

interface DiscoveryContext {
  store: MessageStore
  chains: ChainSet
  writer: MessageWriter
  events: TrackerEventHub
  now: () => number
  /**
   * Finish a chain reset a stopped process left half done (resetCatchUp.ts) before anything here reads or writes a
   * message or a cursor: written under the new anchor first, they would be voided right after.
   */
  owedResets: () => Promise<unknown>
  /** Ranges one account scan reads per call (a service worker has a short life; the cursor resumes the rest). */
  maxScanRanges?: number
}

export function createDiscoveryQueue(ctx: DiscoveryContext): DiscoveryQueue {
  const { store } = ctx
  return {
    listAccounts: () => accounts(store),
    async watchAccount(account) {
      if (!isAddress(account, { strict: false })) throw new InvalidAccountError(account)
      const a = normalizeAddress(account)
      let added = false
      await store.updateSetting(ACCOUNTS_SETTING, (list) => {
        const current = (list ?? []) as string[]
        added = !current.includes(a)
        return added ? [...current, a] : undefined
      })
      return added
    },
    async unwatchAccount(account) {
      const a = normalizeAddress(account)
      await store.updateSetting(ACCOUNTS_SETTING, (list) => ((list ?? []) as string[]).filter((x) => x !== a))
    },
    async trackTransaction(chainId, transactionHash) {
      ctx.chains.client(chainId) // an unknown chain is refused before any request, naming it
      await ctx.chains.checkChainId(chainId) // and one whose RPC serves another chain before any read
      await ctx.owedResets()
      const result = await discover(ctx, chainId, transactionHash)
      if (result.state === 'mined') return add(ctx, chainId, result.messages)
      await setPending(store, (list) =>
        list.some((p) => p.hash.toLowerCase() === transactionHash.toLowerCase())
          ? list
          : [...list, { chainId, hash: transactionHash }],
      )
      return []
    },
    drain: () => drain(ctx),
    hasPending: async () => (await pending(store)).length > 0,
    scanAccounts: () => scanAccounts(ctx),
  }
}

const accounts = async (store: MessageStore) =>
  ((await store.getSetting<string[]>(ACCOUNTS_SETTING)) ?? []) as Address[]

const pending = async (store: MessageStore) =>
  ((await store.getSetting<JsonValue>(PENDING_TRANSACTIONS_SETTING)) ?? []) as unknown as PendingTransaction[]

const setPending = (store: MessageStore, mutate: (list: PendingTransaction[]) => PendingTransaction[]) =>
  store.updateSetting(PENDING_TRANSACTIONS_SETTING, (current) => {
    const list = ((current ?? []) as unknown as PendingTransaction[]).slice()
    return mutate(list) as unknown as JsonValue
  })

async function discover(ctx: DiscoveryContext, chainId: number, hash: Hex) {
  return discoverFromTransaction(ctx.chains.client(chainId), chainId, hash, {
    watched: await accounts(ctx.store),
    now: ctx.now(),
  })
}

/** Discovered messages in: new ones inserted, known ones relocated to the live log when theirs is gone. */
async function add(
  ctx: DiscoveryContext,
  chainId: number,
  found: TrackedMessage[],
): Promise<TrackedMessage[]> {
  const verdicts = await relocationEvents(ctx.store, ctx.chains.client(chainId), found)
  return ctx.writer.add(found, verdicts)
}

async function drain(ctx: DiscoveryContext): Promise<void> {
  const queued = await pending(ctx.store)
  if (queued.length === 0) return
  await ctx.owedResets()
  const done = new Set<string>()
  /** Queued transactions whose run of "unknown" answers starts (a time) or ends (undefined) with this look. */
  const unknownSince = new Map<string, number | undefined>()
  for (const p of queued) {
    if (!ctx.chains.has(p.chainId)) continue
    const key = p.hash.toLowerCase()
    try {
      const result = await discover(ctx, p.chainId, p.hash)
      if (p.unknownSince !== undefined) unknownSince.set(key, undefined)
      if (result.state === 'pending') continue
      await add(ctx, p.chainId, result.messages)
      done.add(key)
    } catch (error) {
      if (findError(error, TransactionUnknownError)) {
        const since = p.unknownSince ?? ctx.now()
        if (p.unknownSince === undefined) unknownSince.set(key, since)
        // Not yet for long: a lagging node, most likely. Said only when it is forgotten.
        if (ctx.now() - since < FORGET_UNKNOWN_TRANSACTION_MS) continue
        done.add(key)
      }
      // A receipt without a cross-chain message: that transaction will never send one.
      if (findError(error, NoCrossChainMessageError)) done.add(key)
      ctx.events.emit('error', {
        error: error as Error,
        context: `tracking transaction ${p.hash} on chain ${p.chainId}${done.has(key) ? '; no longer looked for' : ''}`,
        chainId: p.chainId,
      })
    }
  }
  if (done.size === 0 && unknownSince.size === 0) return
  // Only what this call finished leaves the queue, and only its own looks are noted: a transaction queued
  // meanwhile stays as it was written.
  await setPending(ctx.store, (list) =>
    list
      .filter((p) => !done.has(p.hash.toLowerCase()))
      .map((p) => {
        const key = p.hash.toLowerCase()
        if (!unknownSince.has(key)) return p
        const since = unknownSince.get(key)
        const { unknownSince: _, ...rest } = p
        return since === undefined ? rest : { ...rest, unknownSince: since }
      }),
  )
}

async function scanAccounts(ctx: DiscoveryContext): Promise<number> {
  let found = 0
  await ctx.owedResets()
  const watched = await accounts(ctx.store)
  for (const chain of ctx.chains.list()) {
    for (const account of watched) {
      try {
        await ctx.chains.checkChainId(chain.id)
        const result = await scanAccount({
          client: ctx.chains.client(chain.id),
          chainId: chain.id,
          account,
          store: ctx.store,
          maxRanges: ctx.maxScanRanges ?? 50,
          now: ctx.now,
          addMessages: async (messages) => void (await add(ctx, chain.id, messages)),
        })
        found += result.found
      } catch (error) {
        ctx.events.emit('error', {
          error: error as Error,
          context: `scanning ${chain.name} for ${account}`,
          chainId: chain.id,
        })
      }
    }
  }
  return found
}
