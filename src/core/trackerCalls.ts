/**
 * The names of `TrackerApi`'s calls (every method but `subscribe`) as a runtime list, so a shell that stands in front
 * of a tracker (the widget's session, which waits for the store to open) can forward them all without writing each
 * one out. The `satisfies` below fails to compile until a method added to `TrackerApi` is listed here.
 */
import type { TrackerApi } from './tracker/api'

/** A `TrackerApi` method that is a request with an answer (not the `subscribe` stream). */
export type TrackerCallName = Exclude<keyof TrackerApi, 'subscribe'>

const CALLS = {
  listMessages: true,
  getMessage: true,
  trackTransaction: true,
  listChains: true,
  prepareRelay: true,
  relay: true,
  resend: true,
  forgetMessage: true,
  clearChainHistory: true,
  chainHealth: true,
  unreadableMessages: true,
  chainReadiness: true,
  chainNotices: true,
  dismissChainNotice: true,
} as const satisfies Record<TrackerCallName, true>

export const TRACKER_CALL_NAMES = Object.keys(CALLS) as TrackerCallName[]
