/**
 * The user's extension settings, in `chrome.storage.local` (small JSON, readable by every extension context). The
 * tracker's own state (chains, accounts, messages) lives in IndexedDB through core's store; these are only the
 * shell's knobs. Every read fills in defaults and every write is validated, so a value written by an older build,
 * or a bad patch from a page, cannot put the background in a state it does not understand.
 */
import { SuperchainRelayError } from '../../src/core'

import type { ExtensionSettings } from '../messaging/protocol'
import type { StorageAreaLike } from './host'

const KEY = 'settings'

export const DEFAULT_SETTINGS: ExtensionSettings = {
  gracePeriodSeconds: 60,
  relayPolicy: 'notify',
  theme: 'auto',
}

/** A day: past that a "grace period" is really "never tell me", which is what turning notifications off is for. */
const MAX_GRACE_SECONDS = 86_400

export class InvalidSettingError extends SuperchainRelayError {
  override name = 'InvalidSettingError'
}

function check(patch: Partial<ExtensionSettings>): Partial<ExtensionSettings> {
  const out: Partial<ExtensionSettings> = {}
  for (const [key, value] of Object.entries(patch)) {
    switch (key) {
      case 'gracePeriodSeconds':
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_GRACE_SECONDS) {
          throw new InvalidSettingError(
            `grace period must be a whole number of seconds from 0 to ${MAX_GRACE_SECONDS}, got ${String(value)}`,
          )
        }
        out.gracePeriodSeconds = value
        break
      case 'relayPolicy':
        if (value !== 'notify' && value !== 'prompt') {
          throw new InvalidSettingError(`relay policy must be 'notify' or 'prompt', got ${String(value)}`)
        }
        out.relayPolicy = value
        break
      case 'theme':
        if (value !== 'auto' && value !== 'light' && value !== 'dark') {
          throw new InvalidSettingError(`theme must be 'auto', 'light' or 'dark', got ${String(value)}`)
        }
        out.theme = value
        break
      default:
        throw new InvalidSettingError(`unknown setting '${key}'`)
    }
  }
  return out
}

export async function readSettings(storage: StorageAreaLike): Promise<ExtensionSettings> {
  const stored = (await storage.get(KEY))[KEY]
  let valid: Partial<ExtensionSettings> = {}
  if (typeof stored === 'object' && stored !== null) {
    // Keep what is still valid one field at a time: one stale field must not reset the others.
    for (const [key, value] of Object.entries(stored)) {
      try {
        valid = { ...valid, ...check({ [key]: value } as Partial<ExtensionSettings>) }
      } catch {
        // dropped: the default applies
      }
    }
  }
  return { ...DEFAULT_SETTINGS, ...valid }
}

export async function updateSettings(
  storage: StorageAreaLike,
  patch: Partial<ExtensionSettings>,
): Promise<ExtensionSettings> {
  if (typeof patch !== 'object' || patch === null) throw new InvalidSettingError('settings must be an object')
  const next = { ...(await readSettings(storage)), ...check(patch) }
  await storage.set({ [KEY]: next })
  return next
}
