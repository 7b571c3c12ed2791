/**
 * Why a relay did not happen, as named errors with one base (`RelayError`, a viem `BaseError`), so callers tell
 * them apart with a type guard (`findError(error, AlreadyRelayedError)`), never by comparing message text or names.
 * Each message says what the user can do next; the UIs show it verbatim.
 */
import { BaseError, type Hex } from 'viem'

import type { TrackedMessage } from '../model/message'

export class RelayError extends BaseError {
  override name = 'RelayError'
}

/**
 * The first error of `type` in `error`'s cause chain (viem wraps the one that matters a few causes deep), or
 * undefined. The type guard every caller uses instead of `error.name === '…'`.
 */
export function findError<T extends Error>(
  error: unknown,
  type: abstract new (...args: never[]) => T,
): T | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 10; e = e.cause, depth++) {
    if (e instanceof type) return e
  }
  return undefined
}

export class InitiatingLogNotFoundError extends RelayError {
  override name = 'InitiatingLogNotFoundError'
  constructor(message: Pick<TrackedMessage, 'hash' | 'source'>, detail: string) {
    super(
      `not relaying ${message.hash}: its initiating log cannot be found on chain ${message.source} (${detail}). ` +
        'It was reorged out, or the chain was reset; the tracker is looking for it again.',
    )
  }
}

export class AlreadyRelayedError extends RelayError {
  override name = 'AlreadyRelayedError'
  constructor(hash: Hex, destination: number) {
    super(`message ${hash} is already relayed on chain ${destination}: nothing to do`)
  }
}

export class MessageExpiredError extends RelayError {
  override name = 'MessageExpiredError'
  constructor(hash: Hex, source: number) {
    super(
      `message ${hash} expired (more than 7 days old): resend it with resendMessage on chain ${source} first`,
    )
  }
}

/** The source chain does not hold this message (docs/ARCHITECTURE.md §5): there is nothing to relay, ever. */
export class MessageVanishedError extends RelayError {
  override name = 'MessageVanishedError'
  constructor(hash: Hex, source: number) {
    super(
      `message ${hash} no longer exists on chain ${source} (the chain was reset, or a reorg dropped the ` +
        'transaction that sent it): it cannot be relayed. Remove it from the history.',
    )
  }
}

export class RelaySimulationFailedError extends RelayError {
  override name = 'RelaySimulationFailedError'
  constructor(
    hash: Hex,
    readonly reason: string,
  ) {
    super(
      `relaying ${hash} would revert: ${reason}. Nothing was sent; the message stays relayable once the cause is fixed.`,
    )
  }
}

/** A relay of this message is already on its way: it is not offered again until that tx is mined, dropped or replaced. */
export class RelayInProgressError extends RelayError {
  override name = 'RelayInProgressError'
  constructor(
    hash: Hex,
    /** Our pending relay tx, when one exists (a wallet may still be asking the user). */
    readonly transactionHash?: Hex,
  ) {
    super(
      transactionHash
        ? `message ${hash} is already being relayed by tx ${transactionHash}: wait until it is mined or dropped`
        : `a relay of message ${hash} is waiting for a wallet's signature: finish or reject it there first`,
    )
  }
}

export class AccessListDroppedError extends RelayError {
  override name = 'AccessListDroppedError'
  constructor(walletName: string, transactionHash?: Hex) {
    super(
      `${walletName} dropped the relay's access list${transactionHash ? ` (tx ${transactionHash})` : ''}. ` +
        'Without it CrossL2Inbox cannot validate the message and the relay is refused (NotInAccessList). ' +
        'Your funds are safe and the message is still relayable: relay it with the built-in relay account ' +
        '(or the CLI with a local key), which signs the full access list.',
    )
  }
}

export class WalletError extends RelayError {
  override name = 'WalletError'
}

/**
 * The relay, re-priced right before signing, would cost more than the user approved (beyond the stated margin):
 * nothing was signed. Carries both sets of figures so the UI can show the new plan and ask again.
 */
export class PlanChangedError extends RelayError {
  override name = 'PlanChangedError'
  constructor(
    hash: Hex,
    readonly approved: { gas: bigint; maxFeePerGas: bigint },
    readonly current: { gas: bigint; maxFeePerGas: bigint; total: bigint },
    marginPercent: bigint,
  ) {
    super(
      `the relay of ${hash} now needs gas ${current.gas} at up to ${current.maxFeePerGas} wei per gas; you approved ` +
        `gas ${approved.gas} at ${approved.maxFeePerGas} wei (plus ${marginPercent}%). Nothing was signed: review ` +
        'the new fee and approve it to relay.',
    )
  }
}

/** resendMessage makes sense only for a message that was sent and not relayed (and is not waiting for a source tx). */
export class NotResendableError extends RelayError {
  override name = 'NotResendableError'
  constructor(hash: Hex, status: string) {
    super(`message ${hash} is ${status}: only a sent, unrelayed message can be resent`)
  }
}

/**
 * The source chain's messenger has no `resendMessage` (2.x, docs/ARCHITECTURE.md §4): an expired message there
 * cannot be revived, and one marked expired (`MessageExpired`) can never be delivered.
 */
export class ResendUnavailableError extends RelayError {
  override name = 'ResendUnavailableError'
  readonly messengerVersion: string
  constructor(hash: Hex, source: number, version: string) {
    super(
      `message ${hash} cannot be resent: the messenger on chain ${source} (version ${version}) has no resendMessage`,
    )
    this.messengerVersion = version
  }
}
