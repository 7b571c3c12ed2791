/**
 * The chains a tracker works with: the registry, one client per chain, and where the list comes from.
 *
 * Precedence between stored chains and `defaultChains` (TrackerOptions.chainSource), explicit because each shell
 * needs the other one:
 * - 'store' (the default; the extension): chains stored by an earlier run win. `defaultChains` (default: the local
 *   devnet's 901 and 902) are used only while none are stored; the list is stored on the first addChain/removeChain,
 *   and from then on it is the user's, edited in the options page.
 * - 'options' (the CLI, whose chains come from the command line; a widget host's config in code): exactly
 *   `defaultChains`, every run. The store's chain list is neither read nor written, so a chain given once cannot
 *   silently redirect later runs; addChain/removeChain change this run only.
 *
 * Chain ids are untrusted (docs/ARCHITECTURE.md §5): `checkChainId` asks the RPC which chain it serves when its
 * client is (re)created and again every `chainIdCheckMs`; a mismatch stops polling that chain (chainHealth.ts).
 */
import type { Chain } from 'viem'

import type { ChainClient } from '../chains/readClient'
import { createClientPool, type RpcCounts } from '../chains/clients'
import { ChainIdMismatchError } from '../chains/errors'
import { DEFAULT_DEVNET } from '../chains/presets'
import { readInteropReadiness, type InteropReadiness } from '../chains/readiness'
import { dropRetiredChains, type ChainNotice } from '../chains/retiredChains'
import { createChainRegistry } from '../chains/registry'
import type { RpcCall, RpcReply } from '../chains/rpcBatch'
import type { ChainConfig } from '../chains/types'
import type { JsonValue, MessageStore } from '../store/types'

export type ChainSource = 'store' | 'options'

export const CHAINS_SETTING = 'chains'
/** What the user is told once about their chain list (retiredChains.ts), until a UI dismisses it. */
export const CHAIN_NOTICES_SETTING = 'chainNotices'
/** How often a chain's RPC is asked again which chain it serves. */
export const CHAIN_ID_CHECK_MS = 5 * 60_000
/** How often a chain found without interop is asked again (it becomes active the day its hardfork activates). */
export const NOT_ACTIVE_RECHECK_MS = 5 * 60_000

export interface ChainSetOptions {
  store: MessageStore
  defaultChains?: ChainConfig[]
  chainSource?: ChainSource
  /** Verify a chain's RPC serves its chain id before adding it. Default true. */
  verifyChains?: boolean
  now: () => number
  chainIdCheckMs?: number
  /** Per-request RPC timeout. Default 10 s. */
  rpcTimeoutMs?: number
}

export interface ChainSet {
  list(): ChainConfig[]
  has(chainId: number): boolean
  name(chainId: number): string
  viemChain(chainId: number): Chain
  client(chainId: number): ChainClient
  add(config: ChainConfig): Promise<void>
  remove(chainId: number): Promise<void>
  /** One round trip of calls to the chain: a JSON-RPC batch where the RPC takes one (clients.ts). */
  exchange(chainId: number, calls: readonly RpcCall[]): Promise<RpcReply[]>
  /** JSON-RPC calls and HTTP requests made for `chainId` since the last call. */
  takeCounts(chainId: number): RpcCounts
  /** The wait its RPC last asked for (429 Retry-After), once. */
  takeRetryAfter(chainId: number): number | undefined
  /**
   * Resolves when the chain's RPC serves `chainId` (asked at most every `chainIdCheckMs` per RPC URL, and whenever
   * the URL changes); throws `ChainIdMismatchError` when it serves another chain, or the RPC's own error.
   */
  checkChainId(chainId: number): Promise<void>
  /**
   * Whether interop is active on the chain and what its messenger offers (chains/readiness.ts, docs/ARCHITECTURE.md
   * §4). Read once per chain and RPC URL and kept — a chain without interop is asked again every
   * `NOT_ACTIVE_RECHECK_MS` — until `forgetReadiness` (a reset of the chain) or the chain is replaced.
   */
  readiness(chainId: number): Promise<InteropReadiness>
  forgetReadiness(chainId: number): void
}

export async function openChainSet(options: ChainSetOptions): Promise<ChainSet> {
  const { store, now } = options
  const source = options.chainSource ?? 'store'
  const stored = source === 'store' ? await migrateRetired(store, now()) : undefined
  const registry = createChainRegistry(
    Array.isArray(stored) ? (stored as unknown as ChainConfig[]) : (options.defaultChains ?? DEFAULT_DEVNET),
  )
  const pool = createClientPool(registry, { timeoutMs: options.rpcTimeoutMs, now })
  /** RPC URL → when it last proved to serve its chain. */
  const verified = new Map<string, number>()
  const checkEvery = options.chainIdCheckMs ?? CHAIN_ID_CHECK_MS
  /** `${chainId}@${rpcUrl}` → the last reading and when it was made. */
  const readiness = new Map<string, { at: number; value: Promise<InteropReadiness> }>()
  const readinessKey = (chainId: number) => `${chainId}@${registry.get(chainId).rpcUrl}`
  const forgetReadiness = (chainId: number) => {
    for (const key of readiness.keys()) if (key.startsWith(`${chainId}@`)) readiness.delete(key)
  }

  const persist = async () => {
    if (source === 'store') await store.setSetting(CHAINS_SETTING, registry.list() as unknown as JsonValue)
  }

  const read = (key: string, chainId: number): Promise<InteropReadiness> => {
    const value = readInteropReadiness(pool.get(chainId))
    readiness.set(key, { at: now(), value })
    // A failed read is not a reading: the next call asks again.
    value.catch(() => readiness.get(key)?.value === value && readiness.delete(key))
    return value
  }

  return {
    list: () => registry.list(),
    has: (chainId) => registry.tryGet(chainId) !== undefined,
    name: (chainId) => registry.tryGet(chainId)?.name ?? `chain ${chainId}`,
    viemChain: (chainId) => registry.toViemChain(chainId),
    client: (chainId) => pool.get(chainId),
    async add(config) {
      if (options.verifyChains === false) registry.add(config)
      else await registry.addVerified(config)
      forgetReadiness(config.id)
      await persist()
    },
    async remove(chainId) {
      registry.remove(chainId)
      forgetReadiness(chainId)
      await persist()
    },
    readiness(chainId) {
      const key = readinessKey(chainId)
      const cached = readiness.get(key)
      if (cached) {
        const expired = (value: InteropReadiness) =>
          value.state === 'notActive' && now() - cached.at >= NOT_ACTIVE_RECHECK_MS
        const value = cached.value.then((v) => (expired(v) ? undefined : v)).catch(() => undefined)
        return value.then((v) => v ?? read(key, chainId))
      }
      return read(key, chainId)
    },
    forgetReadiness,
    exchange: (chainId, calls) => pool.exchange(chainId, calls),
    takeCounts: (chainId) => pool.takeCounts(chainId),
    takeRetryAfter: (chainId) => pool.takeRetryAfter(chainId),
    async checkChainId(chainId) {
      const config = registry.get(chainId)
      const key = `${chainId}@${config.rpcUrl}`
      const at = verified.get(key)
      if (at !== undefined && now() - at < checkEvery) return
      const served = await pool.get(chainId).getChainId()
      if (served !== chainId) {
        verified.delete(key)
        throw new ChainIdMismatchError(config.rpcUrl, served, chainId)
      }
      verified.set(key, now())
    },
  }
}

/**
 * The stored chain list without the chains of retired networks (retiredChains.ts): they are removed from the store
 * once, and a notice per network is kept for the UI to show. Messages on them stay in the history.
 */
async function migrateRetired(store: MessageStore, now: number): Promise<JsonValue | undefined> {
  const stored = await store.getSetting<JsonValue>(CHAINS_SETTING)
  if (!Array.isArray(stored)) return stored
  const { kept, notices } = dropRetiredChains(stored as unknown as ChainConfig[], now)
  if (notices.length === 0) return stored
  await store.updateSetting(CHAIN_NOTICES_SETTING, (current) => {
    const list = Array.isArray(current) ? (current as unknown as ChainNotice[]) : []
    const fresh = notices.filter((n) => !list.some((old) => old.id === n.id))
    return [...list, ...fresh] as unknown as JsonValue
  })
  await store.setSetting(CHAINS_SETTING, kept as unknown as JsonValue)
  return kept as unknown as JsonValue
}
