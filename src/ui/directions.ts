/**
 * Splitting messages into the tabs: Outgoing / Incoming relative to the watched accounts, or one "All" tab when the
 * shell watches no account (a widget before the wallet connects). Messages that involve none of the accounts — a
 * transaction someone pasted into "Track a transaction" — go to "Other", shown only when there are some, so a
 * tracked message never silently disappears from the UI.
 */
import type { Address } from 'viem'

import { directionFor, type TrackedMessage } from '../core/model/message'

export type MessageTab = 'all' | 'outgoing' | 'incoming' | 'other'

/** The order tabs are shown in (at most three of them are). */
export const TAB_ORDER: readonly MessageTab[] = ['all', 'outgoing', 'incoming', 'other']

export const TAB_LABELS: Record<MessageTab, string> = {
  all: 'All',
  outgoing: 'Outgoing',
  incoming: 'Incoming',
  other: 'Other',
}

/**
 * The tab a message belongs to. When several accounts are watched, outgoing for any of them wins: if you sent it,
 * it is yours to finish. A transfer to oneself on another chain is therefore outgoing.
 */
export function tabFor(message: TrackedMessage, accounts: readonly Address[] | undefined): MessageTab {
  if (!accounts || accounts.length === 0) return 'all'
  let incoming = false
  for (const account of accounts) {
    const direction = directionFor(message, account)
    if (direction === 'outgoing') return 'outgoing'
    if (direction === 'incoming') incoming = true
  }
  return incoming ? 'incoming' : 'other'
}

export type MessagesByTab = Partial<Record<MessageTab, TrackedMessage[]>>

/** The tabs to show, in order, each with its messages (order within a tab is kept). */
export function splitByTab(
  messages: readonly TrackedMessage[],
  accounts: readonly Address[] | undefined,
): { tabs: MessageTab[]; byTab: MessagesByTab } {
  if (!accounts || accounts.length === 0) return { tabs: ['all'], byTab: { all: [...messages] } }
  const byTab: Required<Pick<MessagesByTab, 'outgoing' | 'incoming' | 'other'>> = {
    outgoing: [],
    incoming: [],
    other: [],
  }
  for (const message of messages) {
    const tab = tabFor(message, accounts)
    if (tab !== 'all') byTab[tab].push(message)
  }
  const tabs: MessageTab[] =
    byTab.other.length > 0 ? ['outgoing', 'incoming', 'other'] : ['outgoing', 'incoming']
  return { tabs, byTab }
}
