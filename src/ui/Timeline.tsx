/**
 * The journey of one message, core's five steps (statusText.ts names them). The step it has reached is highlighted
 * and named like the row's badge; a stuck message shows the problem there. Each step says what we know: tx hashes
 * (copyable, linked to an explorer when the chain has one), how final each side is (docs/ARCHITECTURE.md §4), who
 * relayed it, when it expires.
 */
import type { ReactNode } from 'react'

import type { ChainConfig } from '../core/chains/types'
import { describeLocationChange } from '../core/model/location'
import { MESSAGE_EXPIRY_SECONDS } from '../core/protocol/addresses'
import type { SafetyLevel, TrackedMessage } from '../core/model/message'
import { chainName, expiresInText, sentAt, timeAgo } from './format'
import type { ExplorerUrl } from './format'
import { HashLink } from './HashLink'
import { STATUS_TONES, stepLabel, stepStates, TIMELINE_STEPS, type TimelineStep } from './statusText'

/**
 * How final a block is, in words. A fresh block is "not final yet" — normal, and nothing to act on, so it gets no
 * warning colour; "final" is the one worth a check mark.
 */
const SAFETY_LABELS: Record<SafetyLevel, string> = {
  unsafe: 'not final yet',
  safe: 'safe',
  finalized: 'final ✓',
}
const SAFETY_HINTS: Record<SafetyLevel, string> = {
  unsafe: 'Only the sequencer has this block so far; it becomes safe once its data is posted to L1',
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
  const moved =
    describeLocationChange(message, (id) => chainName(chains, id)) ??
    (status === 'reorged' ? `${source} reorganized its blocks: looking for it again.` : undefined)
  const expiry = initiatingLog
    ? expiresInText(Number(initiatingLog.timestamp + MESSAGE_EXPIRY_SECONDS) * 1000, now)
    : ''

  function readyDetail(): ReactNode {
    switch (status) {
      case 'initiated':
        return `${destination} can accept it in a moment`
      case 'ready':
        return `Anyone can relay it on ${destination}${expiry ? ` · ${expiry}` : ''}`
      case 'relaying':
        return pendingRelay ? (
          <>
            Relay {tx(pendingRelay.transactionHash, message.destination)} sent by{' '}
            {account(pendingRelay.relayer, message.destination)}
          </>
        ) : (
          'Relay sent'
        )
      case 'failed':
        return (
          <>
            {failure?.reason ?? 'No reason given'}
            {failure?.transactionHash ? <> ({tx(failure.transactionHash, message.destination)})</> : null}
            {expiry ? ` · ${expiry}` : null}
          </>
        )
      case 'expired':
        return `A message can be relayed for 7 days only. Resend it on ${source} to emit it again, then relay it.`
      default:
        return null
    }
  }

  const details: Record<TimelineStep, ReactNode> = {
    sent: (
      <>
        {tx(message.sourceTransactionHash, message.source)} on {source}
        {status === 'pending' ? ' — waiting to be mined' : null}
      </>
    ),
    // Where the message is now, and — when it moved or vanished without the user doing anything — why.
    included:
      initiatingLog || moved ? (
        <>
          {initiatingLog ? (
            <>
              Block {initiatingLog.blockNumber.toString()} on {source}, {timeAgo(sentAt(message), now)}
              <Safety level={message.sourceSafety} />
            </>
          ) : null}
          {moved ? <div className="scr-step-note">{moved}</div> : null}
        </>
      ) : null,
    ready: readyDetail(),
    relayed: relay ? (
      <>
        {tx(relay.transactionHash, message.destination)}
        {relay.relayer ? <> by {account(relay.relayer, message.destination)}</> : null}
        {status === 'relayed' ? <Safety level={message.destinationSafety} /> : null}
      </>
    ) : null,
    finalized:
      status === 'relayed'
        ? `${destination} finalizes the relay's block in a few minutes`
        : status === 'finalized' && relay?.timestamp !== undefined
          ? `Since ${timeAgo(Number(relay.timestamp) * 1000, now)}`
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
