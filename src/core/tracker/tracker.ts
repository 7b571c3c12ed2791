/**
 * The tracker: the one object a shell owns. It keeps the chain registry, watched accounts and tracked messages (all
 * persisted through the store, so a restarted service worker resumes where it stopped), polls the chains, discovers
 * messages and relays them through a signer the shell provides.
 */
import { BaseError, encodeFunctionData, isAddress, type Address, type Chain, type Hex } from 'viem'

import { createClientPool } from '../chains/clients'
import { DEFAULT_DEVNET } from '../chains/presets'
import { createChainRegistry } from '../chains/registry'
import type { ChainConfig } from '../chains/types'
import { scanAccount } from '../discovery/accountScan'
import { discoverFromTransaction } from '../discovery/fromTransaction'
import type { RelayPlan } from '../relay/plan'
import { isRelayed, prepareRelay } from '../relay/prepare'
import { decodeRevertReason, isAlreadyRelayed } from '../relay/revertReason'
import { relayRequest, type RelaySigner } from '../relay/signer'
import { l2ToL2CrossDomainMessengerAbi } from '../protocol/abis'
import { L2_TO_L2_CROSS_DOMAIN_MESSENGER } from '../protocol/addresses'
import { importHistory, parseHistory, type HistoryImportResult } from '../store/serialize'
import type { JsonValue, MessageStore } from '../store/types'
import type { MessageFilter, PollReport, RelaySignerChoice, Tracker, TrackerUpdate } from './api'
import { createEventHub, type TrackerEventMap } from './events'
import { normalizeAddress, type TrackedMessage } from '../model/message'
import { pollMessages } from './poller'
import { isInFlight, reduceMessage, type ReduceResult, type TrackerEvent } from '../model/status'

export class InvalidAccountError extends BaseError {
  override name = 'InvalidAccountError'
  constructor(value: string) {
    super(`'${value}' is not an account address: expected 0x followed by 40 hex digits`)
  }
}

export class UnknownMessageError extends BaseError {
  override name = 'UnknownMessageError'
  constructor(hash: string) {
    super(`no tracked message with hash ${hash}: track its source transaction first`)
  }
}

export class RelaySimulationFailedError extends BaseError {
  override name = 'RelaySimulationFailedError'
  constructor(
    hash: Hex,
    readonly reason: string,
  ) {
    super(
      `relaying ${hash} would revert: ${reason}. Nothing was sent; the message stays relayable once the cause is fixed.`,
    )
  }
}

export class SignerUnavailableError extends BaseError {
  override name = 'SignerUnavailableError'
}

export interface TrackerOptions {
  store: MessageStore
  /** Chains to start with when none are stored yet. Default: the local devnet's 901 and 902. */
  defaultChains?: ChainConfig[]
  /** Resolve the signer for a relay; the shell decides what 'wallet' and 'relayAccount' are. */
  signer?: (choice: RelaySignerChoice) => Promise<RelaySigner>
  now?: () => number
  /** Poll interval while something is moving (pending, initiated, relaying…). Default 2 s. */
  activePollMs?: number
  /** Poll interval when nothing is moving. Default 30 s (the MV3 alarm floor). */
  idlePollMs?: number
  /** Verify a chain's RPC serves its chain id before adding it. Default true. */
  verifyChains?: boolean
}

/**
 * Can this message change without the user doing anything? Then the tracker polls fast. A ready message can still be
 * taken by an autorelayer, but one that has waited this long is stuck: polling it every 2 s would only burn RPC quota.
 */
const READY_FAST_POLL_MS = 10 * 60_000
function movesByItself(message: TrackedMessage, now: number): boolean {
  if (message.status === 'ready') return now - message.updatedAt < READY_FAST_POLL_MS
  return isInFlight(message) && message.status !== 'failed' && message.status !== 'expired'
}

const SETTINGS = {
  chains: 'chains',
  accounts: 'accounts',
  pendingTransactions: 'pendingTransactions',
} as const
const MAX_BACKOFF_MS = 60_000

export async function createTracker(
  options: TrackerOptions,
): Promise<Tracker & { events: ReturnType<typeof createEventHub<TrackerEventMap>> }> {
  const { store } = options
  const now = options.now ?? Date.now
  const storedChains = await store.getSetting<JsonValue>(SETTINGS.chains)
  const registry = createChainRegistry(
    Array.isArray(storedChains)
      ? (storedChains as unknown as ChainConfig[])
      : (options.defaultChains ?? DEFAULT_DEVNET),
  )
  const pool = createClientPool(registry)
  const events = createEventHub<TrackerEventMap>()
  const backoff = new Map<number, { failures: number; until: number }>()
  let polling: Promise<PollReport> | undefined
  /** Whether the last poll saw something that moves by itself (see movesByItself). */
  let lastActivity = false
  /** The running poll loop (start()); undefined when the owner drives poll() itself. */
  let loop: (() => Promise<void>) | undefined
  /**
   * Something just started moving (a tracked tx, a sent relay): if the timer loop sleeps at the idle pace, wake it
   * so the first update does not wait up to idlePollMs.
   */
  const wake = () => {
    lastActivity = true
    if (!loop) return
    if (timer) clearTimeout(timer)
    timer = setTimeout(() => void loop?.(), 500)
  }
  let timer: ReturnType<typeof setTimeout> | undefined
  let running = false

  const chainName = (id: number) => registry.tryGet(id)?.name ?? `chain ${id}`
  const viemChain = (id: number): Chain => registry.toViemChain(id)
  const persistChains = () => store.setSetting(SETTINGS.chains, registry.list() as unknown as JsonValue)
  const accounts = async () => ((await store.getSetting<string[]>(SETTINGS.accounts)) ?? []) as Address[]
  const pendingTransactions = async () =>
    ((await store.getSetting<{ chainId: number; hash: string }[]>(SETTINGS.pendingTransactions)) ?? []) as {
      chainId: number
      hash: Hex
    }[]

  async function save(results: ReduceResult[]): Promise<void> {
    const changed = results.filter((r) => r.changed)
    if (changed.length === 0) return
    await store.upsertMany(changed.map((r) => r.message))
    for (const r of changed) {
      events.emit('messageUpdated', { message: r.message, from: r.from, to: r.to })
      if ((r.to === 'relayed' || r.to === 'finalized') && r.from !== 'relayed' && r.from !== 'finalized') {
        events.emit('relayed', { message: r.message })
      }
    }
  }

  async function apply(hash: Hex, event: TrackerEvent): Promise<TrackedMessage> {
    const message = await store.get(hash)
    if (!message) throw new UnknownMessageError(hash)
    const result = reduceMessage(message, event, now())
    await save([result])
    return result.message
  }

  /** Insert newly discovered messages; an already tracked one only gains accounts (the poller owns its status). */
  async function addMessages(found: TrackedMessage[]): Promise<TrackedMessage[]> {
    const out: TrackedMessage[] = []
    for (const m of found) {
      const existing = await store.get(m.hash)
      if (existing) {
        const merged = [...new Set([...existing.accounts, ...m.accounts])]
        const next =
          merged.length === existing.accounts.length
            ? existing
            : { ...existing, accounts: merged, updatedAt: now() }
        if (next !== existing) await store.upsert(next)
        out.push(next)
      } else {
        await store.upsert(m)
        events.emit('messageAdded', { message: m })
        out.push(m)
      }
    }
    return out
  }

  async function checkPendingTransactions(): Promise<void> {
    const pending = await pendingTransactions()
    if (pending.length === 0) return
    const still: typeof pending = []
    const watched = await accounts()
    for (const p of pending) {
      if (!registry.tryGet(p.chainId)) continue
      try {
        const result = await discoverFromTransaction(pool.get(p.chainId), p.chainId, p.hash, {
          watched,
          now: now(),
        })
        if (result.state === 'pending') still.push(p)
        else await addMessages(result.messages)
      } catch (error) {
        events.emit('error', {
          error: error as Error,
          context: `tracking transaction ${p.hash} on chain ${p.chainId}`,
        })
      }
    }
    await store.setSetting(SETTINGS.pendingTransactions, still as unknown as JsonValue)
  }

  async function pollNow(): Promise<PollReport> {
    await checkPendingTransactions()
    const messages = (await store.list()).filter(isInFlight)
    const skip = new Set<number>()
    for (const [id, b] of backoff) if (b.until > now()) skip.add(id)
    for (const c of registry.list()) pool.takeRequestCount(c.id)
    const { results, errors } = await pollMessages(
      { client: (id) => pool.get(id), chain: (id) => registry.tryGet(id), now },
      messages,
      skip,
    )
    await save(results)
    lastActivity =
      results.some((r) => r.changed || movesByItself(r.message, now())) ||
      (await pendingTransactions()).length > 0
    const failed = new Set(errors.map((e) => e.chainId))
    for (const c of registry.list()) {
      if (failed.has(c.id)) {
        const failures = (backoff.get(c.id)?.failures ?? 0) + 1
        backoff.set(c.id, { failures, until: now() + Math.min(MAX_BACKOFF_MS, 1_000 * 2 ** failures) })
      } else if (!skip.has(c.id)) {
        backoff.delete(c.id)
      }
    }
    for (const e of errors) {
      events.emit('error', { error: e.error, context: `polling ${chainName(e.chainId)} (${e.chainId})` })
    }
    const requests: Record<number, number> = {}
    for (const c of registry.list()) {
      const n = pool.takeRequestCount(c.id)
      if (n > 0) requests[c.id] = n
    }
    return {
      requests,
      updated: results.filter((r) => r.changed).length,
      errors: errors.map((e) => ({ chainId: e.chainId, message: e.error.message })),
    }
  }

  const tracker: Tracker & { events: typeof events } = {
    events,
    listMessages: (filter?: MessageFilter) => store.list(filter),
    getMessage: (hash) => store.get(hash),
    listChains: async () => registry.list(),

    async trackTransaction(chainId, transactionHash) {
      registry.get(chainId)
      const result = await discoverFromTransaction(pool.get(chainId), chainId, transactionHash, {
        watched: await accounts(),
        now: now(),
      })
      if (result.state === 'pending') {
        const pending = await pendingTransactions()
        if (!pending.some((p) => p.hash.toLowerCase() === transactionHash.toLowerCase())) {
          pending.push({ chainId, hash: transactionHash as Hex })
          await store.setSetting(SETTINGS.pendingTransactions, pending as unknown as JsonValue)
        }
        wake()
        return []
      }
      const added = await addMessages(result.messages)
      wake()
      return added
    },

    async importHistory(json: string): Promise<HistoryImportResult> {
      const result = await importHistory(store, json)
      // Open UIs learn about imported messages like any other: one messageAdded each (they upsert by hash).
      for (const parsed of parseHistory(json)) {
        const stored = await store.get(parsed.hash)
        if (stored) events.emit('messageAdded', { message: stored })
      }
      wake()
      return result
    },

    async watchAccount(account) {
      if (!isAddress(account, { strict: false })) throw new InvalidAccountError(account)
      const list = await accounts()
      const a = normalizeAddress(account)
      if (!list.includes(a)) await store.setSetting(SETTINGS.accounts, [...list, a])
    },
    async unwatchAccount(account) {
      const a = normalizeAddress(account)
      await store.setSetting(
        SETTINGS.accounts,
        (await accounts()).filter((x) => x !== a),
      )
    },
    listAccounts: accounts,

    async addChain(config) {
      if (options.verifyChains === false) registry.add(config)
      else await registry.addVerified(config)
      await persistChains()
    },
    async removeChain(id) {
      registry.remove(id)
      await persistChains()
    },

    poll() {
      polling ??= pollNow().finally(() => {
        polling = undefined
      })
      return polling
    },

    async scanAccounts() {
      let found = 0
      const watched = await accounts()
      for (const chain of registry.list()) {
        for (const account of watched) {
          try {
            const result = await scanAccount({
              client: pool.get(chain.id),
              chainId: chain.id,
              account,
              store,
              maxRanges: 50,
              now,
              onMessages: (messages) => {
                for (const m of messages) events.emit('messageAdded', { message: m })
              },
            })
            found += result.found
          } catch (error) {
            events.emit('error', { error: error as Error, context: `scanning ${chain.name} for ${account}` })
          }
        }
      }
      return found
    },

    nextPollDelayMs() {
      return lastActivity ? (options.activePollMs ?? 2_000) : (options.idlePollMs ?? 30_000)
    },

    async prepareRelay(hash, from) {
      const message = await store.get(hash)
      if (!message) throw new UnknownMessageError(hash)
      return prepareRelay({
        message,
        source: pool.get(message.source),
        destination: pool.get(message.destination),
        from,
        chainName,
      })
    },

    async relay(hash, choice) {
      const message = await store.get(hash)
      if (!message) throw new UnknownMessageError(hash)
      if (!options.signer) throw new SignerUnavailableError('this tracker was created without a signer')
      const signer = await options.signer(choice)
      const from = await signer.address()
      const destination = pool.get(message.destination)
      let plan: RelayPlan
      try {
        plan = await prepareRelay({ message, source: pool.get(message.source), destination, from, chainName })
      } catch (error) {
        if ((error as Error).name === 'AlreadyRelayedError') await tracker.poll()
        throw error
      }
      if (!plan.simulation.ok) {
        await apply(hash, { type: 'relayFailed', failure: { reason: plan.simulation.reason, at: now() } })
        throw new RelaySimulationFailedError(hash, plan.simulation.reason)
      }
      // Someone may have relayed while the user read the preview: check again right before signing.
      if (await isRelayed(destination, hash)) {
        await tracker.poll()
        throw new BaseError(`message ${hash} was relayed by someone else a moment ago: nothing to sign`)
      }
      let transactionHash: Hex
      try {
        transactionHash = await signer.send(relayRequest(plan), {
          chain: viemChain(message.destination),
          client: destination,
        })
      } catch (error) {
        if (isAlreadyRelayed(error)) {
          await tracker.poll()
          throw new BaseError(`message ${hash} was relayed by someone else first`)
        }
        if ((error as Error).name !== 'AccessListDroppedError' && (error as Error).name !== 'WalletError') {
          const reason = decodeRevertReason(error)
          await apply(hash, { type: 'relayFailed', failure: { reason, at: now() } })
        }
        throw error
      }
      await apply(hash, {
        type: 'relaySubmitted',
        attempt: { transactionHash, relayer: from, submittedAt: now() },
      })
      wake()
      return transactionHash
    },

    async resend(hash, choice) {
      const message = await store.get(hash)
      if (!message) throw new UnknownMessageError(hash)
      if (!['expired', 'reorged', 'failed', 'ready', 'initiated'].includes(message.status)) {
        throw new BaseError(
          `message ${hash} is ${message.status}: only a sent, unrelayed message can be resent`,
        )
      }
      if (!options.signer) throw new SignerUnavailableError('this tracker was created without a signer')
      const signer = await options.signer(choice)
      const data = encodeFunctionData({
        abi: l2ToL2CrossDomainMessengerAbi,
        functionName: 'resendMessage',
        args: [BigInt(message.destination), message.nonce, message.sender, message.target, message.message],
      })
      const transactionHash = await signer.send(
        { to: L2_TO_L2_CROSS_DOMAIN_MESSENGER, data, value: 0n },
        { chain: viemChain(message.source), client: pool.get(message.source) },
      )
      await apply(hash, { type: 'resent', sourceTransactionHash: transactionHash })
      wake()
      return transactionHash
    },

    subscribe(listener: (update: TrackerUpdate) => void) {
      const offs = [
        events.on('messageAdded', ({ message }) => listener({ type: 'messageAdded', message })),
        events.on('messageUpdated', ({ message, from, to }) =>
          listener({ type: 'messageUpdated', message, from, to }),
        ),
        events.on('messageRemoved', ({ hash }) => listener({ type: 'messageRemoved', hash })),
        events.on('error', ({ error, context }) =>
          listener({ type: 'error', message: error.message, context }),
        ),
      ]
      return () => offs.forEach((off) => off())
    },

    start() {
      if (running) return
      running = true
      let ticks = 0
      loop = async () => {
        if (!running) return
        if (timer) clearTimeout(timer)
        try {
          if (ticks++ % 10 === 0) await tracker.scanAccounts()
          await tracker.poll()
        } catch (error) {
          events.emit('error', { error: error as Error, context: 'polling' })
        }
        if (running) timer = setTimeout(() => void loop?.(), tracker.nextPollDelayMs())
      }
      void loop()
    },
    stop() {
      running = false
      loop = undefined
      if (timer) clearTimeout(timer)
    },
  }
  return tracker
}
