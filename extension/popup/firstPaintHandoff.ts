/**
 * What the popup's first-paint script (firstPaint.ts) hands to the React popup (main.tsx) when it loads it. The
 * two are separate bundles — the first paint is a classic script of its own, so nothing shared has to load before
 * the first rows — so they meet here, in types only: the first paint calls main.tsx's `startPopup` with these.
 */

/** What storage held when the popup opened (empty when the read failed: the popup then starts as on a first run). */
export type StorageValues = Record<string, unknown>

/** Where the user was on the first paint, for React's tree to take over. */
export interface FirstPaintState {
  focus?: string
  click?: string
  scrollTop: number
}

export interface FirstPaintHandoff {
  /** The storage read made at open (`popupFirstScreen` and `settings`), which main.tsx reads the settings from. */
  opened: Promise<StorageValues>
  /** The read of the whole snapshot (`popupSnapshot`), started as React's code began to load. */
  snapshot: Promise<StorageValues>
  /** Takes the first paint's own stylesheet away and stops it listening; where the user was on it. */
  leave(): FirstPaintState
}
