/**
 * The first screen of the list, ahead of the tracker: what a shell that can read it faster than it can reach the
 * tracker (the extension's popup, before its background is awake) paints at once. RelayApp shows a preview until
 * the tracker's own list arrives, then the live list replaces it.
 *
 * It is built with the same order (messageUpdates.ts) and the same tab split (directions.ts) as the live list, so
 * the rows a user sees first are the rows the live list puts there: a preview never shows another order. It holds
 * the first rows of each tab and how many the tab has — enough for the first screen however many messages there
 * are, so its size is bounded (PREVIEW_ROWS_PER_TAB rows per tab, at most three tabs). Messages are kept whole:
 * a shell that stores a preview reads it back with core's own message reader, which checks each against its hash.
 */
import type { Address } from 'viem'

import type { ChainConfig } from '../core/chains/types'
import type { TrackedMessage } from '../core/model/message'
import type { ChainHealth } from './chainHealth'
import { splitByTab, type MessageTab } from './directions'
import { compareNewestFirst, sortMessages } from './messageUpdates'

/**
 * Rows kept per tab: a 560 px list shows seven 72 px rows, and the windowed list renders four more on each side.
 * Twenty covers that with room to spare without growing with the history.
 */
export const PREVIEW_ROWS_PER_TAB = 20

export interface MessagePreview {
  /** When this was the tracker's state (ms since epoch): the "as of" the UI shows while it is on screen. */
  asOf: number
  /** The accounts the tabs were split against. */
  accounts: Address[]
  chains: ChainConfig[]
  health: ChainHealth[]
  /** Per tab shown: how many messages it holds, and its first rows in display order. */
  tabs: Partial<Record<MessageTab, { count: number; messages: TrackedMessage[] }>>
}

export function buildMessagePreview(input: {
  messages: readonly TrackedMessage[]
  accounts: readonly Address[]
  chains: readonly ChainConfig[]
  health: readonly ChainHealth[]
  asOf: number
  rowsPerTab?: number
}): MessagePreview {
  const rows = input.rowsPerTab ?? PREVIEW_ROWS_PER_TAB
  const accounts = [...input.accounts]
  const { tabs, byTab } = splitByTab(sortMessages(input.messages), accounts)
  const previewTabs: MessagePreview['tabs'] = {}
  for (const tab of tabs) {
    const list = byTab[tab] ?? []
    previewTabs[tab] = { count: list.length, messages: list.slice(0, rows) }
  }
  return {
    asOf: input.asOf,
    accounts,
    chains: [...input.chains],
    health: [...input.health],
    tabs: previewTabs,
  }
}

/** Every message of a preview, in display order (each tab's rows keep their order under the same split). */
export function previewMessages(preview: MessagePreview): TrackedMessage[] {
  const all = Object.values(preview.tabs).flatMap((tab) => tab?.messages ?? [])
  return all.sort(compareNewestFirst)
}

/** How many messages each tab of a preview holds. */
export function previewCounts(preview: MessagePreview): Partial<Record<MessageTab, number>> {
  const counts: Partial<Record<MessageTab, number>> = {}
  for (const [tab, value] of Object.entries(preview.tabs)) counts[tab as MessageTab] = value?.count ?? 0
  return counts
}
