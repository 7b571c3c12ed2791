/**
 * What RelayApp lists: the tracker's live list once it is in, and until then the preview a shell passed (the first
 * screen as last known, messagePreview.ts), which also stays, under the error, if the live list never comes.
 */
import { useMemo } from 'react'
import type { Address } from 'viem'

import type { ChainConfig } from '../core/chains/types'
import type { TrackedMessage } from '../core/model/message'
import type { ChainHealth } from './chainHealth'
import type { MessageTab } from './directions'
import type { TrackerLoadState } from './messageFeed'
import { previewCounts, previewMessages, type MessagePreview } from './messagePreview'

export interface ShownList {
  /** The tracker's state once it has answered with its list. */
  live?: Extract<TrackerLoadState, { phase: 'ready' }>
  /** The preview, while it stands in for the live list. */
  shownPreview?: MessagePreview
  messages?: readonly TrackedMessage[]
  chains?: readonly ChainConfig[]
  /** Per-chain health: a banner for each chain not answering, its messages marked stale, Relay off. */
  chainHealth?: readonly ChainHealth[]
  /** A preview's tabs were split against its own accounts; the live list against the shell's. */
  tabAccounts?: readonly Address[]
  /** A preview's tab counts (its rows are only the first of each tab). */
  counts?: Partial<Record<MessageTab, number>>
}

export function useShownList(
  state: TrackerLoadState,
  preview: MessagePreview | undefined,
  accounts: readonly Address[] | undefined,
): ShownList {
  const live = state.phase === 'ready' ? state : undefined
  const shownPreview = live ? undefined : preview
  const previewList = useMemo(() => (preview ? previewMessages(preview) : undefined), [preview])
  return {
    live,
    shownPreview,
    messages: live?.messages ?? (shownPreview ? previewList : undefined),
    chains: live?.chains ?? shownPreview?.chains,
    chainHealth: live?.health ?? shownPreview?.health,
    tabAccounts: shownPreview ? shownPreview.accounts : accounts,
    counts: shownPreview ? previewCounts(shownPreview) : undefined,
  }
}
