/**
 * RelayApp's header: the title, the "as of" time while a preview stands in for the live list, and the button that
 * opens the Track-a-transaction form (off until the live list is in: the form works on live chains only) — and
 * that form, loaded when first opened so the first screen does not wait for it to parse.
 */
import { lazy, Suspense } from 'react'

import type { ChainConfig } from '../core/chains/types'
import type { TrackedMessage } from '../core/model/message'
import type { TrackerApi } from '../core/tracker/api'
import { clockTime } from './format'

const TrackTransactionForm = lazy(() =>
  import('./TrackTransactionForm').then((m) => ({ default: m.TrackTransactionForm })),
)

export interface RelayAppHeaderProps {
  title: string
  /** When the preview on screen was the tracker's state; absent once the live list is in. */
  previewAsOf?: number
  /** Whether the form can be offered at all (chains are known); `canTrack` says whether it can open now. */
  showTrack: boolean
  canTrack: boolean
  formOpen: boolean
  formId: string
  onToggleForm: () => void
}

export function RelayAppHeader(props: RelayAppHeaderProps) {
  const { previewAsOf, formOpen } = props
  return (
    <header className="scr-header">
      <h2 className="scr-title">{props.title}</h2>
      {/* Fades in only after 0.4 s (styles.ts): a tracker that answers at once replaces the preview unmarked. */}
      {previewAsOf !== undefined ? (
        <span
          className="scr-as-of"
          role="status"
          title="Saved when the tracker last looked; live data replaces it as soon as the tracker answers."
        >
          as of {clockTime(previewAsOf)}
        </span>
      ) : null}
      {props.showTrack ? (
        <button
          type="button"
          className="scr-button scr-button-small"
          aria-expanded={formOpen}
          aria-controls={formOpen ? props.formId : undefined}
          disabled={!props.canTrack}
          onClick={props.onToggleForm}
        >
          {formOpen ? 'Close' : 'Track a transaction'}
        </button>
      ) : null}
    </header>
  )
}

/** The open form, under the header; `id` is what the header's button controls. */
export function TrackTransactionPanel(props: {
  id: string
  api: TrackerApi
  chains: readonly ChainConfig[]
  onTracked: (found: TrackedMessage[]) => void
}) {
  return (
    <div id={props.id}>
      <Suspense fallback={null}>
        <TrackTransactionForm api={props.api} chains={props.chains} onTracked={props.onTracked} />
      </Suspense>
    </div>
  )
}
