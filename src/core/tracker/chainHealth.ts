/**
 * How each chain's RPC is doing, for the UIs ("Can't reach Devnet L2 B — status from 06:44, retrying") and for the
 * poller's backoff. A chain that fails is left alone for a while that doubles with each failure (1 s, 2 s, … capped
 * at a minute), or for as long as a 429's Retry-After asks; one good tick makes it 'ok' again. A chain whose RPC
 * serves another chain id is 'wrongChain' and not polled until a later check finds the right id.
 */
import { HttpRequestError } from 'viem'

import { retryAfterMs } from '../chains/clients'

export type ChainHealthState =
  /** Not read yet in this run (nothing needed it). */
  | 'unknown'
  | 'ok'
  /** The last read failed (refused, timed out, HTTP error, malformed reply); retried at `retryAt`. */
  | 'unreachable'
  /** The RPC answers for another chain (`servedChainId`): not polled, its data would be another chain's. */
  | 'wrongChain'
  /** The chain was reset (a devnet restart) in the last tick; what was read from it before is void. */
  | 'reset'

export interface ChainHealth {
  chainId: number
  state: ChainHealthState
  /** The last time every read of this chain succeeded (ms since epoch): statuses involving it are from then. */
  lastOkAt?: number
  /** Why the last attempt failed, in one line. */
  error?: string
  /** When the next attempt is due (ms since epoch), while backing off. */
  retryAt?: number
  /** 'wrongChain': the chain id the RPC serves. */
  servedChainId?: number
  /** The last time a reset of this chain was detected (ms since epoch). */
  lastResetAt?: number
}

/** Statuses read from a chain in one of these states may be out of date: the UI shows them as stale. */
export const STALE_STATES: readonly ChainHealthState[] = ['unreachable', 'wrongChain']

const BASE_BACKOFF_MS = 1_000
export const MAX_BACKOFF_MS = 60_000
/** A server asking for more than this is not believed: a lying Retry-After must not silence a chain for hours. */
const MAX_RETRY_AFTER_MS = 5 * 60_000

export interface HealthBook {
  get(chainId: number): ChainHealth
  list(chainIds: readonly number[]): ChainHealth[]
  /** Should this tick leave the chain alone (backing off)? */
  backingOff(chainId: number): boolean
  ok(chainId: number): void
  /** A failed read; `retryAfterMs`: what the RPC asked for (a 429's Retry-After), honoured up to 5 minutes. */
  failed(chainId: number, error: unknown, retryAfterMs?: number): void
  wrongChain(chainId: number, servedChainId: number, error: string): void
  reset(chainId: number): void
  /** Forget a removed chain. */
  forget(chainId: number): void
}

export function createHealthBook(options: {
  now: () => number
  onChange: (health: ChainHealth) => void
}): HealthBook {
  const { now } = options
  const book = new Map<number, ChainHealth & { failures: number }>()

  const entry = (chainId: number) => {
    let e = book.get(chainId)
    if (!e) {
      e = { chainId, state: 'unknown', failures: 0 }
      book.set(chainId, e)
    }
    return e
  }
  const publish = (e: ChainHealth & { failures: number }, next: ChainHealth) => {
    const before = JSON.stringify(view(e))
    const failures = e.failures
    for (const key of Object.keys(e) as (keyof ChainHealth)[]) delete e[key]
    Object.assign(e, next, { failures })
    if (JSON.stringify(view(e)) !== before) options.onChange(view(e))
  }

  return {
    get: (chainId) => view(entry(chainId)),
    list: (chainIds) => chainIds.map((id) => view(entry(id))),
    backingOff(chainId) {
      const e = book.get(chainId)
      return e?.retryAt !== undefined && e.retryAt > now()
    },
    ok(chainId) {
      const e = entry(chainId)
      e.failures = 0
      publish(e, { chainId, state: 'ok', lastOkAt: now(), ...keep(e) })
    },
    failed(chainId, error, asked) {
      const e = entry(chainId)
      e.failures += 1
      const backoff = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** (e.failures - 1))
      const wait = Math.max(backoff, Math.min(MAX_RETRY_AFTER_MS, asked ?? 0), retryAfterOf(error) ?? 0)
      publish(e, {
        chainId,
        state: 'unreachable',
        error: oneLine(error),
        retryAt: now() + wait,
        ...keep(e),
        ...(e.lastOkAt !== undefined ? { lastOkAt: e.lastOkAt } : {}),
      })
    },
    wrongChain(chainId, servedChainId, error) {
      const e = entry(chainId)
      e.failures += 1
      publish(e, {
        chainId,
        state: 'wrongChain',
        servedChainId,
        error,
        retryAt: now() + MAX_BACKOFF_MS,
        ...keep(e),
        ...(e.lastOkAt !== undefined ? { lastOkAt: e.lastOkAt } : {}),
      })
    },
    reset(chainId) {
      const e = entry(chainId)
      publish(e, {
        chainId,
        state: 'reset',
        lastResetAt: now(),
        ...(e.lastOkAt !== undefined ? { lastOkAt: e.lastOkAt } : {}),
      })
    },
    forget(chainId) {
      book.delete(chainId)
    },
  }
}

function keep(e: ChainHealth): Pick<ChainHealth, 'lastResetAt'> {
  return e.lastResetAt !== undefined ? { lastResetAt: e.lastResetAt } : {}
}

function view(e: ChainHealth & { failures?: number }): ChainHealth {
  const { failures: _failures, ...health } = e
  return { ...health }
}

/** What a 429 (or 503) without a JSON-RPC body asked for: viem keeps those headers on its HttpRequestError. */
function retryAfterOf(error: unknown): number | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 10; e = e.cause, depth++) {
    if (!(e instanceof HttpRequestError) || !e.headers) continue
    const ms = retryAfterMs(e.headers.get('retry-after'))
    if (ms !== undefined) return Math.min(ms, MAX_RETRY_AFTER_MS)
  }
  return undefined
}

function oneLine(error: unknown): string {
  if (error instanceof Error) {
    const short = (error as { shortMessage?: unknown }).shortMessage
    const text = typeof short === 'string' && short ? short : error.message
    const details = (error as { details?: unknown }).details
    const line = text.split('\n')[0]!.trim()
    return typeof details === 'string' && details && !line.includes(details)
      ? `${line} (${details.split('\n')[0]})`
      : line
  }
  return String(error)
}

/**
 * The chains of a message whose health makes its status possibly out of date (unreachable, wrong chain id): the UI
 * shows the row as stale ("status from 06:44") and offers no Relay for it until they are back.
 */
export function staleChainsOf(
  message: { source: number; destination: number },
  health: readonly ChainHealth[],
): ChainHealth[] {
  return health.filter(
    (h) =>
      (h.chainId === message.source || h.chainId === message.destination) && STALE_STATES.includes(h.state),
  )
}
