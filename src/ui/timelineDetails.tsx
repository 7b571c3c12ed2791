/**
 * What each Timeline step says about one message: the source transaction, where its log is now (and why it moved,
 * when it did), who may relay it and until when, who relayed it, how final each side is. Apart from Timeline so the
 * words per status live in one place and the Timeline itself is only the five steps' frame.
 */
import type { ReactNode } from 'react'

import type { ChainConfig } from '../core/chains/types'
import { describeLocationChange } from '../core/model/location'
import type { TrackedMessage } from '../core/model/message'
import { MESSAGE_EXPIRY_SECONDS } from '../core/protocol/addresses'
import { chainName, expiresInText, sentAt, timeAgo } from './format'
import type { ExplorerUrl } from './format'
import { HashLink } from './HashLink'
import { SafetyLabel } from './SafetyLabel'
import type { TimelineStep } from './statusText'

/** One message's facts, with its chains' names and link makers, shared by every step. */
interface StepContext {
  message: TrackedMessage
  now: number
  source: string
  destination: string
  /** "Expires in 6 days", or '' before the initiating log is known. */
  expiry: string
  tx: (hash: string, chainId: number) => ReactNode
  account: (address: string, chainId: number) => ReactNode
}

/** The "ready" step: when it can be relayed, by whom, or what went wrong. */
function readyDetail({ message, source, destination, expiry, tx, account }: StepContext): ReactNode {
  const { pendingRelay, failure } = message
  switch (message.status) {
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

/** The "included" step: where the message is now, and — when it moved or vanished by itself — why. */
function includedDetail({ message, now, source }: StepContext, moved: string | undefined): ReactNode {
  const { initiatingLog } = message
  if (!initiatingLog && !moved) return null
  return (
    <>
      {initiatingLog ? (
        <>
          Block {initiatingLog.blockNumber.toString()} on {source}, {timeAgo(sentAt(message), now)}
          <SafetyLabel level={message.sourceSafety} />
        </>
      ) : null}
      {moved ? <div className="scr-step-note">{moved}</div> : null}
    </>
  )
}

export function stepDetails(
  message: TrackedMessage,
  chains: readonly ChainConfig[],
  now: number,
  explorerUrl: ExplorerUrl | undefined,
): Record<TimelineStep, ReactNode> {
  const { status, initiatingLog, relay } = message
  const source = chainName(chains, message.source)
  const destination = chainName(chains, message.destination)
  const context: StepContext = {
    message,
    now,
    source,
    destination,
    expiry: initiatingLog
      ? expiresInText(Number(initiatingLog.timestamp + MESSAGE_EXPIRY_SECONDS) * 1000, now)
      : '',
    tx: (hash, chainId) => <HashLink value={hash} chainId={chainId} kind="tx" explorerUrl={explorerUrl} />,
    account: (address, chainId) => (
      <HashLink value={address} chainId={chainId} kind="address" explorerUrl={explorerUrl} />
    ),
  }
  const moved =
    describeLocationChange(message, (id) => chainName(chains, id)) ??
    (status === 'reorged' ? `${source} reorganized its blocks: looking for it again.` : undefined)
  const { tx, account } = context
  return {
    sent: (
      <>
        {tx(message.sourceTransactionHash, message.source)} on {source}
        {status === 'pending' ? ' — waiting to be mined' : null}
      </>
    ),
    included: includedDetail(context, moved),
    ready: readyDetail(context),
    relayed: relay ? (
      <>
        {tx(relay.transactionHash, message.destination)}
        {relay.relayer ? <> by {account(relay.relayer, message.destination)}</> : null}
        {status === 'relayed' ? <SafetyLabel level={message.destinationSafety} /> : null}
      </>
    ) : null,
    finalized:
      status === 'relayed'
        ? `${destination} finalizes the relay's block in a few minutes`
        : status === 'finalized' && relay?.timestamp !== undefined
          ? `Since ${timeAgo(Number(relay.timestamp) * 1000, now)}`
          : null,
  }
}
