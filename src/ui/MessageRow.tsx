/**
 * One message in the list: what it does, where it goes, how old it is, its status, and — when it is stuck in a way
 * the user can fix from here — the action: Relay when ready, Retry when our relay failed, Resend when it expired
 * (only resendMessage on the source chain revives it; the row says so even when no signer can do it here).
 * The summary is a button that expands the Timeline.
 */
import { useId } from 'react'
import type { Hex } from 'viem'

import type { ChainConfig } from '../core/chains/types'
import type { TrackedMessage } from '../core/model/message'
import { chainName, intentSummary, sentAt, timeAgo } from './format'
import type { ExplorerUrl } from './format'
import { StatusBadge } from './StatusBadge'
import { statusNote } from './statusText'
import { Timeline } from './Timeline'

export interface MessageRowProps {
  message: TrackedMessage
  chains: readonly ChainConfig[]
  /** ms since epoch. */
  now: number
  expanded: boolean
  onToggle: (hash: Hex) => void
  /** Absent when the shell offers no signer: then nothing here can relay, and no button pretends to. */
  onRelay?: (message: TrackedMessage) => void
  /** Absent like `onRelay` when there is no signer. */
  onResend?: (message: TrackedMessage) => void
  explorerUrl?: ExplorerUrl
}

const NOTE_TONES: Partial<Record<TrackedMessage['status'], string>> = {
  ready: 'accent',
  failed: 'danger',
  expired: 'warning',
  reorged: 'warning',
}

export function MessageRow({
  message,
  chains,
  now,
  expanded,
  onToggle,
  onRelay,
  onResend,
  explorerUrl,
}: MessageRowProps) {
  const timelineId = useId()
  const summary = intentSummary(message)
  const note = statusNote(message, chains)
  const route = `${chainName(chains, message.source)} → ${chainName(chains, message.destination)}`

  let action = null
  if (onRelay && message.status === 'ready') {
    action = (
      <button
        type="button"
        className="scr-button scr-button-primary scr-button-small"
        aria-label={`Relay ${summary}`}
        onClick={() => onRelay(message)}
      >
        Relay
      </button>
    )
  } else if (onRelay && message.status === 'failed') {
    action = (
      <button
        type="button"
        className="scr-button scr-button-danger scr-button-small"
        aria-label={`Retry relaying ${summary}`}
        onClick={() => onRelay(message)}
      >
        Retry
      </button>
    )
  } else if (onResend && message.status === 'expired') {
    action = (
      <button
        type="button"
        className="scr-button scr-button-small"
        aria-label={`Resend ${summary} on ${chainName(chains, message.source)}`}
        onClick={() => onResend(message)}
      >
        Resend
      </button>
    )
  }

  return (
    <>
      <div className="scr-row-main" data-hash={message.hash}>
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
            <StatusBadge status={message.status} />
          </span>
          <span className="scr-row-route">
            {route} · {timeAgo(sentAt(message), now)}
          </span>
          <span className="scr-row-note" data-tone={NOTE_TONES[message.status]} title={note}>
            {note}
          </span>
        </button>
        {action ? <div className="scr-row-action">{action}</div> : null}
      </div>
      {expanded ? (
        <Timeline id={timelineId} message={message} chains={chains} now={now} explorerUrl={explorerUrl} />
      ) : null}
    </>
  )
}
