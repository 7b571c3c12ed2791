/**
 * The one action a row offers beside its status, when the user can fix the message from here: Relay when it needs
 * a relay, Retry when our relay failed, Resend when it expired (only resendMessage on the source chain revives it),
 * Remove… when it vanished and nothing else can be done. While one of its chains is not answering, Relay and
 * Resend are off and point at the row's note, which says why.
 */
import type { ReactElement } from 'react'

import type { ChainConfig } from '../core/chains/types'
import type { TrackedMessage } from '../core/model/message'
import { canResend, isRelayable } from '../core/model/progress'
import { chainName } from './format'

export interface MessageRowActionProps {
  message: TrackedMessage
  chains: readonly ChainConfig[]
  /** The row's summary ("10 MOCK to you"), which names the button for screen readers. */
  summary: string
  /** Why Relay/Resend are off now (a chain not answering), else undefined. */
  blocked: string | undefined
  /** The id of the row's note that says why the button is off. */
  noteId: string
  onRelay?: (message: TrackedMessage) => void
  onResend?: (message: TrackedMessage) => void
  onForget?: (message: TrackedMessage) => void
}

/** The button, or null when there is nothing to do from here (the row then has no action cell). */
export function messageRowAction(props: MessageRowActionProps): ReactElement | null {
  const { message, summary, blocked, onRelay, onResend, onForget } = props
  const describedBy = blocked ? props.noteId : undefined
  // core's rule: ready or failed, its live log known, and nobody (us included) relaying it already.
  if (onRelay && isRelayable(message)) {
    const retry = message.status === 'failed'
    return (
      <button
        type="button"
        className={`scr-button scr-button-small ${retry ? 'scr-button-danger' : 'scr-button-primary'}`}
        aria-label={`${retry ? 'Retry relaying' : 'Relay'} ${summary}`}
        aria-describedby={describedBy}
        title={blocked}
        disabled={!!blocked}
        onClick={() => onRelay(message)}
      >
        {retry ? 'Retry' : 'Relay'}
      </button>
    )
  }
  if (onResend && message.status === 'expired' && canResend(message)) {
    return (
      <button
        type="button"
        className="scr-button scr-button-small"
        aria-label={`Resend ${summary} on ${chainName(props.chains, message.source)}`}
        aria-describedby={describedBy}
        title={blocked}
        disabled={!!blocked}
        onClick={() => onResend(message)}
      >
        Resend
      </button>
    )
  }
  if (onForget && message.status === 'vanished') {
    return (
      <button
        type="button"
        className="scr-button scr-button-small"
        aria-label={`Remove ${summary} from the list…`}
        onClick={() => onForget(message)}
      >
        Remove…
      </button>
    )
  }
  return null
}
