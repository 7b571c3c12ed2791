/**
 * One viem PublicClient per chain, created lazily and rebuilt when the chain's config changes. Every client counts
 * the JSON-RPC requests it makes, so the poller can report (and the benchmark can prove) how many reads a tick costs.
 * `cacheTime: 0`: viem would otherwise cache the block number for 4 s and the poller would see stale heads.
 */
import { createPublicClient, custom, type PublicClient } from 'viem'

import type { ChainRegistry } from './registry'
import { rpcTransport } from './transport'

export interface ClientPool {
  get(chainId: number): PublicClient
  /** Requests made through chainId's client since the last `takeRequestCount`. */
  takeRequestCount(chainId: number): number
}

export function createClientPool(registry: ChainRegistry, options: { timeoutMs?: number } = {}): ClientPool {
  const clients = new Map<number, { rpcUrl: string; client: PublicClient }>()
  const counts = new Map<number, number>()
  registry.onChange(() => {
    for (const [id, entry] of clients) {
      if (registry.tryGet(id)?.rpcUrl !== entry.rpcUrl) clients.delete(id)
    }
  })
  return {
    get(chainId) {
      const config = registry.get(chainId)
      const cached = clients.get(chainId)
      if (cached && cached.rpcUrl === config.rpcUrl) return cached.client
      const chain = registry.toViemChain(chainId)
      const inner = rpcTransport(config, { timeoutMs: options.timeoutMs ?? 10_000, retryCount: 0 })({ chain })
      const client = createPublicClient({
        chain,
        cacheTime: 0,
        transport: custom(
          {
            request: (args) => {
              counts.set(chainId, (counts.get(chainId) ?? 0) + 1)
              return inner.request(args)
            },
          },
          { retryCount: 0 },
        ),
      }) as PublicClient
      clients.set(chainId, { rpcUrl: config.rpcUrl, client })
      return client
    },
    takeRequestCount(chainId) {
      const n = counts.get(chainId) ?? 0
      counts.set(chainId, 0)
      return n
    },
  }
}
