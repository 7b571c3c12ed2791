/** A small coloured pill with the message's status; words and colour come from statusText.ts. */
import type { MessageStatus } from '../core/model/message'
import { STATUS_LABELS, STATUS_TONES } from './statusText'

export interface StatusBadgeProps {
  status: MessageStatus
  /** The status is the last one known: a chain it depends on is not answering. */
  stale?: boolean
}

export function StatusBadge({ status, stale = false }: StatusBadgeProps) {
  return (
    <span
      className={`scr-badge scr-tone-${STATUS_TONES[status]}${stale ? ' scr-badge-stale' : ''}`}
      data-status={status}
      data-stale={stale || undefined}
    >
      {STATUS_LABELS[status]}
      {stale ? <span className="scr-sr-only"> (may be out of date)</span> : null}
    </span>
  )
}
