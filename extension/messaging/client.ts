/**
 * The page side of the protocol: `call(method, ...params)` over `runtime.sendMessage`, built to survive the
 * background being stopped at any moment (Chrome's idle service worker, Firefox's idle event page, an update, a
 * test that stops it).
 *
 * - A message sent while the worker is stopped wakes it; if it still finds no listener ("Receiving end does not
 *   exist", or no answer at all) the call is sent again, with capped exponential backoff.
 * - If the worker dies *while* handling a call, Chrome closes the channel ("message port closed before a response
 *   was received"). The call may or may not have taken effect: calls marked retry-safe in the protocol are sent
 *   again; the others fail with `BackgroundRestartedError` and their caller decides (see remoteTracker.ts for the
 *   relay's recovery).
 * - Every call has a deadline. Past it the call fails with `BackgroundUnavailableError` (every attempt was
 *   refused: no live background) or `BackgroundTimeoutError` (an attempt got no answer in time): a page never hangs
 *   on a dead worker.
 */
import { CORE_ERROR_CLASSES, SuperchainRelayError } from '../../src/core'
import { decode, encode, reviveError, type ErrorClasses } from './codec'
import { REQUESTS } from './requests'
import {
  PROTOCOL,
  type MethodName,
  type ParamsOf,
  type RequestMessage,
  type ResponseMessage,
  type ResultOf,
} from './protocol'

export interface RuntimeLike {
  sendMessage(message: unknown): Promise<unknown>
}

export interface BackgroundClient {
  call<M extends MethodName>(method: M, ...params: ParamsOf<M>): Promise<ResultOf<M>>
}

export class BackgroundUnavailableError extends SuperchainRelayError {
  override name = 'BackgroundUnavailableError'
}

export class BackgroundTimeoutError extends SuperchainRelayError {
  override name = 'BackgroundTimeoutError'
}

export class BackgroundRestartedError extends SuperchainRelayError {
  override name = 'BackgroundRestartedError'
}

export interface BackgroundClientOptions {
  /** Deadline of one call, by method; default `defaultDeadlineMs`. */
  deadlineMs?: (method: MethodName, params: readonly unknown[]) => number
  /** First retry delay; doubles up to `maxBackoffMs`. */
  initialBackoffMs?: number
  maxBackoffMs?: number
  /** The classes a background error is revived into, by name; default core's (`CORE_ERROR_CLASSES`). */
  errorClasses?: ErrorClasses
}

export const DEFAULT_DEADLINE_MS = 20_000
/** A MetaMask prompt waits for the user: minutes, not seconds. */
export const WALLET_DEADLINE_MS = 10 * 60_000

/** Calls that can wait on the user in MetaMask get the long deadline; a relay-account relay gets a minute. */
export function defaultDeadlineMs(method: MethodName, params: readonly unknown[]): number {
  if (method === 'walletAccounts' || method === 'topUpRelayAccount') return WALLET_DEADLINE_MS
  if (method === 'relay' || method === 'resend') {
    const signer = params[1] as { kind?: string } | undefined
    return signer?.kind === 'wallet' ? WALLET_DEADLINE_MS : 60_000
  }
  return DEFAULT_DEADLINE_MS
}

const seconds = (ms: number) => `${ms < 10_000 ? (ms / 1000).toFixed(1) : Math.round(ms / 1000)} s`

type Failure = 'undelivered' | 'interrupted' | 'invalidated'

/** What Chrome's rejection says about whether the background got the message. */
function classify(error: unknown): Failure | undefined {
  const text = error instanceof Error ? error.message : String(error)
  if (/Extension context invalidated/i.test(text)) return 'invalidated'
  if (/Receiving end does not exist|Could not establish connection/i.test(text)) return 'undelivered'
  // Chrome: "message port closed before a response was received"; Firefox, when the event page is unloaded
  // mid-call: "Message manager disconnected" or "Promised response … went out of scope".
  if (
    /port closed|channel closed|before a response was received|manager disconnected|out of scope/i.test(text)
  )
    return 'interrupted'
  return undefined
}

function isResponse(value: unknown, id: string): value is ResponseMessage {
  return typeof value === 'object' && value !== null && (value as { id?: unknown }).id === id
}

let counter = 0
function requestId(): string {
  counter += 1
  return `${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 8)}`
}

type Outcome = { response: unknown } | { error: unknown } | 'timeout'

/** One `sendMessage`, raced against what is left of the call's deadline (a dead worker never answers). */
async function sendOnce(
  runtime: RuntimeLike,
  request: RequestMessage,
  remainingMs: number,
): Promise<Outcome> {
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    return await Promise.race([
      runtime.sendMessage(request).then(
        (response) => ({ response }),
        (error: unknown) => ({ error }),
      ),
      new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), remainingMs)
      }),
    ])
  } finally {
    clearTimeout(timer)
  }
}

/** Where one call stands between attempts: whether any attempt reached the background, and the last problem seen. */
interface Attempts {
  method: MethodName
  deadlineMs: number
  reached: boolean
  lastProblem: string
}

/** The error a call ends with at its deadline: it timed out if the background was ever reached, else unavailable. */
function deadlineError({ method, deadlineMs, reached, lastProblem }: Attempts): SuperchainRelayError {
  return reached
    ? new BackgroundTimeoutError(
        `the extension's background did not answer ${method} within ${seconds(deadlineMs)}`,
      )
    : new BackgroundUnavailableError(
        `the extension's background could not be reached for ${method} within ${seconds(deadlineMs)} ` +
          `(${lastProblem}); reopen this page, or reload the extension`,
      )
}

/**
 * Reads one attempt's outcome: the decoded result (`{ result }`), a thrown error (the call is over), or `undefined`
 * when the call should be sent again after a backoff. Updates `attempts` with what this attempt taught.
 */
function settle(
  outcome: Outcome,
  request: RequestMessage,
  attempts: Attempts,
  errorClasses: ErrorClasses,
): { result: unknown } | undefined {
  const { method } = attempts
  if (outcome === 'timeout') {
    // Still waiting when the deadline came: delivered or not, nobody answered in time.
    attempts.reached = true
    return undefined
  }
  if ('response' in outcome) {
    const { response } = outcome
    if (isResponse(response, request.id)) {
      if (response.ok) return { result: decode(response.result) }
      throw reviveError(response.error, errorClasses)
    }
    // No answer at all: a worker that was just starting (listener not registered yet), or — through
    // webextension-polyfill on a Chrome without a native `browser` — a channel cut mid-call, which the polyfill
    // turns into an empty answer. A call that is safe to resend is resent; any other may have taken effect.
    attempts.lastProblem = 'the background sent no answer'
    if (!REQUESTS[method].retrySafe) {
      throw new BackgroundRestartedError(
        `the extension's background ended ${method} without an answer; it may or may not have taken effect`,
      )
    }
    return undefined
  }
  const kind = classify(outcome.error)
  if (kind === 'invalidated') {
    throw new BackgroundUnavailableError(
      'the extension was reloaded or updated while this page was open: close and reopen it',
    )
  }
  if (kind === undefined) throw outcome.error
  attempts.lastProblem = (outcome.error as Error).message ?? String(outcome.error)
  if (kind === 'interrupted') {
    attempts.reached = true
    if (!REQUESTS[method].retrySafe) {
      throw new BackgroundRestartedError(
        `the extension's background restarted while handling ${method}; it may or may not have taken effect`,
      )
    }
  }
  return undefined
}

export function createBackgroundClient(
  runtime: RuntimeLike,
  options: BackgroundClientOptions = {},
): BackgroundClient {
  const deadlineFor = options.deadlineMs ?? defaultDeadlineMs
  const initialBackoff = options.initialBackoffMs ?? 100
  const maxBackoff = options.maxBackoffMs ?? 2_000
  const errorClasses = options.errorClasses ?? CORE_ERROR_CLASSES

  async function call<M extends MethodName>(method: M, ...params: ParamsOf<M>): Promise<ResultOf<M>> {
    const deadlineMs = deadlineFor(method, params)
    const deadline = Date.now() + deadlineMs
    const request: RequestMessage = { protocol: PROTOCOL, id: requestId(), method, params: encode(params) }
    const attempts: Attempts = { method, deadlineMs, reached: false, lastProblem: 'no answer' }
    let backoff = initialBackoff

    for (;;) {
      const remaining = deadline - Date.now()
      if (remaining <= 0) throw deadlineError(attempts)
      const outcome = await sendOnce(runtime, request, remaining)
      const settled = settle(outcome, request, attempts, errorClasses)
      if (settled) return settled.result as ResultOf<M>
      if (outcome === 'timeout') continue // the loop head throws
      await new Promise((resolve) =>
        setTimeout(resolve, Math.min(backoff, Math.max(0, deadline - Date.now()))),
      )
      backoff = Math.min(maxBackoff, backoff * 2)
    }
  }

  return { call }
}
