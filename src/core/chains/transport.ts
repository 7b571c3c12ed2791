/**
 * The one place a chain's RPC URL becomes a viem transport, so http and ws endpoints are treated alike everywhere
 * (verification, the poller, relays) and nobody calls `fetch` directly (docs/ARCHITECTURE.md §1). The poller's
 * batches (rpcBatch.ts) go through viem's HTTP RPC client with the same options.
 */
import { http, webSocket } from 'viem'
import type { Transport } from 'viem'
import { getHttpRpcClient, type HttpRpcClient } from 'viem/utils'

import type { ChainConfig } from './types'

export interface RpcTransportOptions {
  /** Per-request timeout. viem's default is 10 s. */
  timeoutMs?: number
  /** Retries on transient failures. viem's default is 3, which makes a dead URL take seconds to report. */
  retryCount?: number
  /**
   * For a short-lived check: a WebSocket without keep-alive pings or reconnects, and (since viem caches sockets by
   * URL *and* these options) not the socket long-lived clients of the same URL share, so closing it hurts no one.
   */
  oneShot?: boolean
  /** Sees every HTTP response (http(s) only): how a caller reads headers such as a 429's Retry-After. */
  onResponse?: (response: Response) => void
  /** Sees every HTTP request (http(s) only): how a caller counts them — a batch is one. */
  onRequest?: () => void
}

export function isWebSocketUrl(url: string): boolean {
  return /^wss?:\/\//i.test(url)
}

export function rpcTransport(
  config: Pick<ChainConfig, 'rpcUrl'>,
  options: RpcTransportOptions = {},
): Transport {
  const common = {
    ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }),
    ...(options.retryCount === undefined ? {} : { retryCount: options.retryCount }),
  }
  if (!isWebSocketUrl(config.rpcUrl)) {
    return http(config.rpcUrl, {
      ...common,
      ...(options.onResponse ? { onFetchResponse: options.onResponse } : {}),
      ...(options.onRequest ? { onFetchRequest: () => options.onRequest!() } : {}),
    })
  }
  return webSocket(
    config.rpcUrl,
    options.oneShot ? { ...common, keepAlive: false, reconnect: false } : common,
  )
}

/**
 * The HTTP JSON-RPC client that sends an array of calls as one request (a JSON-RPC batch), with the transport's
 * timeout (its response hook is given per batch: rpcBatch.ts reads the status there); undefined for a WebSocket URL, where calls share one socket and a batch saves nothing.
 */
export function rpcBatchClient(
  config: Pick<ChainConfig, 'rpcUrl'>,
  options: Pick<RpcTransportOptions, 'timeoutMs' | 'onRequest'> = {},
): HttpRpcClient | undefined {
  if (isWebSocketUrl(config.rpcUrl)) return undefined
  return getHttpRpcClient(config.rpcUrl, {
    timeout: options.timeoutMs ?? 10_000,
    ...(options.onRequest ? { onRequest: () => options.onRequest!() } : {}),
  })
}
