/**
 * The chains the app knows, by id. Every other module asks the registry rather than holding configs, so a user
 * editing an RPC URL in the options page takes effect everywhere (listeners rebuild their clients on `onChange`).
 */
import { defineChain, multicall3Abi } from 'viem'
import type { Chain } from 'viem'
import { chainConfig as opStackChainConfig } from 'viem/op-stack'

import { MULTICALL3 } from '../protocol/addresses'
import { UnknownChainError } from './errors'
import { isWebSocketUrl } from './transport'
import type { ChainConfig } from './types'
import { validateChainConfig } from './validate'
import { verifyRpc } from './verifyRpc'
import type { VerifyRpcOptions } from './verifyRpc'

export type ChainRegistryListener = (chains: ChainConfig[]) => void

export interface ChainRegistry {
  /** The config of chain `id`; throws `UnknownChainError` naming the id and the known ones. */
  get(id: number): ChainConfig
  tryGet(id: number): ChainConfig | undefined
  /** All configs, in the order they were first added. */
  list(): ChainConfig[]
  /** Validates and stores `config`, replacing any config with the same id (that is how a chain is edited). */
  add(config: ChainConfig): ChainConfig
  /** Returns whether a chain was removed. */
  remove(id: number): boolean
  /** A viem chain for `id` with Multicall3, so `client.multicall` works; the same object until the config changes. */
  toViemChain(id: number): Chain
  /** `validateChainConfig` + `verifyRpc` + `add`: for configs typed by a user. */
  addVerified(config: unknown, options?: VerifyRpcOptions): Promise<ChainConfig>
  /** Called with the full list after every add/remove. Returns an unsubscribe function. */
  onChange(listener: ChainRegistryListener): () => void
}

/** Builds viem's chain from a config: OP Stack formatters (deposit txs in blocks) plus Multicall3. */
export function chainConfigToViemChain(config: ChainConfig): Chain {
  const ws = isWebSocketUrl(config.rpcUrl)
  return defineChain({
    ...opStackChainConfig,
    id: config.id,
    name: config.name,
    nativeCurrency: { name: config.nativeSymbol, symbol: config.nativeSymbol, decimals: 18 },
    rpcUrls: { default: ws ? { http: [], webSocket: [config.rpcUrl] } : { http: [config.rpcUrl] } },
    ...(config.explorerUrl
      ? { blockExplorers: { default: { name: 'Explorer', url: config.explorerUrl } } }
      : {}),
    contracts: {
      ...opStackChainConfig.contracts,
      multicall3: { address: MULTICALL3, abi: multicall3Abi },
    },
    ...(config.testnet === undefined ? {} : { testnet: config.testnet }),
  })
}

export function createChainRegistry(initial: ChainConfig[] = []): ChainRegistry {
  // A Map keeps insertion order, and replacing a key keeps its position, so an edited chain does not jump.
  const configs = new Map<number, ChainConfig>()
  const viemChains = new Map<number, Chain>()
  const listeners = new Set<ChainRegistryListener>()

  const copy = (config: ChainConfig): ChainConfig => ({ ...config })

  for (const config of initial) {
    const valid = validateChainConfig(config)
    configs.set(valid.id, valid)
  }

  function notify(): void {
    const errors: unknown[] = []
    for (const listener of [...listeners]) {
      try {
        listener(registry.list())
      } catch (error) {
        errors.push(error)
      }
    }
    // Every listener hears about the change even if one throws; the first failure is still surfaced.
    if (errors.length) throw errors[0]
  }

  const registry: ChainRegistry = {
    get(id) {
      const config = configs.get(id)
      if (!config) throw new UnknownChainError(id, [...configs.keys()])
      return copy(config)
    },
    tryGet(id) {
      const config = configs.get(id)
      return config && copy(config)
    },
    list() {
      return [...configs.values()].map(copy)
    },
    add(config) {
      const valid = validateChainConfig(config)
      configs.set(valid.id, valid)
      viemChains.delete(valid.id)
      notify()
      return copy(valid)
    },
    remove(id) {
      if (!configs.delete(id)) return false
      viemChains.delete(id)
      notify()
      return true
    },
    toViemChain(id) {
      let chain = viemChains.get(id)
      if (!chain) {
        chain = chainConfigToViemChain(registry.get(id))
        viemChains.set(id, chain)
      }
      return chain
    },
    async addVerified(config, options) {
      const valid = validateChainConfig(config)
      await verifyRpc(valid, options)
      return registry.add(valid)
    },
    onChange(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
  }
  return registry
}
