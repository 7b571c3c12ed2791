/**
 * The popup: the shared RelayApp over the background tracker, loaded by firstPaint.ts once the first screen is on
 * the page, which then calls `startPopup`. It reads the theme the first paint read and the snapshot of the first
 * screen the background keeps in storage (read while this code loaded), checked whole with core's readers
 * (docs/ARCHITECTURE.md §3) — and React replaces
 * the first paint in one synchronous commit, taking over focus, scroll and a click made meanwhile; the live list
 * replaces the snapshot as soon as the background answers. `?focus=<hash>` (a notification opened this page in a
 * window) or the hash the background kept for the real popup opens it on one message.
 */
import { flushSync } from 'react-dom'
import { createRoot } from 'react-dom/client'
import type { Hex } from 'viem'

import { DEFAULT_SETTINGS, readSettings } from '../background/settings'
import type { StorageAreaLike } from '../background/host'
import type { ExtensionSettings } from '../messaging/protocol'
import { readPopupSnapshot } from '../shared/popupSnapshot'
import { applyTheme } from '../shared/theme'
import type { FirstPaintHandoff, FirstPaintState } from './firstPaintHandoff'
import { PopupApp } from './PopupApp'

const param = new URLSearchParams(location.search).get('focus')
const focusHash = param && /^0x[0-9a-fA-F]{64}$/.test(param) ? (param as Hex) : undefined

/** The values read at open, as the storage area the readers take (they only read). */
function readOnly(values: Record<string, unknown>): StorageAreaLike {
  return {
    get: async (keys) => Object.fromEntries([keys].flat().map((key) => [key, values[key]])),
    set: () => Promise.reject(new Error('read-only')),
    remove: () => Promise.reject(new Error('read-only')),
  }
}

/** React's tree where the first paint was: the same element focused, scrolled the same, a click made meanwhile done. */
function takeOver(root: HTMLElement, state: FirstPaintState): void {
  const list = root.querySelector('.scr-list')
  if (list && state.scrollTop > 0) list.scrollTop = state.scrollTop
  if (state.focus) root.querySelector<HTMLElement>(state.focus)?.focus()
  if (state.click) root.querySelector<HTMLElement>(state.click)?.click()
}

// Neither read may keep the popup from opening: without them it starts as it would on a first run.
const settled = <T,>(read: Promise<T>, fallback: T) => read.catch(() => fallback)

/** React's popup over the values the first paint read, replacing the first paint in one commit. */
export async function startPopup({ opened, snapshot, leave }: FirstPaintHandoff): Promise<void> {
  const local = readOnly({ ...(await opened), ...(await snapshot) })
  const [settings, preview] = await Promise.all([
    settled<ExtensionSettings>(readSettings(local), DEFAULT_SETTINGS),
    settled(
      readPopupSnapshot(local, (error) => console.warn('ignoring the stored popup snapshot:', error)),
      undefined,
    ),
  ])
  applyTheme(settings.theme)
  const root = document.getElementById('root')
  if (!root) return
  const firstPaint = leave()
  // One commit replaces the first paint (React empties its container first), so no frame shows neither.
  flushSync(() =>
    createRoot(root).render(<PopupApp focusHash={focusHash} settings={settings} preview={preview} />),
  )
  takeOver(root, firstPaint)
}
