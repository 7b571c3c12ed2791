/**
 * What every command that talks to chains shares: the chain list (local devnet preset + --rpc), the state file and
 * a tracker over them. Loaded lazily by main.ts, after the command line is known to be good, because these imports
 * (viem, @eth-optimism/viem) are what makes the CLI's start-up slow.
 */
import type { Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'

import {
  type ChainConfig,
  createLocalSigner,
  createTracker,
  DEFAULT_DEVNET,
  InvalidChainConfigError,
  type RelaySigner,
  rpcTransport,
  validateChainConfig,
  verifyRpc,
} from '../src/core'

import type { GlobalOptions, RpcOverride } from './args'
import { UsageError } from './exit'
import { openFileStore, resolveStatePath, type FileStore } from './fileStore'

export type CliTracker = Awaited<ReturnType<typeof createTracker>>

/**
 * The chains of this run: the local devnet preset with each --rpc applied (a known id keeps its name, an unknown
 * one is added as "Chain <id>"). Decided per run and never written to the state file, so an --rpc given once cannot
 * silently redirect later runs.
 */
export function resolveChains(overrides: readonly RpcOverride[]): ChainConfig[] {
  const chains = new Map(DEFAULT_DEVNET.map((c) => [c.id, { ...c }]))
  for (const { id, rpcUrl } of overrides) {
    const existing = chains.get(id)
    const candidate = existing
      ? { ...existing, rpcUrl }
      : { id, name: `Chain ${id}`, rpcUrl, nativeSymbol: 'ETH' }
    try {
      chains.set(id, validateChainConfig(candidate))
    } catch (error) {
      if (error instanceof InvalidChainConfigError) {
        throw new UsageError(`--rpc ${id}=${rpcUrl}: ${error.shortMessage}`)
      }
      throw error
    }
  }
  return [...chains.values()]
}

export interface CliContext {
  tracker: CliTracker
  store: FileStore
  chains: ChainConfig[]
  chain(id: number): ChainConfig | undefined
  chainName(id: number): string
  /** Waits for the state file to be written and releases the store. */
  close(): Promise<void>
}

/** The CLI's way to allow a dearer relay. */
export const SPENDING_CAP_REMEDY = 'pass a higher --spending-cap <eth>, or relay when fees are lower'

export async function openContext(
  global: GlobalOptions,
  env: Record<string, string | undefined>,
  options: { privateKey?: Hex; spendingCapWei?: bigint } = {},
): Promise<CliContext> {
  const chains = resolveChains(global.rpc)
  const byId = new Map(chains.map((c) => [c.id, c]))
  const store = await openFileStore(resolveStatePath(global.state, env))
  let signer: RelaySigner | undefined
  if (options.privateKey) {
    const account = privateKeyToAccount(options.privateKey)
    // The destination's RPC from this run's chain list, so --rpc applies to the relay tx too.
    const cap = options.spendingCapWei
    signer = createLocalSigner(
      account,
      (chain) => rpcTransport({ rpcUrl: byId.get(chain.id)?.rpcUrl ?? chain.rpcUrls.default.http[0]! }),
      // Checked on the signed transaction itself, whatever the plan or an RPC said.
      cap === undefined ? {} : { spendingCap: () => cap, spendingCapRemedy: SPENDING_CAP_REMEDY },
    )
  }
  const tracker = await createTracker({
    store,
    defaultChains: chains,
    // This run's chains (preset + --rpc) and nothing else: a chain list stored by any other run is not read.
    chainSource: 'options',
    // Each command verifies the RPCs it needs itself, with its own error; the tracker adds no chains.
    verifyChains: false,
    ...(signer ? { signer: async () => signer } : {}),
  })
  return {
    tracker,
    store,
    chains,
    chain: (id) => byId.get(id),
    chainName: (id) => byId.get(id)?.name ?? `chain ${id}`,
    async close() {
      tracker.stop()
      await store.close()
    },
  }
}

/** The config of a chain a command needs, or a usage error saying how to add it. */
export function requireChain(
  ctx: Pick<CliContext, 'chain' | 'chains'>,
  id: number,
  role: string,
): ChainConfig {
  const config = ctx.chain(id)
  if (!config) {
    throw new UsageError(
      `${role} chain ${id} is not configured: add it with --rpc ${id}=<url> (configured: ${ctx.chains.map((c) => c.id).join(', ')})`,
    )
  }
  return config
}

/**
 * Checks that each RPC answers for its chain before a command relies on it: a wrong port would otherwise read
 * "transaction not found" from the sister chain, or send a relay to the wrong place.
 */
export async function verifyChains(configs: readonly ChainConfig[]): Promise<void> {
  const unique = [...new Map(configs.map((c) => [c.id, c])).values()]
  await Promise.all(unique.map((c) => verifyRpc(c)))
}
