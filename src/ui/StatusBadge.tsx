/** A small coloured pill with the message's status; the colour comes from its tone (statusText.ts). */
import type { MessageStatus } from '../core/model/message'
import { STATUS_LABELS, STATUS_TONES } from './statusText'

export interface StatusBadgeProps {
  status: MessageStatus
}

export function StatusBadge({ status }: StatusBadgeProps) {
  return (
    <span className={`scr-badge scr-tone-${STATUS_TONES[status]}`} data-status={status}>
      {STATUS_LABELS[status]}
    </span>
  )
}
