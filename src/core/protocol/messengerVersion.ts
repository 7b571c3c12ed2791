/**
 * What a messenger's `version()` says the app may do (docs/ARCHITECTURE.md §4): 1.x has `resendMessage` and no
 * expiry beyond the 7-day relay window; the proposed 2.0.0 (optimism PR #23259) drops `resendMessage` and lets L1
 * mark a message expired once it went unrelayed for `EXPIRY_PERIOD` (8 days), after which `MessageExpired` is final.
 */
/** 2.0.0's `EXPIRY_PERIOD`, used when the contract does not answer it: the 7-day window plus a day. */
export const DEFAULT_EXPIRY_PERIOD_SECONDS = 8n * 24n * 3600n

export interface MessengerFeatures {
  /** What `version()` answered, e.g. "1.3.0". */
  version: string
  /**
   * 1: messenger 1.x — an expired message is revived with `resendMessage`. 2: messenger 2.x — no resend; once a
   * message went unrelayed for `expiryPeriodSeconds`, L1 may mark it expired on its source (`MessageExpired`).
   */
  generation: 1 | 2
  /** `resendMessage` exists. */
  resend: boolean
  /** `expireMessage` / `MessageExpired` / `expiredMessages` exist. */
  expireMessage: boolean
  /** 2.x: seconds a message must stay unrelayed before it may be marked expired. */
  expiryPeriodSeconds?: bigint
  /** A version this app was written for (0.x/1.x, 2.0.x). Others are treated as the newest known. */
  known: boolean
}

/** The features a messenger `version()` string implies. Pure. */
export function messengerFeatures(version: string, expiryPeriodSeconds?: bigint): MessengerFeatures {
  const major = /^v?(\d+)\.\d+\.\d+/.exec(version.trim())?.[1]
  const n = major === undefined ? undefined : Number(major)
  if (n !== undefined && n <= 1) {
    return { version, generation: 1, resend: true, expireMessage: false, known: true }
  }
  return {
    version,
    generation: 2,
    resend: false,
    expireMessage: true,
    expiryPeriodSeconds: expiryPeriodSeconds ?? DEFAULT_EXPIRY_PERIOD_SECONDS,
    known: n === 2 && /^v?2\.0\./.test(version.trim()),
  }
}
