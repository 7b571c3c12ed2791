/**
 * The journey of one message, core's five steps (statusText.ts names them). The step it has reached is highlighted
 * and named like the row's badge; a stuck message shows the problem there. Each step says what we know: tx hashes
 * (copyable, linked to an explorer when the chain has one), how final each side is (docs/ARCHITECTURE.md §4), who
 * relayed it, when it expires.
 */
import type { ChainConfig } from '../core/chains/types'
import type { TrackedMessage } from '../core/model/message'
import type { ExplorerUrl } from './format'
import { STATUS_TONES, stepLabel, stepStates, TIMELINE_STEPS } from './statusText'
import { stepDetails } from './timelineDetails'

export interface TimelineProps {
  message: TrackedMessage
  chains: readonly ChainConfig[]
  /** ms since epoch; passed in so every row agrees on "now" and tests are deterministic. */
  now: number
  explorerUrl?: ExplorerUrl
  id?: string
}

export function Timeline({ message, chains, now, explorerUrl, id }: TimelineProps) {
  const states = stepStates(message.status)
  const { status } = message
  const details = stepDetails(message, chains, now, explorerUrl)

  return (
    <ol className="scr-timeline" id={id} aria-label="Progress">
      {TIMELINE_STEPS.map((step) => {
        const state = states[step]
        return (
          <li
            key={step}
            className={`scr-step scr-step-${state}`}
            data-state={state}
            data-step={step}
            data-tone={state === 'problem' ? STATUS_TONES[status] : undefined}
            aria-current={state === 'current' || state === 'problem' ? 'step' : undefined}
          >
            <div className="scr-step-label">{stepLabel(step, state, status)}</div>
            {details[step] ? <div className="scr-step-detail">{details[step]}</div> : null}
          </li>
        )
      })}
    </ol>
  )
}
