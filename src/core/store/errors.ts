/**
 * Named errors of the store, so shells can tell "the user gave us a bad file" from "the database is gone" and word
 * their message accordingly. One family base, `StoreError`, under the project's `SuperchainRelayError`.
 */
import { SuperchainRelayError } from '../errors/base'

export class StoreError extends SuperchainRelayError {
  override name = 'StoreError'
}

/** A call on a store after `close()`, or after another tab/worker upgraded the database and we let it. */
export class StoreClosedError extends StoreError {
  override name = 'StoreClosedError'
  constructor(reason = 'the message store is closed') {
    super(reason)
  }
}

/**
 * The database is at a schema version this build cannot open: either newer than this build (the user downgraded
 * the extension) or a migration failed, in which case the upgrade was rolled back and the data is as it was.
 */
export class StoreVersionError extends StoreError {
  override name = 'StoreVersionError'
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { cause: options?.cause as Error | undefined })
  }
}

/**
 * An import file was rejected before anything was written. `message` names where the problem is
 * (`messages[3].nonce: expected a decimal integer string, got 'abc'`) so the user can fix or report the file.
 */
export class HistoryImportError extends StoreError {
  override name = 'HistoryImportError'
  /** Dotted path of the offending value, e.g. `messages[3].nonce`; `''` when the whole file is unreadable. */
  readonly path: string
  constructor(path: string, problem: string, options?: { cause?: unknown }) {
    super(path ? `${path}: ${problem}` : problem, { cause: options?.cause as Error | undefined })
    this.path = path
  }
}

/** An update's mutator returned a record under another hash: a message's identity cannot change. */
export class MessageIdentityError extends StoreError {
  override name = 'MessageIdentityError'
  constructor(stored: string, returned: string) {
    super(
      `an update of message ${stored} returned message ${returned}: a message's hash is its identity and cannot change`,
    )
  }
}
