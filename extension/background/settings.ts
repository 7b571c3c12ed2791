/**
 * The user's extension settings, in `chrome.storage.local` (small JSON, readable by every extension context). The
 * tracker's own state (chains, accounts, messages) lives in IndexedDB through core's store; these are only the
 * shell's knobs. Every read fills in defaults and every write is validated, so a value written by an older build,
 * or a bad patch from a page, cannot put the background in a state it does not understand.
 */
import { formatEther } from 'viem'

import { SuperchainRelayError } from '../../src/core'

import type { ExtensionSettings } from '../messaging/protocol'
import type { StorageAreaLike } from './host'

const KEY = 'settings'

export const DEFAULT_SETTINGS: ExtensionSettings = {
  gracePeriodSeconds: 60,
  relayPolicy: 'notify',
  theme: 'auto',
  autoLockMinutes: 15,
  // 0.01 ETH: a relay costs a few hundred thousand gas, so this allows fees up to tens of gwei per gas.
  relayFeeCapWei: '10000000000000000',
}

/** A day: the longest an unlocked key may sit unused. */
const MAX_AUTO_LOCK_MINUTES = 1_440
/** 1 ETH: a cap above that protects nothing a relay would ever need. */
const MAX_FEE_CAP_WEI = 10n ** 18n

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
      case 'autoLockMinutes':
        if (
          typeof value !== 'number' ||
          !Number.isInteger(value) ||
          value < 1 ||
          value > MAX_AUTO_LOCK_MINUTES
        ) {
          throw new InvalidSettingError(
            `auto-lock must be a whole number of minutes from 1 to ${MAX_AUTO_LOCK_MINUTES}, got ${String(value)}`,
          )
        }
        out.autoLockMinutes = value
        break
      case 'relayFeeCapWei':
        out.relayFeeCapWei = checkFeeCap(value)
        break
      default:
        throw new InvalidSettingError(`unknown setting '${key}'`)
    }
  }
  return out
}

function checkFeeCap(value: unknown): string {
  const wei = typeof value === 'string' && /^[1-9][0-9]{0,30}$/.test(value) ? BigInt(value) : undefined
  if (wei !== undefined && wei > MAX_FEE_CAP_WEI) {
    throw new InvalidSettingError(
      `the relay fee cap must be at most ${formatEther(MAX_FEE_CAP_WEI)} ETH per relay, got ${formatEther(wei)} ETH`,
    )
  }
  if (wei === undefined) {
    throw new InvalidSettingError(
      `the relay fee cap must be a whole number of wei from 1 to ${MAX_FEE_CAP_WEI} (1 ETH), got ${JSON.stringify(value) ?? 'nothing'}`,
    )
  }
  return wei.toString()
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
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch))
    throw new InvalidSettingError('settings must be an object')
  const next = { ...(await readSettings(storage)), ...check(patch) }
  await storage.set({ [KEY]: next })
  return next
}
