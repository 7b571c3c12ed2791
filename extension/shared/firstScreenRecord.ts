/**
 * The popup's first screen as the background stores it, under a storage key of its own beside the snapshot
 * (popupSnapshot.ts; both are written in one `storage.set`, so they always describe the same state): src/ui's
 * `FirstScreen` — the tabs and first rows, already in words — and the footer's line. The popup's first-paint
 * script reads only this key before any other code has loaded — a ~2.5 KB value reads back faster than the ~22 KB
 * snapshot — so this schema is all it checks; React reads the snapshot and checks it whole with core's readers a
 * moment later (docs/ARCHITECTURE.md §3). Every value is shown as text, never as markup.
 */
import * as v from 'valibot'

import type { FirstScreen } from '../../src/ui'

export const POPUP_FIRST_SCREEN_KEY = 'popupFirstScreen'
/**
 * The version of both popup keys (this one and popupSnapshot.ts's). Bump when either stored shape changes: an
 * older value is then not read (the background rewrites both on start).
 */
export const POPUP_SNAPSHOT_VERSION = 4

const text = v.pipe(v.string(), v.maxLength(500))
const millis = v.pipe(v.number(), v.safeInteger(), v.minValue(0))
const tab = v.picklist(['all', 'outgoing', 'incoming', 'other'])

const row = v.strictObject({
  hash: v.pipe(v.string(), v.regex(/^0x[0-9a-fA-F]{64}$/)),
  status: v.pipe(v.string(), v.regex(/^[a-zA-Z]{1,40}$/)),
  label: text,
  tone: v.picklist(['action', 'danger', 'success', 'progress']),
  summary: text,
  route: text,
  sentAt: millis,
  note: text,
})

export const firstScreenRecordSchema = v.strictObject({
  asOf: millis,
  tabs: v.pipe(
    v.array(v.strictObject({ tab, label: text, count: v.pipe(v.number(), v.safeInteger(), v.minValue(0)) })),
    v.minLength(1),
    v.maxLength(4),
  ),
  selected: tab,
  rows: v.pipe(v.array(row), v.minLength(1), v.maxLength(40)),
  /** The popup footer's line ("Watching 0xf39F…2266"). */
  footer: text,
})

export type FirstScreenRecord = FirstScreen & { footer: string }

/**
 * What is stored under `POPUP_FIRST_SCREEN_KEY`. `screen` is absent when RelayApp must draw the first screen (no
 * message, a chain not answering): the key is still written then, so a first screen that is no longer true (a
 * message removed, history cleared) never stays behind to be painted.
 */
export interface StoredFirstScreen {
  version: number
  screen?: FirstScreenRecord
}

const storedFirstScreenSchema = v.strictObject({
  version: v.literal(POPUP_SNAPSHOT_VERSION),
  screen: v.optional(firstScreenRecordSchema),
})

/** The value to store for `screen` (undefined: no first screen to paint). */
export function encodeFirstScreen(screen: FirstScreenRecord | undefined): StoredFirstScreen {
  return { version: POPUP_SNAPSHOT_VERSION, ...(screen ? { screen } : {}) }
}

/**
 * The stored first screen, or undefined when there is none, it comes from another version, or it is not exactly
 * what this build writes.
 */
export function readFirstScreenRecord(stored: unknown): FirstScreenRecord | undefined {
  const result = v.safeParse(storedFirstScreenSchema, stored)
  return result.success ? (result.output.screen as FirstScreenRecord | undefined) : undefined
}
