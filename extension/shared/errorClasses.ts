/**
 * Every error class the extension's background can throw at a page, by the name each sets: core's and the
 * extension's own. The pages' client revives a background error into its class with this table
 * (docs/ARCHITECTURE.md §10), so a page tells a wrong password or a locked relay account by class, as the
 * background does. A class missing here still arrives, as a `BackgroundError` with its name and message.
 */
import { CORE_ERROR_CLASSES } from '../../src/core'

import { MetaMaskUnavailableError } from '../background/wallet'
import { RelayAccountError, RelayAccountLockedError } from '../background/relayAccount'
import { InvalidSettingError } from '../background/settings'
import { CorruptVaultError, WrongPasswordError } from '../background/vault'
import type { ErrorClasses } from '../messaging/codec'
import { ForbiddenSenderError, InvalidRequestError } from '../messaging/server'

export const EXTENSION_ERROR_CLASSES: ErrorClasses = {
  ...CORE_ERROR_CLASSES,
  ForbiddenSenderError,
  InvalidRequestError,
  CorruptVaultError,
  InvalidSettingError,
  MetaMaskUnavailableError,
  RelayAccountError,
  RelayAccountLockedError,
  WrongPasswordError,
}
