/**
 * The popup's first screen as the background stores it inside the snapshot (popupSnapshot.ts): src/ui's
 * `FirstScreen` — the tabs and first rows, already in words — and the footer's line. The popup's first-paint
 * script reads it before any other code has loaded, so this schema is all it checks; the snapshot as a whole is
 * checked with core's readers a moment later, and a snapshot that fails that is taken off the screen
 * (docs/ARCHITECTURE.md §3). Every value is shown as text, never as markup.
 */
import * as v from 'valibot'

import type { FirstScreen } from '../../src/ui'

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

/** The stored first screen, or undefined when there is none or it is not exactly what this build writes. */
export function readFirstScreenRecord(stored: unknown): FirstScreenRecord | undefined {
  const result = v.safeParse(firstScreenRecordSchema, stored)
  return result.success ? (result.output as FirstScreenRecord) : undefined
}
