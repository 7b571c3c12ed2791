/**
 * The mapping from an error to the CLI's exit code (exit.ts) and to the one line printed about it.
 *
 * Errors are matched by class (core's, and viem's transport failures), walking the cause chain: never by name or
 * message text (docs/ARCHITECTURE.md §10).
 */
import { HttpRequestError, SocketClosedError, TimeoutError, WebSocketRequestError } from 'viem'

import {
  ChainIdMismatchError,
  InitiatingLogNotFoundError,
  InvalidAccountError,
  InvalidChainConfigError,
  InvalidTransactionHashError,
  MessageExpiredError,
  MessageVanishedError,
  NoCrossChainMessageError,
  NotResendableError,
  PlanChangedError,
  SpendingCapExceededError,
  RelayInProgressError,
  RelaySimulationFailedError,
  RpcUnreachableError,
  TransactionUnknownError,
  UnknownChainError,
  UnknownMessageError,
} from '../src/core'

import { CliError, EXIT, type ExitCode } from './exit'

export { CliError, EXIT, EXIT_CODES_HELP, UsageError, type ExitCode } from './exit'

type ErrorClass = abstract new (...args: never[]) => Error

/** viem's ways of saying an RPC did not answer. */
const TRANSPORT_ERRORS: readonly ErrorClass[] = [
  HttpRequestError,
  WebSocketRequestError,
  TimeoutError,
  SocketClosedError,
]

const EXIT_BY_CLASS: ReadonlyArray<readonly [ErrorClass, ExitCode]> = [
  // Input the user typed that core rejected.
  [InvalidAccountError, EXIT.usage],
  [InvalidTransactionHashError, EXIT.usage],
  [InvalidChainConfigError, EXIT.usage],
  [UnknownChainError, EXIT.usage],
  // Nothing there.
  [UnknownMessageError, EXIT.notFound],
  [TransactionUnknownError, EXIT.notFound],
  [NoCrossChainMessageError, EXIT.notFound],
  // The network.
  [RpcUnreachableError, EXIT.rpc],
  [ChainIdMismatchError, EXIT.rpc],
  ...TRANSPORT_ERRORS.map((type) => [type, EXIT.rpc] as const),
  // A relay that cannot work as things stand.
  [RelaySimulationFailedError, EXIT.relayRefused],
  [MessageExpiredError, EXIT.relayRefused],
  [InitiatingLogNotFoundError, EXIT.relayRefused],
  [MessageVanishedError, EXIT.relayRefused],
  [RelayInProgressError, EXIT.relayRefused],
  [PlanChangedError, EXIT.relayRefused],
  [SpendingCapExceededError, EXIT.relayRefused],
  [NotResendableError, EXIT.relayRefused],
]

/** The exit code of this one error (not its causes), when it is a kind the codes name. */
function knownExitCode(error: unknown): ExitCode | undefined {
  return EXIT_BY_CLASS.find(([type]) => error instanceof type)?.[1]
}

const isTransportError = (error: unknown): error is Error & { url?: string } =>
  TRANSPORT_ERRORS.some((type) => error instanceof type)

/** The errors an error wraps, outermost first (viem nests the transport failure a few `cause`s deep). */
export function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = []
  for (let e: unknown = error; e !== undefined && e !== null && chain.length < 10; ) {
    chain.push(e)
    e = e instanceof Error ? e.cause : undefined
  }
  return chain
}

/** parseArgs reports bad command lines as TypeErrors with these codes. */
const PARSE_ARGS_CODES = [
  'ERR_PARSE_ARGS_UNKNOWN_OPTION',
  'ERR_PARSE_ARGS_INVALID_OPTION_VALUE',
  'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL',
]

export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof CliError) return error.exitCode
  const code = (error as { code?: unknown } | undefined)?.code
  if (typeof code === 'string' && PARSE_ARGS_CODES.includes(code)) return EXIT.usage
  // The outermost error that says something specific wins: a RelaySimulationFailedError caused by an RPC hiccup
  // is still a refused relay, while a generic "request failed" wrapping a refused connection is an RPC problem.
  for (const e of causeChain(error)) {
    const known = knownExitCode(e)
    if (known !== undefined) return known
  }
  return EXIT.unexpected
}

/** The one line printed after `superchain-relay: `. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const chain = causeChain(error)
  const transport = chain.find(isTransportError)
  // Core's own errors already name the RPC and say why; anything else wrapping a transport failure does not.
  if (transport && (knownExitCode(error) === undefined || isTransportError(error))) {
    // viem's own wording is several lines ("HTTP request failed. URL: … Request body: …"); say which RPC and why.
    const deepest = chain.filter((e): e is Error => e instanceof Error).at(-1)
    const reason =
      transport instanceof TimeoutError ? 'timed out' : (deepest?.message ?? transport.message).split('\n')[0]
    return `${transport.url ? `RPC ${transport.url}` : 'an RPC'} is unreachable: ${reason}`
  }
  const short = (error as { shortMessage?: unknown }).shortMessage
  const text = typeof short === 'string' && short ? short : error.message
  let line = text.split('\n')[0]!.trim()
  if (error instanceof UnknownChainError) line += ' Add it with --rpc <id>=<url>.'
  return line
}
