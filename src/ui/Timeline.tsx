/**
 * The journey of one message: sent → included → ready → relayed → finalized. The step it has reached is
 * highlighted (in the danger colour when it is stuck there: failed, expired, reorged), and each step says what we
 * know: tx hashes linked to the explorer, how final each side is (source safety under "included", destination
 * safety under "relayed", docs/ARCHITECTURE.md §4), who relayed it.
 */
import type { ReactNode } from 'react'

import type { ChainConfig } from '../core/chains/types'
import { MESSAGE_EXPIRY_SECONDS } from '../core/protocol/addresses'
import type { MessageStatus, SafetyLevel, TrackedMessage } from '../core/model/message'
import { STEP_OF, STOPPED_STATUSES } from '../core/model/progress'
import { chainName, durationText, timeAgo, sentAt } from './format'
import type { ExplorerUrl } from './format'
import { HashLink } from './HashLink'

export const TIMELINE_STEPS = ['sent', 'included', 'ready', 'relayed', 'finalized'] as const
export type TimelineStep = (typeof TIMELINE_STEPS)[number]
export type StepState = 'done' | 'current' | 'problem' | 'upcoming'

const STEP_LABELS: Record<TimelineStep, string> = {
  sent: 'Sent',
  included: 'Included',
  ready: 'Ready',
  relayed: 'Relayed',
  finalized: 'Finalized',
}

/** The furthest step each status has reached: core's one table (docs/ARCHITECTURE.md §5), shared with the CLI. */
const REACHED: Readonly<Record<MessageStatus, TimelineStep>> = STEP_OF

const STUCK: readonly MessageStatus[] = STOPPED_STATUSES

/** Each step's state for a status: the reached step is current (or a problem), earlier ones done. */
export function stepStates(status: MessageStatus): Record<TimelineStep, StepState> {
  const reached = TIMELINE_STEPS.indexOf(REACHED[status])
  const states = {} as Record<TimelineStep, StepState>
  TIMELINE_STEPS.forEach((step, index) => {
    if (index < reached) states[step] = 'done'
    else if (index > reached) states[step] = 'upcoming'
    else states[step] = STUCK.includes(status) ? 'problem' : 'current'
  })
  return states
}

const SAFETY_LABELS: Record<SafetyLevel, string> = { unsafe: 'Unsafe', safe: 'Safe', finalized: 'Finalized' }
const SAFETY_HINTS: Record<SafetyLevel, string> = {
  unsafe: 'Only the sequencer has it: the block could still be reorganized',
  safe: 'Derived from data posted to L1',
  finalized: 'Final: its L1 data is finalized',
}

function Safety({ level }: { level: SafetyLevel | undefined }) {
  if (!level) return null
  return (
    <span className="scr-safety" data-safety={level} title={SAFETY_HINTS[level]}>
      {SAFETY_LABELS[level]}
    </span>
  )
}

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
  const source = chainName(chains, message.source)
  const destination = chainName(chains, message.destination)
  const { status, initiatingLog, relay, pendingRelay, failure } = message

  const tx = (hash: string, chainId: number) => (
    <HashLink value={hash} chainId={chainId} kind="tx" explorerUrl={explorerUrl} />
  )
  const account = (address: string, chainId: number) => (
    <HashLink value={address} chainId={chainId} kind="address" explorerUrl={explorerUrl} />
  )

  function readyDetail(): ReactNode {
    switch (status) {
      case 'initiated':
        return `Waiting until ${destination} can accept it`
      case 'ready':
        return `Anyone can relay it on ${destination}${expiryText()}`
      case 'relaying':
        return pendingRelay ? (
          <>
            Relay {tx(pendingRelay.transactionHash, message.destination)} submitted by{' '}
            {account(pendingRelay.relayer, message.destination)}
          </>
        ) : (
          'Relay submitted'
        )
      case 'failed':
        return (
          <>
            Relay failed: {failure?.reason ?? 'unknown reason'}
            {failure?.transactionHash ? <> ({tx(failure.transactionHash, message.destination)})</> : null}
            {expiryText()}
          </>
        )
      case 'expired':
        return `Expired: a message can be relayed for 7 days only. Resend it on ${source} (resendMessage) to emit it again, then relay it.`
      default:
        return null
    }
  }

  function expiryText(): string {
    if (!initiatingLog) return ''
    const expiresAt = Number(initiatingLog.timestamp + MESSAGE_EXPIRY_SECONDS) * 1000
    return expiresAt > now ? ` · expires in ${durationText((expiresAt - now) / 1000)}` : ''
  }

  const details: Record<TimelineStep, ReactNode> = {
    sent: (
      <>
        {tx(message.sourceTransactionHash, message.source)} on {source}
        {status === 'pending' ? ' — waiting to be mined' : null}
      </>
    ),
    included:
      status === 'reorged' ? (
        'The source block was reorganized; looking for the message again'
      ) : initiatingLog ? (
        <>
          Block {initiatingLog.blockNumber.toString()} on {source}, {timeAgo(sentAt(message), now)}
          <Safety level={message.sourceSafety} />
        </>
      ) : null,
    ready: readyDetail(),
    relayed: relay ? (
      <>
        {tx(relay.transactionHash, message.destination)}
        {relay.relayer ? <> by {account(relay.relayer, message.destination)}</> : null}
        <Safety level={message.destinationSafety} />
      </>
    ) : null,
    finalized:
      status === 'finalized'
        ? `Final on ${destination}`
        : status === 'relayed'
          ? "Waiting for the relay's block to be finalized"
          : null,
  }

  return (
    <ol className="scr-timeline" id={id} aria-label="Progress">
      {TIMELINE_STEPS.map((step) => {
        const state = states[step]
        return (
          <li
            key={step}
            className={`scr-step scr-step-${state}`}
            data-state={state}
            aria-current={state === 'current' || state === 'problem' ? 'step' : undefined}
          >
            <div className="scr-step-label">{STEP_LABELS[step]}</div>
            {details[step] ? <div className="scr-step-detail">{details[step]}</div> : null}
          </li>
        )
      })}
    </ol>
  )
}
