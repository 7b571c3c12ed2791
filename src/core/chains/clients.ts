/**
 * One viem read client per chain (readClient.ts), created lazily and rebuilt when the chain's config changes, and the poller's
 * round trips (`exchange`): a tick's reads of a chain as one JSON-RPC batch (rpcBatch.ts), or one by one where the
 * RPC refuses batches or speaks WebSocket. Every chain counts its JSON-RPC calls and its HTTP requests apart, so the
 * poller can report (and the benchmark can prove) what a tick costs: a batch of six calls is one HTTP request.
 * `cacheTime: 0`: viem would otherwise cache the block number for 4 s and the poller would see stale heads.
 */
import { custom } from 'viem'
import type { HttpRpcClient } from 'viem/utils'

import { createChainClient, type ChainClient } from './readClient'
import type { ChainRegistry } from './registry'
import { BatchRefusedError, sendBatch, type RpcCall, type RpcReply } from './rpcBatch'
import { rpcBatchClient, rpcTransport } from './transport'

export interface RpcCounts {
  /** JSON-RPC calls: each call of a batch counts. */
  calls: number
  /** HTTP requests: a batch is one (zero over WebSocket). */
  httpRequests: number
}

export interface ClientPool {
  get(chainId: number): ChainClient
  /**
   * These calls in one round trip: one JSON-RPC batch over HTTP; over WebSocket, or to an RPC that refused a batch
   * (remembered for `BATCH_RETRY_MS`), the same calls one by one, in parallel. Each reply is the call's result or
   * its own error; a failure of the whole exchange (timeout, HTTP 5xx, 429, garbled reply) throws.
   */
  exchange(chainId: number, calls: readonly RpcCall[]): Promise<RpcReply[]>
  /** Whether chainId's RPC refused a batch (its calls now go one by one). */
  refusesBatches(chainId: number): boolean
  /** Calls and HTTP requests made for chainId since the last `takeCounts`. */
  takeCounts(chainId: number): RpcCounts
  /**
   * The wait (ms) the chain's RPC last asked for with a 429/503 Retry-After, cleared by reading it. Read from the
   * response itself: viem keeps no headers when a 429 carries a JSON-RPC error body, as many providers send.
   */
  takeRetryAfter(chainId: number): number | undefined
}

/** An RPC that refused a batch is asked again with one after this long: a proxy's bad minute must not last. */
export const BATCH_RETRY_MS = 10 * 60_000

interface Entry {
  rpcUrl: string
  client: ChainClient
  batch: HttpRpcClient | undefined
}

export function createClientPool(
  registry: ChainRegistry,
  options: { timeoutMs?: number; now?: () => number } = {},
): ClientPool {
  const now = options.now ?? Date.now
  const entries = new Map<number, Entry>()
  const counts = new Map<number, RpcCounts>()
  const retryAfter = new Map<number, number>()
  /** chainId → the URL that refused a batch, and when. */
  const refused = new Map<number, { rpcUrl: string; at: number }>()
  registry.onChange(() => {
    for (const [id, entry] of entries) {
      if (registry.tryGet(id)?.rpcUrl !== entry.rpcUrl) entries.delete(id)
    }
  })
  const count = (chainId: number) => {
    let c = counts.get(chainId)
    if (!c) counts.set(chainId, (c = { calls: 0, httpRequests: 0 }))
    return c
  }
  const onResponse = (chainId: number) => (response: Response) => {
    if (response.status !== 429 && response.status !== 503) return
    const ms = retryAfterMs(response.headers.get('retry-after'))
    if (ms !== undefined) retryAfter.set(chainId, ms)
  }

  function entry(chainId: number): Entry {
    const config = registry.get(chainId)
    const cached = entries.get(chainId)
    if (cached && cached.rpcUrl === config.rpcUrl) return cached
    const made = makeEntry(registry, chainId, {
      timeoutMs: options.timeoutMs ?? 10_000,
      count: () => count(chainId),
      onResponse: onResponse(chainId),
    })
    entries.set(chainId, made)
    return made
  }

  function refusing(chainId: number, rpcUrl: string): boolean {
    const r = refused.get(chainId)
    return r !== undefined && r.rpcUrl === rpcUrl && now() - r.at < BATCH_RETRY_MS
  }

  return {
    get: (chainId) => entry(chainId).client,
    async exchange(chainId, calls) {
      if (calls.length === 0) return []
      const e = entry(chainId)
      if (!e.batch || refusing(chainId, e.rpcUrl)) return oneByOne(e.client, calls)
      count(chainId).calls += calls.length
      try {
        return await sendBatch(e.batch, e.rpcUrl, calls, onResponse(chainId))
      } catch (error) {
        if (!(error instanceof BatchRefusedError)) throw error
        refused.set(chainId, { rpcUrl: e.rpcUrl, at: now() })
        return oneByOne(e.client, calls)
      }
    },
    refusesBatches(chainId) {
      const e = entries.get(chainId)
      return e !== undefined && refusing(chainId, e.rpcUrl)
    },
    takeRetryAfter(chainId) {
      const ms = retryAfter.get(chainId)
      retryAfter.delete(chainId)
      return ms
    },
    takeCounts(chainId) {
      const c = counts.get(chainId) ?? { calls: 0, httpRequests: 0 }
      counts.delete(chainId)
      return { ...c }
    },
  }
}

/** Each call on its own request; a call's failure is its reply, as in a batch. */
const oneByOne = (client: ChainClient, calls: readonly RpcCall[]) =>
  Promise.all(
    calls.map((c) =>
      client.request({ method: c.method, params: c.params } as never).then(
        (result): RpcReply => ({ ok: true, result }),
        (error: unknown): RpcReply => ({ ok: false, error: error as Error }),
      ),
    ),
  )

/**
 * The chain's client and batch sender, both counting what they send: the client counts each JSON-RPC call it makes
 * (one by one), and both count their HTTP requests.
 */
function makeEntry(
  registry: ChainRegistry,
  chainId: number,
  options: { timeoutMs: number; count: () => RpcCounts; onResponse: (response: Response) => void },
): Entry {
  const config = registry.get(chainId)
  const chain = registry.toViemChain(chainId)
  const { timeoutMs, count } = options
  const onRequest = () => void count().httpRequests++
  const inner = rpcTransport(config, {
    timeoutMs,
    retryCount: 0,
    onResponse: options.onResponse,
    onRequest,
  })({ chain })
  const client = createChainClient({
    chain,
    cacheTime: 0,
    transport: custom(
      {
        request: (args) => {
          count().calls++
          return inner.request(args)
        },
      },
      { retryCount: 0 },
    ),
  })
  return { rpcUrl: config.rpcUrl, client, batch: rpcBatchClient(config, { timeoutMs, onRequest }) }
}

/** A Retry-After header (seconds, or an HTTP date) as milliseconds from now; undefined when absent or garbled. */
export function retryAfterMs(value: string | null): number | undefined {
  if (!value) return undefined
  const seconds = Number(value)
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now()
  return Number.isFinite(ms) && ms > 0 ? ms : undefined
}
