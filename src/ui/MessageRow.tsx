/**
 * One message in the list: what it does from the user's side ("10 MOCK to you"), where it goes, how old it is, its
 * status in words that say what to do, and — when the user can fix it from here — the action beside it: Relay when
 * it needs a relay, Retry when our relay failed, Resend when it expired (only resendMessage on the source chain
 * revives it). When one of its chains is not answering, the status is the last known one, marked so, and Relay is
 * off until the chain answers. The summary is a button that expands the Timeline.
 */
import { useId } from 'react'
import type { Address, Hex } from 'viem'

import type { ChainConfig } from '../core/chains/types'
import type { TrackedMessage } from '../core/model/message'
import { messageRowAction } from './MessageRowAction'
import { RemoveMessageButton } from './RemoveMessage'
import { relayBlockedReason, staleNote, type ChainHealth } from './chainHealth'
import { chainName, intentSummary, sentAt, timeAgo } from './format'
import type { ExplorerUrl } from './format'
import { ErrorBoundary } from './ErrorBoundary'
import { StatusBadge } from './StatusBadge'
import { MessageRowError } from './UnreadableRecords'
import { statusNote, STATUS_TONES } from './statusText'
import { Timeline } from './Timeline'

export interface MessageRowProps {
  message: TrackedMessage
  chains: readonly ChainConfig[]
  /** The user's accounts: "to you" / "from 0x…" instead of a bare recipient. */
  accounts?: readonly Address[]
  /** ms since epoch. */
  now: number
  expanded: boolean
  onToggle: (hash: Hex) => void
  /** Absent when the shell offers no signer: then nothing here can relay, and no button pretends to. */
  onRelay?: (message: TrackedMessage) => void
  /** Absent like `onRelay` when there is no signer. */
  onResend?: (message: TrackedMessage) => void
  /**
   * Remove the message from the list (after a confirmation the app shows): beside the status of a vanished one —
   * nothing else can be done with it — and under the Timeline of any expanded row.
   */
  onForget?: (message: TrackedMessage) => void
  explorerUrl?: ExplorerUrl
  /** A chain of this message that is not answering: the status shown may be out of date. */
  stale?: ChainHealth
}

/** A row that fails to render becomes an error row (ErrorBoundary): one odd record never blanks the list. */
export function MessageRow(props: MessageRowProps) {
  return (
    <ErrorBoundary
      resetKey={props.message}
      fallback={(error) => <MessageRowError hash={props.message.hash} error={error} />}
    >
      <MessageRowContent {...props} />
    </ErrorBoundary>
  )
}

function MessageRowContent({
  message,
  chains,
  accounts,
  now,
  expanded,
  onToggle,
  onRelay,
  onResend,
  onForget,
  explorerUrl,
  stale,
}: MessageRowProps) {
  const timelineId = useId()
  const noteId = useId()
  const summary = intentSummary(message, accounts)
  const note = stale ? staleNote(stale, chains) : statusNote(message, chains)
  const route = `${chainName(chains, message.source)} → ${chainName(chains, message.destination)}`
  const blocked = stale ? relayBlockedReason(stale, chains) : undefined

  const action = messageRowAction({ message, chains, summary, blocked, noteId, onRelay, onResend, onForget })

  return (
    <>
      <div className="scr-row-main" data-hash={message.hash} data-stale={stale ? stale.chainId : undefined}>
        <button
          type="button"
          className="scr-row-summary"
          aria-expanded={expanded}
          aria-controls={expanded ? timelineId : undefined}
          onClick={() => onToggle(message.hash)}
        >
          <span className="scr-row-line">
            <span className="scr-row-intent" title={summary}>
              {summary}
            </span>
            <StatusBadge status={message.status} stale={!!stale} />
          </span>
          <span className="scr-row-route">
            {route} · {timeAgo(sentAt(message), now)}
          </span>
          <span
            className="scr-row-note"
            id={noteId}
            data-tone={stale ? 'stale' : STATUS_TONES[message.status]}
            title={note}
          >
            {note}
          </span>
        </button>
        {action ? <div className="scr-row-action">{action}</div> : null}
      </div>
      {expanded ? (
        <Timeline id={timelineId} message={message} chains={chains} now={now} explorerUrl={explorerUrl} />
      ) : null}
      {expanded && onForget && message.status !== 'vanished' ? (
        <RemoveMessageButton message={message} summary={summary} onRemove={onForget} />
      ) : null}
    </>
  )
}
