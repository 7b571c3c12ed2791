/**
 * Why a relay did not happen, as named errors with one family base (`RelayError`, under the project's
 * `SuperchainRelayError`), so callers tell them apart with a type guard (`findError(error, AlreadyRelayedError)`),
 * never by comparing message text or names.
 * Each message says what the user can do next; the UIs show it verbatim.
 */
import { formatEther, type Address, type Hex } from 'viem'

import { SuperchainRelayError } from '../errors/base'
import type { TrackedMessage } from '../model/message'

// Where relay code has always found it; it lives with the base.
export { findError } from '../errors/base'

export class RelayError extends SuperchainRelayError {
  override name = 'RelayError'
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

/**
 * A wallet was about to be asked for a relay whose gas limit or max fee per gas is above what the user approved
 * (beyond the stated margin), or not pinned at all (the wallet would price it itself): nothing was asked or sent.
 * A `WalletError`, so the relay journal treats it as declined and the message stays relayable.
 */
export class FeeAboveApprovalError extends WalletError {
  override name = 'FeeAboveApprovalError'
  constructor(
    walletName: string,
    readonly approved: { gas: bigint; maxFeePerGas: bigint },
    readonly asked: { gas?: bigint; maxFeePerGas?: bigint },
    marginPercent: bigint,
  ) {
    const figure = (value: bigint | undefined) => (value === undefined ? 'unset' : String(value))
    super(
      `not asking ${walletName} to sign gas ${figure(asked.gas)} at up to ${figure(asked.maxFeePerGas)} wei per ` +
        `gas: you approved gas ${approved.gas} at ${approved.maxFeePerGas} wei (plus ${marginPercent}%). Nothing ` +
        'was sent: review the new fee and approve it to relay.',
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
 * A local signer's spending cap (the most its account may pay for one transaction: gas limit × max fee per gas +
 * value) is below what this transaction could cost: nothing was signed. A lying RPC can quote any fee; the cap is
 * the user's own ceiling, whatever the plan says (docs/ARCHITECTURE.md §9). `remedy` says where this signer's cap
 * is set (the options page, a CLI flag).
 */
export class SpendingCapExceededError extends RelayError {
  override name = 'SpendingCapExceededError'
  constructor(
    readonly cap: bigint,
    readonly maxCost: bigint,
    detail: { gas: bigint; maxFeePerGas: bigint; value?: bigint },
    remedy: string = DEFAULT_CAP_REMEDY,
  ) {
    const value = detail.value ? ` + ${formatEther(detail.value)} ETH sent` : ''
    super(
      `this transaction could cost up to ${formatEther(maxCost)} ETH (gas ${detail.gas} × ${detail.maxFeePerGas} ` +
        `wei per gas${value}), above the spending cap of ${formatEther(cap)} ETH per relay. Nothing was ` +
        `signed: ${remedy}.`,
    )
  }
}

const DEFAULT_CAP_REMEDY = 'raise the cap in the options page (Relay account) or relay when fees are lower'

/** The signing account cannot pay this relay's maximum fee on the destination: nothing was signed. */
export class InsufficientRelayFundsError extends RelayError {
  override name = 'InsufficientRelayFundsError'
  constructor(
    readonly account: Address,
    readonly balance: bigint,
    readonly maxCost: bigint,
    chainName: string,
  ) {
    super(
      `${account} has ${formatEther(balance)} ETH on ${chainName}, but this relay may cost up to ` +
        `${formatEther(maxCost)} ETH. Nothing was signed: top the account up on ${chainName}, then relay again.`,
    )
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
