/**
 * The one base of every named error the product raises (docs/ARCHITECTURE.md §10). It is a viem `BaseError`, so
 * our errors and viem's read alike: `shortMessage` is the sentence a user reads, `details` the lowest layer's
 * reason, `walk()` reaches the cause that matters, and `message` is the full text for logs. Callers tell errors
 * apart by class (`instanceof`, `findError`) or by the guards of `src/core/errorClasses.ts`, never by message text.
 *
 * Families below it (`RelayError`, `TrackerError`, `StoreError`…) group what a caller usually handles together;
 * each leaf sets `name` to its class name, which is also how an error is revived after it crossed a boundary that
 * keeps only data (extension messaging).
 */
import { BaseError } from 'viem'

export class SuperchainRelayError extends BaseError {
  override name = 'SuperchainRelayError'
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
