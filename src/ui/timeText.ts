/**
 * Ages, countdowns and clock times in words. Pure, and importing nothing: the popup's first-paint script
 * (firstScreenMarkup.ts) uses them before the rest of the UI's code has loaded. format.ts re-exports them.
 */

/**
 * "6 days", "3 h", "12 min", "40 s": the coarsest unit that is at least 1. Ages round down (a transfer sent 119 s
 * ago was not sent "2 min ago"); countdowns round to the nearest unit, so a fresh transfer's 7-day expiry, a few
 * seconds short, still reads "7 days".
 */
export function durationText(seconds: number, rounding: 'down' | 'nearest' = 'down'): string {
  const round = rounding === 'down' ? Math.floor : Math.round
  const s = Math.max(0, seconds)
  if (s < 60) return `${Math.floor(s)} s`
  if (s < 3600) return `${round(s / 60)} min`
  if (s < 86_400) return `${round(s / 3600)} h`
  const days = round(s / 86_400)
  return days === 1 ? '1 day' : `${days} days`
}

/**
 * "expires in 7 days", then in hours below two days (where "1 day" would hide that it is almost 2), then minutes.
 * Empty once expired: the status says that.
 */
export function expiresInText(expiresAtMs: number, nowMs: number): string {
  const seconds = (expiresAtMs - nowMs) / 1000
  if (seconds <= 0) return ''
  if (seconds >= 2 * 86_400) return `expires in ${durationText(seconds, 'nearest')}`
  if (seconds >= 2 * 3600) return `expires in ${Math.round(seconds / 3600)} h`
  return `expires in ${Math.max(1, Math.ceil(seconds / 60))} min`
}

/**
 * "3 min ago". A time slightly in the future (the source chain's clock runs ahead of ours) reads "just now" rather
 * than a negative age.
 */
export function timeAgo(timestampMs: number, nowMs: number): string {
  const seconds = (nowMs - timestampMs) / 1000
  if (seconds < 10) return 'just now'
  return `${durationText(seconds)} ago`
}

/**
 * How often ages must be redrawn to stay right: every second while one of them counts seconds, every half minute
 * otherwise (minutes are enough).
 */
export function clockTickMs(timestampsMs: readonly number[], nowMs: number): number {
  return timestampsMs.some((t) => nowMs - t < 60_000) ? 1_000 : 30_000
}

/** "06:44": a local clock time for "status from 06:44" (the date is implied: health is about the last minutes). */
export function clockTime(ms: number): string {
  const date = new Date(ms)
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`
}
