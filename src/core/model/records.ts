/** Small record helpers the status rules share. */
import type { TrackedMessage } from './message'

/** A copy without the given optional fields (absent, not `undefined`, so stored records stay tidy). */
export function without<K extends keyof TrackedMessage>(
  message: TrackedMessage,
  ...keys: K[]
): TrackedMessage {
  const copy = { ...message }
  for (const key of keys) delete copy[key]
  return copy
}
