/**
 * The popup's one storage read at open (the snapshot and the settings), started before anything else of the
 * first-paint script runs: firstPaint.ts imports this module first, and modules are evaluated in import order, so
 * the read is in flight while the rest of the script (the stylesheet, the schema) is still being evaluated.
 *
 * It talks to the extension API itself, not through webextension-polyfill: Firefox names it `browser`, Chrome
 * `chrome`, and in MV3 both return promises.
 */
import type { StorageValues } from './firstPaintHandoff'

/** The keys read at open: main.tsx reads the settings and the whole snapshot from the same answer. */
const OPEN_KEYS = ['popupSnapshot', 'settings']

interface ExtensionGlobals {
  browser?: { storage: { local: { get(keys: string[]): Promise<StorageValues> } } }
  chrome?: ExtensionGlobals['browser']
}

function readOpenKeys(): Promise<StorageValues> {
  try {
    const { browser, chrome } = globalThis as ExtensionGlobals
    return (browser ?? chrome)!.storage.local.get(OPEN_KEYS).catch(() => ({}))
  } catch {
    return Promise.resolve({})
  }
}

// The marks let a profile (and the bench) split the wait in two: the script starting, the read answered.
performance.mark('scr-first-paint-start')

/** What storage held when the popup opened (empty when the read failed: the popup then starts as on a first run). */
export const opened: Promise<StorageValues> = readOpenKeys().finally(() =>
  performance.mark('scr-first-paint-read'),
)
