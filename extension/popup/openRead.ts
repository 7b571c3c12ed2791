/**
 * The popup's storage read at open (the first screen and the settings), started before anything else of the
 * first-paint script runs: firstPaint.ts imports this module first, and modules are evaluated in import order, so
 * the read is in flight while the rest of the script (the stylesheet, the schema) is still being evaluated. It
 * reads the small first-screen key only; the whole snapshot, which React needs, is read once the rows are drawn
 * (`readSnapshot`), while React's code loads.
 *
 * It talks to the extension API itself, not through webextension-polyfill: Firefox names it `browser`, Chrome
 * `chrome`, and in MV3 both return promises.
 */
import type { StorageValues } from './firstPaintHandoff'

/** The keys read at open (shared/firstScreenRecord.ts's key, and the settings for the theme). */
const OPEN_KEYS = ['popupFirstScreen', 'settings']
/** The key React reads besides (shared/popupSnapshot.ts's). */
const SNAPSHOT_KEYS = ['popupSnapshot']

interface ExtensionGlobals {
  browser?: { storage: { local: { get(keys: string[]): Promise<StorageValues> } } }
  chrome?: ExtensionGlobals['browser']
}

function readKeys(keys: string[]): Promise<StorageValues> {
  try {
    const { browser, chrome } = globalThis as ExtensionGlobals
    return (browser ?? chrome)!.storage.local.get(keys).catch(() => ({}))
  } catch {
    return Promise.resolve({})
  }
}

// The marks let a profile (and the bench) split the wait in two: the script starting, the read answered.
performance.mark('scr-first-paint-start')

/** What storage held when the popup opened (empty when the read failed: the popup then starts as on a first run). */
export const opened: Promise<StorageValues> = readKeys(OPEN_KEYS).finally(() =>
  performance.mark('scr-first-paint-read'),
)

/** The whole snapshot, for React (empty when the read failed: React then waits for the live list). */
export const readSnapshot = (): Promise<StorageValues> => readKeys(SNAPSHOT_KEYS)
