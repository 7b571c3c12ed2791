/**
 * Every named error of core, by name: the type guard callers use instead of comparing `error.name` or message
 * text, and the table a boundary that keeps only data (extension messaging) revives errors with
 * (docs/ARCHITECTURE.md §10). It sits at the top of core, beside index.ts, because it names errors of every folder.
 */
import * as chainErrors from './chains/errors'
import {
  InvalidTransactionHashError,
  MalformedRpcReplyError,
  NoCrossChainMessageError,
  TransactionUnknownError,
} from './discovery/fromTransaction'
import { SuperchainRelayError } from './errors/base'
import * as relayErrors from './relay/errors'
import * as storeErrors from './store/errors'
import * as trackerErrors from './tracker/errors'

/** A class of ours, whatever its constructor takes. */
export type SuperchainRelayErrorClass = abstract new (...args: never[]) => SuperchainRelayError

// The error modules export only error classes (relay/errors.ts also re-exports `findError`, left out here), so a
// class added to one of them is in the table with no edit here; discovery's live beside its code and are named.
const { findError: _findError, ...relayErrorClasses } = relayErrors

/** Core's error classes under the `name` each sets (a test keeps the keys and the names equal). */
export const CORE_ERROR_CLASSES = {
  SuperchainRelayError,
  ...chainErrors,
  InvalidTransactionHashError,
  MalformedRpcReplyError,
  NoCrossChainMessageError,
  TransactionUnknownError,
  ...relayErrorClasses,
  ...storeErrors,
  ...trackerErrors,
} as const satisfies Record<string, SuperchainRelayErrorClass>

export type SuperchainRelayErrorName = keyof typeof CORE_ERROR_CLASSES

export type SuperchainRelayErrorOf<N extends SuperchainRelayErrorName> = InstanceType<
  (typeof CORE_ERROR_CLASSES)[N]
>

/**
 * Is `error` one of ours — any of them, or the one named (`isSuperchainRelayError(e, 'RelayInProgressError')`,
 * true for its subclasses too)? Looks at `error` itself; `findError` walks a cause chain.
 */
export function isSuperchainRelayError(error: unknown): error is SuperchainRelayError
export function isSuperchainRelayError<N extends SuperchainRelayErrorName>(
  error: unknown,
  name: N,
): error is SuperchainRelayErrorOf<N>
export function isSuperchainRelayError(error: unknown, name?: SuperchainRelayErrorName): boolean {
  return error instanceof (name ? CORE_ERROR_CLASSES[name] : SuperchainRelayError)
}
