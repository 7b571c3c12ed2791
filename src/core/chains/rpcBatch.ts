/**
 * One round trip of JSON-RPC calls as one HTTP request: a JSON-RPC 2.0 batch (docs/ARCHITECTURE.md §2). The poller
 * sends each chain's reads of a tick this way. Each call gets its own reply — a result or that call's error — so a
 * read one node cannot serve (an unknown `safe` tag, a log range it refuses) costs only that read.
 *
 * Not every RPC accepts batches. One that refuses — an HTTP 4xx other than 408/429, a JSON-RPC error object instead
 * of an array (`-32600 Invalid Request`), or an array of nothing but `-32600` errors — gets `BatchRefusedError`,
 * and the caller sends the same calls one by one (clients.ts remembers it per chain). A reply that fails as a whole
 * (timeout, 5xx, 429, malformed or truncated body) throws as a single request would: the chain failed this tick.
 */
import { HttpRequestError, RpcRequestError } from 'viem'
import type { HttpRpcClient } from 'viem/utils'

import { SuperchainRelayError } from '../errors/base'

export interface RpcCall {
  method: string
  params: readonly unknown[]
}

/** One call's answer: its result (possibly null: "no such block"), or the error the node gave for it. */
export type RpcReply = { ok: true; result: unknown } | { ok: false; error: Error }

/** The RPC does not take JSON-RPC batches: send the calls one by one. */
export class BatchRefusedError extends SuperchainRelayError {
  override name = 'BatchRefusedError'
  readonly url: string
  constructor(url: string, reason: string, options: { cause?: Error } = {}) {
    super(`RPC ${url} refuses JSON-RPC batches: ${reason}.`, { cause: options.cause, details: reason })
    this.url = url
  }
}

/** HTTP statuses that say "not this request" rather than "not now": the batch itself was refused. */
function refusesBatch(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 429
}

interface RpcErrorObject {
  code: number
  message: string
  data?: unknown
}

function isErrorObject(value: unknown): value is RpcErrorObject {
  const e = value as RpcErrorObject | undefined
  return typeof e?.code === 'number' && typeof e.message === 'string'
}

export async function sendBatch(
  client: HttpRpcClient,
  url: string,
  calls: readonly RpcCall[],
  /** Sees the HTTP response (a 429's Retry-After). */
  onResponse?: (response: Response) => void,
): Promise<RpcReply[]> {
  const body = calls.map((c, id) => ({
    jsonrpc: '2.0' as const,
    id,
    method: c.method,
    params: [...c.params],
  }))
  let status = 200
  let data: unknown
  try {
    data = await client.request({
      body,
      onResponse(response) {
        status = response.status
        onResponse?.(response)
      },
    })
  } catch (error) {
    if (error instanceof HttpRequestError && error.status !== undefined && refusesBatch(error.status))
      throw new BatchRefusedError(url, `HTTP ${error.status}`, { cause: error })
    throw error
  }
  if (!Array.isArray(data)) {
    const error = (data as { error?: unknown } | null)?.error
    // A rate limit or a server error answered with a JSON-RPC body is about the exchange, not about batching.
    if (status >= 400 && !refusesBatch(status) && isErrorObject(error))
      throw new RpcRequestError({ body, error, url })
    const reason = isErrorObject(error) ? `${error.code} ${error.message}` : 'the reply is not an array'
    throw new BatchRefusedError(url, reason)
  }
  const byId = new Map<unknown, { result?: unknown; error?: unknown }>()
  for (const item of data as { id?: unknown; result?: unknown; error?: unknown }[]) {
    if (item && typeof item === 'object') byId.set(item.id, item)
  }
  const replies = body.map((call, id): RpcReply => {
    const item = byId.get(id)
    if (!item) {
      const error = { code: -32603, message: `no answer to ${call.method} in the batch reply` }
      return { ok: false, error: new RpcRequestError({ body: call, error, url }) }
    }
    if (item.error !== undefined && item.error !== null) {
      const error = isErrorObject(item.error) ? item.error : { code: -32603, message: String(item.error) }
      return { ok: false, error: new RpcRequestError({ body: call, error, url }) }
    }
    return { ok: true, result: item.result ?? null }
  })
  const invalid = (r: RpcReply) => !r.ok && r.error instanceof RpcRequestError && r.error.code === -32600
  if (replies.length > 0 && replies.every(invalid))
    throw new BatchRefusedError(url, 'every call answered -32600 Invalid Request')
  return replies
}
