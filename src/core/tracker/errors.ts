/**
 * The tracker's own named errors (one family base, `TrackerError`, under the project's `SuperchainRelayError`): input a caller got wrong, or a
 * tracker built without what a call needs. Relay outcomes are relay/errors.ts.
 */
import { SuperchainRelayError } from '../errors/base'

export class TrackerError extends SuperchainRelayError {
  override name = 'TrackerError'
}

export class InvalidAccountError extends TrackerError {
  override name = 'InvalidAccountError'
  constructor(value: string) {
    super(`'${value}' is not an account address: expected 0x followed by 40 hex digits`)
  }
}

export class UnknownMessageError extends TrackerError {
  override name = 'UnknownMessageError'
  constructor(hash: string) {
    super(`no tracked message with hash ${hash}: track its source transaction first`)
  }
}

export class SignerUnavailableError extends TrackerError {
  override name = 'SignerUnavailableError'
}
