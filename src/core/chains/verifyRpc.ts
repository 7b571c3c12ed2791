/**
 * Checks that a chain config's RPC answers, and answers for the chain it claims, before we rely on it: a wrong port
 * on the devnet (9546 for 901) would otherwise make every status read come from the other chain.
 */
import { BaseError, HttpRequestError, TimeoutError } from 'viem'

import { ChainIdMismatchError, RpcUnreachableError } from './errors'
import { createChainClient, type ChainClient } from './readClient'
import { readInteropReadiness, type InteropReadiness } from './readiness'
import { rpcTransport } from './transport'
import type { ChainConfig } from './types'

export interface VerifyRpcOptions {
  /** Give up after this long. Default 5000 ms. */
  timeoutMs?: number
}

const DEFAULT_TIMEOUT_MS = 5_000

/**
 * Our own deadline: viem's transport timeout does not cover opening a WebSocket, which can hang forever. A plain
 * `Error` on purpose: a private sentinel that never escapes, always wrapped in an RpcUnreachableError.
 */
class DeadlineError extends Error {}

/** Why a request failed, in the words of the lowest layer that said something specific. */
function reasonOf(error: unknown, timeoutMs: number): string {
  const chain: unknown[] = []
  for (let e: unknown = error; e !== undefined && e !== null && chain.length < 10; ) {
    chain.push(e)
    e = e instanceof Error ? e.cause : undefined
  }
  if (chain.some((e) => e instanceof DeadlineError || e instanceof TimeoutError)) {
    return `timed out after ${timeoutMs} ms`
  }
  const httpError = chain.find(
    (e): e is HttpRequestError => e instanceof HttpRequestError && e.status !== undefined,
  )
  if (httpError) return `HTTP ${httpError.status}`
  // The deepest Error is the most specific one ("connect ECONNREFUSED 127.0.0.1:9545", "getaddrinfo ENOTFOUND …");
  // viem's own wrappers above it say only "HTTP request failed.".
  const deepest = chain.filter((e): e is Error => e instanceof Error).at(-1)
  if (!deepest) return String(error)
  if (deepest instanceof BaseError) return deepest.details || deepest.shortMessage
  return deepest.message || deepest.name
}

/**
 * Resolves with the chain id when `config.rpcUrl` serves chain `config.id`. Throws `RpcUnreachableError` (the URL
 * and why, including "timed out") when it does not answer `eth_chainId` usefully, `ChainIdMismatchError` when it
 * answers for another chain.
 */
export async function verifyRpc(
  config: Pick<ChainConfig, 'id' | 'rpcUrl'>,
  options: VerifyRpcOptions = {},
): Promise<number> {
  return check(
    config,
    options,
    (client) => client.getChainId(),
    (chainId) => chainId,
  )
}

export interface ChainCheck {
  chainId: number
  /** Whether interop is live there, and its messenger's version (readiness.ts). */
  interop: InteropReadiness
}

/**
 * `verifyRpc`, then whether interop is active on the chain (readiness.ts), within the same deadline: what adding a
 * chain and `chains --check` tell the user. Throws as `verifyRpc` does; a chain without interop resolves.
 */
export async function verifyChain(
  config: Pick<ChainConfig, 'id' | 'rpcUrl'>,
  options: VerifyRpcOptions = {},
): Promise<ChainCheck> {
  const checked = await check(
    config,
    options,
    async (client): Promise<{ chainId: number; interop?: InteropReadiness }> => {
      const chainId = await client.getChainId()
      // Another chain's predeploys would say nothing about this one: `check` reports the mismatch instead.
      if (chainId !== config.id) return { chainId }
      return { chainId, interop: await readInteropReadiness(client) }
    },
    (result) => result.chainId,
  )
  return checked as ChainCheck
}

/** Runs `read` on a one-shot client under one deadline; then the chain id it read must be `config.id`. */
async function check<T>(
  config: Pick<ChainConfig, 'id' | 'rpcUrl'>,
  options: VerifyRpcOptions,
  read: (client: ChainClient) => Promise<T>,
  chainIdOf: (result: T) => number,
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  // No retries: a user waiting on the "Add chain" button wants the verdict, and a dead URL stays dead.
  const client = createChainClient({
    transport: rpcTransport(config, { timeoutMs, retryCount: 0, oneShot: true }),
  })

  let timer: ReturnType<typeof setTimeout> | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError()), timeoutMs)
  })
  let result: T
  try {
    result = await Promise.race([read(client), deadline])
  } catch (error) {
    // A socket still opening when the deadline hit is closed whenever it does open.
    if (error instanceof DeadlineError) closeSocketWhenOpen(client.transport)
    throw new RpcUnreachableError(config.rpcUrl, reasonOf(error, timeoutMs), {
      cause: error instanceof Error ? error : undefined,
    })
  } finally {
    clearTimeout(timer)
  }
  closeSocketWhenOpen(client.transport)
  const chainId = chainIdOf(result)
  if (chainId !== config.id) throw new ChainIdMismatchError(config.rpcUrl, chainId, config.id)
  return result
}

/**
 * viem keeps WebSocket connections open and cached for reuse; a verification must not leave one behind. After a
 * success the socket is cached and closes at once. Not called after a refusal: asking for the socket again would
 * dial the dead URL once more.
 */
function closeSocketWhenOpen(transport: Record<string, unknown>): void {
  if (typeof transport.getRpcClient !== 'function') return
  const socket = (transport.getRpcClient as () => Promise<{ close(): void }>)()
  socket.then(
    (client) => client.close(),
    () => undefined,
  )
}
