/**
 * The relay account's unlocked key and its auto-lock clock (relayAccount.ts). The key is held in this worker's
 * memory and in `chrome.storage.session`, which lives in memory until the browser closes and is readable only by
 * the extension's own contexts: a worker restart (every 30 s idle) must not ask for the password again. The time of
 * last use is stored beside it, so the auto-lock survives restarts too.
 *
 * An expired key is dropped on read, before anyone can use it, whether or not any timer ran while the worker slept.
 */
import type { Hex } from 'viem'

import type { StorageAreaLike } from './host'

const SESSION_KEY = 'relayAccountKey'
/** When the unlocked key was last used (ms since epoch): the auto-lock's clock, surviving worker restarts. */
const LAST_USE_KEY = 'relayAccountLastUse'

export interface UnlockedKey {
  /** The unlocked key, or `undefined` when locked or idle past the auto-lock time (then dropped here). */
  read(): Promise<Hex | undefined>
  /** When an unlocked key locks by itself, if it stays unused. */
  locksAt(): Promise<number>
  /** Restart the auto-lock clock: the key was just used. */
  touch(): Promise<void>
  /** Hold a freshly unlocked key, or drop it (`undefined`). */
  hold(privateKey: Hex | undefined): Promise<void>
}

export function createUnlockedKey(options: {
  session: StorageAreaLike
  now: () => number
  autoLockMs: () => Promise<number>
}): UnlockedKey {
  const { session, now, autoLockMs } = options
  // Memory copy; `chrome.storage.session` is the copy that survives a worker restart.
  let unlockedKey: Hex | undefined
  let lastUse = 0
  let restored = false

  async function touch(): Promise<void> {
    lastUse = now()
    await session.set({ [LAST_USE_KEY]: lastUse })
  }

  async function hold(privateKey: Hex | undefined): Promise<void> {
    unlockedKey = privateKey
    restored = true
    if (privateKey) {
      await session.set({ [SESSION_KEY]: privateKey })
      await touch()
    } else await session.remove([SESSION_KEY, LAST_USE_KEY])
  }

  async function read(): Promise<Hex | undefined> {
    if (!restored) {
      restored = true
      const stored = await session.get([SESSION_KEY, LAST_USE_KEY])
      const k = stored[SESSION_KEY]
      if (typeof k === 'string' && /^0x[0-9a-fA-F]{64}$/.test(k)) unlockedKey ??= k as Hex
      // A key with no usable clock is treated as idle since forever.
      lastUse = typeof stored[LAST_USE_KEY] === 'number' ? stored[LAST_USE_KEY] : 0
    }
    if (unlockedKey && now() - lastUse >= (await autoLockMs())) await hold(undefined)
    return unlockedKey
  }

  return { read, touch, hold, locksAt: async () => lastUse + (await autoLockMs()) }
}
