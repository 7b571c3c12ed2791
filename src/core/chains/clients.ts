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
  /**
   * The wait (ms) the chain's RPC last asked for with a 429/503 Retry-After, cleared by reading it. Read from the
   * response itself: viem keeps no headers when a 429 carries a JSON-RPC error body, as many providers send.
   */
  takeRetryAfter(chainId: number): number | undefined
}

export function createClientPool(registry: ChainRegistry, options: { timeoutMs?: number } = {}): ClientPool {
  const clients = new Map<number, { rpcUrl: string; client: PublicClient }>()
  const counts = new Map<number, number>()
  const retryAfter = new Map<number, number>()
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
      const inner = rpcTransport(config, {
        timeoutMs: options.timeoutMs ?? 10_000,
        retryCount: 0,
        onResponse(response) {
          if (response.status !== 429 && response.status !== 503) return
          const ms = retryAfterMs(response.headers.get('retry-after'))
          if (ms !== undefined) retryAfter.set(chainId, ms)
        },
      })({ chain })
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
    takeRetryAfter(chainId) {
      const ms = retryAfter.get(chainId)
      retryAfter.delete(chainId)
      return ms
    },
    takeRequestCount(chainId) {
      const n = counts.get(chainId) ?? 0
      counts.set(chainId, 0)
      return n
    },
  }
}

/** A Retry-After header (seconds, or an HTTP date) as milliseconds from now; undefined when absent or garbled. */
export function retryAfterMs(value: string | null): number | undefined {
  if (!value) return undefined
  const seconds = Number(value)
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now()
  return Number.isFinite(ms) && ms > 0 ? ms : undefined
}
