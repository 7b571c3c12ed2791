/**
 * Opening the popup on one message (a notification click, the 'prompt' policy). `chrome.action.openPopup()` shows
 * the real popup, but it cannot carry a query string and fails when no browser window has focus (a notification
 * click often comes with none); then the popup page opens in a small window with `?focus=<hash>` instead. For the
 * real popup the hash waits in `chrome.storage.session` until the popup takes it (`takeFocus`).
 */
import type { Hex } from 'viem'

import type { ExtensionHost, StorageAreaLike } from './host'

const FOCUS_KEY = 'focusHash'

export async function openPopupOn(host: ExtensionHost, hash: Hex): Promise<void> {
  const session = host.storage.session
  if (host.action.openPopup) {
    await session.set({ [FOCUS_KEY]: hash })
    try {
      await host.action.openPopup()
      return
    } catch {
      // No focused window (or an older Chrome): fall back to a window, and do not leave the hash for the next
      // popup the user opens by hand.
      await session.remove(FOCUS_KEY)
    }
  }
  await host.windows.create({
    url: host.runtime.getURL(`popup.html?focus=${hash}`),
    type: 'popup',
    width: 400,
    height: 620,
    focused: true,
  })
}

/** The hash a notification asked the popup to show, consumed so a later popup opens normally. */
export async function takeFocus(session: StorageAreaLike): Promise<Hex | undefined> {
  const hash = (await session.get(FOCUS_KEY))[FOCUS_KEY]
  if (hash === undefined) return undefined
  await session.remove(FOCUS_KEY)
  return typeof hash === 'string' && /^0x[0-9a-fA-F]{64}$/.test(hash) ? (hash as Hex) : undefined
}
