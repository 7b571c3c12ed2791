/**
 * The popup: the shared RelayApp over the background tracker. It paints at once from what it can read itself —
 * the theme and the first screen of messages the background keeps in storage (docs/ARCHITECTURE.md §3) — and the
 * live list replaces that as soon as the background answers. `?focus=<hash>` (a notification opened this page in
 * a window) or the hash the background kept for the real popup opens it on one message.
 */
import { createRoot } from 'react-dom/client'
import type { Hex } from 'viem'
import browser from 'webextension-polyfill'

import { DEFAULT_SETTINGS, readSettings } from '../background/settings'
import type { ExtensionSettings } from '../messaging/protocol'
import { readPopupSnapshot } from '../shared/popupSnapshot'
import { applyTheme } from '../shared/theme'
import { PopupApp } from './PopupApp'

const param = new URLSearchParams(location.search).get('focus')
const focusHash = param && /^0x[0-9a-fA-F]{64}$/.test(param) ? (param as Hex) : undefined

// Neither read may keep the popup from opening: without them it starts as it would on a first run.
const settled = <T,>(read: Promise<T>, fallback: T) => read.catch(() => fallback)
const local = browser.storage.local
void Promise.all([
  settled<ExtensionSettings>(readSettings(local), DEFAULT_SETTINGS),
  settled(
    readPopupSnapshot(local, (error) => console.warn('ignoring the stored popup snapshot:', error)),
    undefined,
  ),
]).then(([settings, preview]) => {
  applyTheme(settings.theme)
  const root = document.getElementById('root')
  if (root) createRoot(root).render(<PopupApp focusHash={focusHash} settings={settings} preview={preview} />)
})
