/**
 * What RelayApp says about the tracker itself rather than a message: a background error it reported (unless the
 * chain health banner already says it), the spinner while the first list loads, and a failed load with Retry — a
 * notice above the preview when one is on screen, the whole panel otherwise.
 */
import type { ChainConfig } from '../core/chains/types'
import type { ChainHealth } from './chainHealth'
import { ErrorNotice } from './ErrorNotice'
import { explainError } from './errorWords'
import type { TrackerLoadState } from './messageFeed'

export interface TrackerStatusProps {
  state: TrackerLoadState
  /** A preview is on screen: a failed load is a notice above it, and there is no spinner. */
  previewShown: boolean
  trackerError?: string
  onDismissTrackerError: () => void
  onRetry: () => void
  chains?: readonly ChainConfig[]
  chainHealth?: readonly ChainHealth[]
}

export function TrackerStatus(props: TrackerStatusProps) {
  const { state, previewShown, trackerError, chainHealth, onRetry } = props
  // A chain that is not answering is already in the banner; the notice is for the other background errors.
  const chainDown = chainHealth?.some((h) => h.state === 'unreachable' || h.state === 'wrongChain')
  return (
    <>
      {trackerError && !chainDown ? (
        <div className="scr-notice">
          <ErrorNotice
            error={explainError(trackerError, { chains: props.chains })}
            role="status"
            tone="warning"
          />
          <button
            type="button"
            className="scr-close"
            aria-label="Dismiss"
            onClick={props.onDismissTrackerError}
          >
            ×
          </button>
        </div>
      ) : null}

      {state.phase === 'loading' && !previewShown ? (
        <div className="scr-state" role="status">
          <div className="scr-spinner" aria-hidden="true" />
          <p>Loading messages…</p>
        </div>
      ) : null}

      {state.phase === 'error' && previewShown ? (
        <div className="scr-notice" role="alert">
          <ErrorNotice error={state.error} role="status" />
          <button type="button" className="scr-button scr-button-small" onClick={onRetry}>
            Retry
          </button>
        </div>
      ) : null}

      {state.phase === 'error' && !previewShown ? (
        <div className="scr-state" role="alert">
          <p className="scr-state-title">Could not load your messages</p>
          <ErrorNotice error={state.error} role="status" />
          <button type="button" className="scr-button" onClick={onRetry}>
            Retry
          </button>
        </div>
      ) : null}
    </>
  )
}
