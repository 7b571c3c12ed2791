/**
 * How the CLI prints messages: short summaries for lists, a timeline for one message, progress as the five steps
 * every message makes (core's PROGRESS_STEPS), and JSON with bigints as decimal strings — the same encoding as the
 * history export, so `--json` output and exported files read alike.
 */
import {
  canResend,
  describeIntent,
  describeLocationChange,
  MESSAGE_EXPIRY_SECONDS,
  type MessageStatus,
  PROGRESS_STEPS,
  progressOf,
  type SafetyLevel,
  shortAddress,
  STOPPED_STATUSES,
  type TrackedMessage,
  transferAmountText,
} from '../src/core'

import type { GlobalOptions } from './args'

export type ChainName = (id: number) => string

/** ANSI styling, a no-op unless the output is a terminal and NO_COLOR is unset (https://no-color.org). */
export interface Style {
  enabled: boolean
  bold(text: string): string
  dim(text: string): string
  green(text: string): string
  yellow(text: string): string
  red(text: string): string
  cyan(text: string): string
}

export function createStyle(enabled: boolean): Style {
  const wrap = (open: number, close: number) => (text: string) =>
    enabled ? `\x1b[${open}m${text}\x1b[${close}m` : text
  return {
    enabled,
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    green: wrap(32, 39),
    yellow: wrap(33, 39),
    red: wrap(31, 39),
    cyan: wrap(36, 39),
  }
}

/** One JSON document; bigints as decimal strings (JSON has no bigint and a number would round them). */
export function toJson(value: unknown, indent = 2): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), indent)
}

const STUCK: readonly MessageStatus[] = STOPPED_STATUSES

export function statusText(status: MessageStatus, style: Style): string {
  if (status === 'ready') return style.bold(style.cyan(status))
  if (status === 'relayed' || status === 'finalized') return style.green(status)
  if (status === 'failed') return style.red(status)
  if (STUCK.includes(status)) return style.yellow(status)
  return status
}

/** "✓ sent → ✓ included → ● ready → ○ relayed → ○ finalized": readable without colour too. */
export function progressText(status: MessageStatus, style: Style): string {
  const reached = progressOf(status)
  const done = status === 'finalized'
  return PROGRESS_STEPS.map((step, index) => {
    if (index < reached || done) return style.green(`✓ ${step}`)
    if (index > reached) return style.dim(`○ ${step}`)
    if (STUCK.includes(status))
      return (status === 'failed' ? style.red : style.yellow)(`✗ ${step} (${status})`)
    return style.bold(`● ${step}`)
  }).join(style.dim(' → '))
}

export function kindText(message: TrackedMessage): string {
  switch (message.intent.kind) {
    case 'erc20':
      return 'ERC-20 transfer'
    case 'eth':
      return 'ETH transfer'
    case 'generic':
      return 'message'
  }
}

/** "10 MOCK", "0.25 ETH", "1000 units of 0x420b…0001" (decimals unknown), or the call a generic message makes. */
export function amountText(message: TrackedMessage): string {
  const { intent } = message
  if (intent.kind !== 'generic') return transferAmountText(intent)
  return intent.selector ? `call ${intent.selector}` : 'call with no data'
}

/** Who sends and who receives: the user-level parties of a transfer, the messenger's sender/target otherwise. */
export function parties(message: TrackedMessage): { from: string; to: string } {
  const { intent } = message
  return intent.kind === 'generic'
    ? { from: message.sender, to: message.target }
    : { from: intent.from, to: intent.to }
}

export function routeText(message: TrackedMessage, chainName: ChainName): string {
  return `${chainName(message.source)} (${message.source}) → ${chainName(message.destination)} (${message.destination})`
}

/** A list entry: status and hash (full: it is what `relay` takes), what it is and where it goes, its progress. */
export function summaryLines(message: TrackedMessage, chainName: ChainName, style: Style): string[] {
  const { from, to } = parties(message)
  // Padded before styling: escape codes would count as width.
  const pad = ' '.repeat(Math.max(0, 9 - message.status.length))
  return [
    `${statusText(message.status, style)}${pad} ${message.hash}`,
    `  ${kindText(message)} · ${style.bold(amountText(message))} · ${shortAddress(from)} → ${shortAddress(to)} · ${routeText(message, chainName)}`,
    `  ${progressText(message.status, style)}`,
  ]
}

function timeText(seconds: bigint): string {
  return new Date(Number(seconds) * 1000)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC')
}

function millisText(ms: number): string {
  return timeText(BigInt(Math.floor(ms / 1000)))
}

function safetyText(safety: SafetyLevel | undefined): string {
  return safety ?? 'unknown'
}

/** A shell word as typed: quoted only when it needs to be. */
function shellWord(text: string): string {
  return /^[\w./:=@%+,-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`
}

/**
 * The flags a suggested command needs to reach what this run reached: each --rpc and the --state the user passed
 * (" --rpc 901=http://… --state ./relay.json", or "" when none was passed). Without them a copied hint would talk
 * to the default devnet and another state file.
 */
export function followUpFlags(global: Pick<GlobalOptions, 'rpc' | 'state'>): string {
  const flags = global.rpc.map((r) => `--rpc ${shellWord(`${r.id}=${r.rpcUrl}`)}`)
  if (global.state) flags.push(`--state ${shellWord(global.state)}`)
  return flags.length > 0 ? ` ${flags.join(' ')}` : ''
}

/**
 * Newest first, by when each was sent (the initiating block's time, else when it was first tracked), the hash
 * breaking ties: the order the popup and the widget use, so a list reads the same everywhere.
 */
export function newestFirst(messages: readonly TrackedMessage[]): TrackedMessage[] {
  const sent = (m: TrackedMessage) =>
    m.initiatingLog ? Number(m.initiatingLog.timestamp) * 1000 : m.createdAt
  return [...messages].sort((a, b) => sent(b) - sent(a) || (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0))
}

/** The options of this run a suggested command must repeat (`--rpc`, `--state`). */
export type FollowUp = Pick<GlobalOptions, 'rpc' | 'state'>

/**
 * What the user can do next, when there is something, with the flags this run was given so the command works as
 * shown: `relay` needs the chains and the state file, `forget` only the state file.
 */
export function nextStep(message: TrackedMessage, run: FollowUp = { rpc: [] }): string | undefined {
  const flags = followUpFlags(run)
  switch (message.status) {
    case 'ready':
      return `nobody has relayed it yet: superchain-relay relay ${message.hash}${flags}`
    case 'failed':
      return `fix the cause, then retry: superchain-relay relay ${message.hash}${flags}`
    case 'expired':
      // Only messenger 1.x has resendMessage; on 2.x an expired message is over (docs/ARCHITECTURE.md §4).
      if (canResend(message))
        return `it must be re-sent with resendMessage on chain ${message.source} before it can be relayed`
      return message.expiry
        ? `expired: can no longer be relayed (chain ${message.source} recorded MessageExpired for it)`
        : `expired: can no longer be relayed (the messenger on chain ${message.source} has no resendMessage)`
    case 'reorged':
      return 'its source block was reorganized away; the tracker looks for it again on every refresh'
    case 'vanished':
      return `chain ${message.source} no longer holds it, so it can never be relayed: remove it with superchain-relay forget ${message.hash}${followUpFlags({ rpc: [], state: run.state })}`
    default:
      return undefined
  }
}

/** The timeline of one message (`status <hash>`): full addresses and hashes, both sides' safety. */
export function detailLines(
  message: TrackedMessage,
  chainName: ChainName,
  style: Style,
  run: FollowUp = { rpc: [] },
): string[] {
  const { from, to } = parties(message)
  const rows: [string, string][] = [
    ['what', describeIntent(message, chainName)],
    ['kind', `${kindText(message)} · ${amountText(message)}`],
  ]
  if (message.intent.kind === 'erc20') rows.push(['token', message.intent.token])
  rows.push(
    ['from → to', `${from} → ${to}`],
    ['route', routeText(message, chainName)],
    ['status', statusText(message.status, style)],
    ['progress', progressText(message.status, style)],
    ['source tx', message.sourceTransactionHash],
  )
  const log = message.initiatingLog
  if (log) {
    rows.push([
      'initiated',
      `block ${log.blockNumber}, log ${log.logIndex}, ${timeText(log.timestamp)} · source safety: ${safetyText(message.sourceSafety)}`,
    ])
  } else {
    rows.push(['initiated', message.status === 'pending' ? 'not mined yet' : 'initiating log not found'])
  }
  const moved = describeLocationChange(message, chainName)
  if (moved) rows.push(['location', moved])
  if (message.relay) {
    const relay = message.relay
    rows.push([
      'relay',
      `tx ${relay.transactionHash}${relay.relayer ? ` by ${relay.relayer}` : ''} in block ${relay.blockNumber}` +
        `${relay.timestamp !== undefined ? `, ${timeText(relay.timestamp)}` : ''} · destination safety: ${safetyText(message.destinationSafety)}`,
    ])
  } else if (message.pendingRelay) {
    const p = message.pendingRelay
    const state =
      p.stage === 'signed'
        ? 'signed, broadcast not confirmed (it is sent again, same transaction, until the chain has it)'
        : p.accessList === 'unverified'
          ? 'sent, but the wallet’s transaction could not be read back: its access list is unverified'
          : 'not seen on chain yet'
    rows.push([
      'relay',
      `tx ${p.transactionHash} by ${p.relayer} submitted ${millisText(p.submittedAt)}, ${state}`,
    ])
  } else if (message.relayIntent) {
    const i = message.relayIntent
    rows.push(['relay', `waiting for ${i.relayer} to sign (asked ${millisText(i.startedAt)})`])
  } else {
    rows.push(['relay', 'not relayed yet'])
    if (log)
      rows.push(['expires', `${timeText(log.timestamp + MESSAGE_EXPIRY_SECONDS)} (7 days after it was sent)`])
  }
  if (message.failure) {
    const f = message.failure
    rows.push([
      'failure',
      `${style.red(f.reason)} (${millisText(f.at)}${f.transactionHash ? `, tx ${f.transactionHash}` : ''})`,
    ])
  }
  const next = nextStep(message, run)
  if (next) rows.push(['next', next])
  const width = Math.max(...rows.map(([label]) => label.length))
  return [
    style.bold(`message ${message.hash}`),
    ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`),
  ]
}

/** "0xf39F…2266, 0x7099…79C8" (and how many more past three). */
export function shortAddressList(addresses: readonly string[]): string {
  const shown = addresses.slice(0, 3).map(shortAddress).join(', ')
  return addresses.length > 3 ? `${shown} and ${addresses.length - 3} more` : shown
}
