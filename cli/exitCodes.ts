/**
 * The CLI's exit codes, and the mapping from an error to one. Scripts branch on these codes, so each one means one
 * kind of problem the caller can act on: fix the command line (2), track something first (3), fix the RPC (4), or
 * look at the message (5).
 *
 * Core's errors are matched by `name`, not `instanceof`: this module is loaded before anything heavy so that a bad
 * command line fails fast, and importing core's error classes would pull in viem.
 */

export const EXIT = {
  ok: 0,
  /** Anything we did not foresee: a bug, a full disk, a corrupt state file. */
  unexpected: 1,
  /** Bad command line or bad input: unknown flag, malformed address/hash/--rpc, missing key, no TTY to confirm. */
  usage: 2,
  /** The thing asked about does not exist: unknown message hash, unknown tx, a tx that sent no message. */
  notFound: 3,
  /** An RPC did not answer, or answered for another chain. */
  rpc: 4,
  /** A relay that would not work or was not confirmed: simulation reverted, expired, reorged, declined. */
  relayRefused: 5,
} as const

export type ExitCode = (typeof EXIT)[keyof typeof EXIT]

/** Shown by `--help`; kept beside the constants so the two cannot drift apart. */
export const EXIT_CODES_HELP = `Exit codes:
  0  ok (a message that is already relayed is not an error)
  1  unexpected error, or a state file that cannot be read (set DEBUG=1 for a stack trace)
  2  usage or bad input: unknown flag, malformed address, hash or --rpc, missing key, no terminal to confirm
  3  not found: unknown message hash, unknown transaction, a transaction that sent no cross-chain message
  4  RPC unreachable, or it serves another chain id
  5  relay refused: the simulation reverted, the message expired, was reorged or no longer exists, a relay of it
     is already on its way, the fee rose above the plan shown, or you declined`

/** An error the CLI raises itself, carrying its exit code. */
export class CliError extends Error {
  override name = 'CliError'
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message)
  }
}

export class UsageError extends CliError {
  override name = 'UsageError'
  constructor(message: string) {
    super(message, EXIT.usage)
  }
}

const BY_NAME: Record<string, ExitCode> = {
  // Input the user typed that core rejected.
  InvalidAccountError: EXIT.usage,
  InvalidTransactionHashError: EXIT.usage,
  InvalidChainConfigError: EXIT.usage,
  UnknownChainError: EXIT.usage,
  // Nothing there.
  UnknownMessageError: EXIT.notFound,
  TransactionUnknownError: EXIT.notFound,
  NoCrossChainMessageError: EXIT.notFound,
  // The network.
  RpcUnreachableError: EXIT.rpc,
  ChainIdMismatchError: EXIT.rpc,
  HttpRequestError: EXIT.rpc,
  WebSocketRequestError: EXIT.rpc,
  TimeoutError: EXIT.rpc,
  SocketClosedError: EXIT.rpc,
  // A relay that cannot work as things stand.
  RelaySimulationFailedError: EXIT.relayRefused,
  MessageExpiredError: EXIT.relayRefused,
  InitiatingLogNotFoundError: EXIT.relayRefused,
  MessageVanishedError: EXIT.relayRefused,
  RelayInProgressError: EXIT.relayRefused,
  PlanChangedError: EXIT.relayRefused,
  NotResendableError: EXIT.relayRefused,
}

/** The errors an error wraps, outermost first (viem nests the transport failure a few `cause`s deep). */
export function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = []
  for (let e: unknown = error; e !== undefined && e !== null && chain.length < 10; ) {
    chain.push(e)
    e = e instanceof Error ? e.cause : undefined
  }
  return chain
}

function nameOf(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined
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
    const known = BY_NAME[nameOf(e) ?? '']
    if (known !== undefined) return known
  }
  return EXIT.unexpected
}

const TRANSPORT_ERRORS = ['HttpRequestError', 'WebSocketRequestError', 'TimeoutError', 'SocketClosedError']

/** The one line printed after `superchain-relay: `. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const chain = causeChain(error)
  const transport = chain.find(
    (e): e is Error & { url?: string } => e instanceof Error && TRANSPORT_ERRORS.includes(e.name),
  )
  // Core's own errors already name the RPC and say why; anything else wrapping a transport failure does not.
  if (transport && (BY_NAME[error.name] === undefined || TRANSPORT_ERRORS.includes(error.name))) {
    // viem's own wording is several lines ("HTTP request failed. URL: … Request body: …"); say which RPC and why.
    const deepest = chain.filter((e): e is Error => e instanceof Error).at(-1)
    const reason =
      transport.name === 'TimeoutError' ? 'timed out' : (deepest?.message ?? transport.message).split('\n')[0]
    return `${transport.url ? `RPC ${transport.url}` : 'an RPC'} is unreachable: ${reason}`
  }
  const short = (error as { shortMessage?: unknown }).shortMessage
  const text = typeof short === 'string' && short ? short : error.message
  let line = text.split('\n')[0]!.trim()
  if (error.name === 'UnknownChainError') line += ' Add it with --rpc <id>=<url>.'
  return line
}
