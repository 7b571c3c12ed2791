/**
 * The CLI's exit codes and the error it raises itself. Scripts branch on these codes, so each one means one kind of
 * problem the caller can act on: fix the command line (2), track something first (3), fix the RPC (4), or look at
 * the message (5). This module loads nothing else, so a bad command line fails fast; the mapping from any error to
 * a code is exitCodes.ts, loaded when something failed.
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
     is already on its way, the fee rose above the plan shown or above --spending-cap, or you declined`

/**
 * An error the CLI raises itself, carrying its exit code. The one error of ours that is a plain `Error`, not a
 * `SuperchainRelayError`: it is thrown while the command line is parsed, before core (and viem) are loaded, so that
 * a mistyped flag fails at once; it never leaves the process. Told apart by `instanceof CliError`.
 */
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
