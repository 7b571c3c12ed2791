/**
 * The first screen of a preview (messagePreview.ts) already in words: the tabs with their counts and the first
 * rows of the tab RelayApp opens on, each worded by the helpers MessageRow uses. A shell keeps it beside the
 * preview so it can paint those rows before any of the UI's code has loaded — the extension's popup does, from
 * `storage.local`, in a script a few kB long (docs/ARCHITECTURE.md §3) — and RelayApp then takes the same rows
 * over from the preview. firstScreenMarkup.ts lays it out as RelayApp does.
 *
 * Only a plain screen is described: when RelayApp would show more than tabs and rows (a chain health banner, a
 * stale row, no message at all) there is no first screen, and the shell waits for RelayApp.
 */
import type { Hex } from 'viem'

import type { MessageStatus } from '../core/model/message'
import { stalenessOf, troubledChains } from './chainHealth'
import { splitByTab, TAB_LABELS, TAB_ORDER, type MessageTab } from './directions'
import { chainName, intentSummary, sentAt } from './format'
import type { MessagePreview } from './messagePreview'
import { previewMessages } from './messagePreview'
import { STATUS_LABELS, STATUS_TONES, statusNote, type StatusTone } from './statusText'

/**
 * Rows described: the popup's 560 px shows seven 72 px rows under its header and tabs; RelayApp renders the rest
 * of its window (a few rows below the fold) when it takes over.
 */
export const FIRST_SCREEN_ROWS = 8

export interface FirstScreenRow {
  hash: Hex
  status: MessageStatus
  /** The badge: STATUS_LABELS / STATUS_TONES. */
  label: string
  tone: StatusTone
  /** "10 MOCK to you". */
  summary: string
  /** "OP A → OP B"; the age after it is computed when painted, from `sentAt`. */
  route: string
  /** ms since epoch. */
  sentAt: number
  note: string
}

export interface FirstScreen {
  /** When the preview was the tracker's state: the header's "as of". */
  asOf: number
  tabs: { tab: MessageTab; label: string; count: number }[]
  /** The tab RelayApp opens on (the first). */
  selected: MessageTab
  rows: FirstScreenRow[]
}

export function buildFirstScreen(
  preview: MessagePreview,
  rowCount = FIRST_SCREEN_ROWS,
): FirstScreen | undefined {
  const { chains, health, accounts } = preview
  if (troubledChains(health).length > 0) return undefined
  const tabs = TAB_ORDER.filter((tab) => preview.tabs[tab] !== undefined).map((tab) => ({
    tab,
    label: TAB_LABELS[tab],
    count: preview.tabs[tab]?.count ?? 0,
  }))
  const selected = tabs[0]
  if (!selected || selected.count === 0) return undefined
  // The rows exactly as RelayApp lists the preview: every preview message, split again against its accounts.
  const shown = (splitByTab(previewMessages(preview), accounts).byTab[selected.tab] ?? []).slice(0, rowCount)
  if (shown.some((message) => stalenessOf(message, health))) return undefined
  return {
    asOf: preview.asOf,
    tabs,
    selected: selected.tab,
    rows: shown.map((message) => ({
      hash: message.hash,
      status: message.status,
      label: STATUS_LABELS[message.status],
      tone: STATUS_TONES[message.status],
      summary: intentSummary(message, accounts),
      route: `${chainName(chains, message.source)} → ${chainName(chains, message.destination)}`,
      sentAt: sentAt(message),
      note: statusNote(message, chains),
    })),
  }
}
