/**
 * Named errors of the chain registry. They extend the project's `SuperchainRelayError` (a viem `BaseError`) so
 * callers can `walk()` them like any viem error, and each `shortMessage` names the offending value so the options page can show it as is.
 */
import { SuperchainRelayError } from '../errors/base'

/** A chain id nobody registered: usually a message whose source or destination the user has not added yet. */
export class UnknownChainError extends SuperchainRelayError {
  override name = 'UnknownChainError'
  readonly chainId: number
  constructor(chainId: number, knownIds: readonly number[]) {
    super(
      `Unknown chain ${chainId}: it is not in the chain registry (known: ${knownIds.length ? knownIds.join(', ') : 'none'}).`,
    )
    this.chainId = chainId
  }
}

/** A chain config with a missing or malformed field. `field` is the property name, for highlighting a form input. */
export class InvalidChainConfigError extends SuperchainRelayError {
  override name = 'InvalidChainConfigError'
  readonly field: string
  constructor(field: string, problem: string) {
    super(field ? `Invalid chain config: ${field} ${problem}.` : `Invalid chain config: ${problem}.`)
    this.field = field
  }
}

/** The RPC did not give a usable answer to `eth_chainId`: refused, DNS failure, HTTP error, timeout, garbage. */
export class RpcUnreachableError extends SuperchainRelayError {
  override name = 'RpcUnreachableError'
  readonly url: string
  readonly reason: string
  constructor(url: string, reason: string, options: { cause?: Error } = {}) {
    super(`RPC ${url} is unreachable: ${reason}.`, { cause: options.cause, details: reason })
    this.url = url
    this.reason = reason
  }
}

/** The RPC answers, but for another chain: a typo'd port or a copy-pasted URL of the sister chain. */
export class ChainIdMismatchError extends SuperchainRelayError {
  override name = 'ChainIdMismatchError'
  readonly url: string
  readonly expected: number
  readonly actual: number
  constructor(url: string, actual: number, expected: number) {
    super(`RPC ${url} serves chain ${actual}, not ${expected}.`)
    this.url = url
    this.expected = expected
    this.actual = actual
  }
}

/**
 * Interop is not active on the chain (its predeploys are absent or not live, chains/readiness.ts): nothing can be
 * tracked or relayed there yet. The message is the sentence a user reads: "interop is not active on OP Sepolia yet".
 */
export class InteropNotActiveError extends SuperchainRelayError {
  override name = 'InteropNotActiveError'
  readonly chainId: number
  constructor(chainId: number, chainName: string, reason: string) {
    super(`interop is not active on ${chainName} yet`, { details: reason })
    this.chainId = chainId
  }
}

/**
 * An RPC answered with something that is not what was asked for: another transaction's receipt, or a shape no node
 * sends (docs/ARCHITECTURE.md §4: every reply is untrusted). Nothing was stored.
 */
export class MalformedRpcReplyError extends SuperchainRelayError {
  override name = 'MalformedRpcReplyError'
  constructor(chainId: number | undefined, method: string, problem: string) {
    super(
      `the RPC of chain ${chainId ?? '(id unknown)'} answered ${method} with a reply that cannot be right: ${problem}. Nothing was stored; check the chain's RPC URL.`,
    )
  }
}
