/**
 * Small display helpers for the UI. Pure and DOM-free, so they are unit-tested in Node and shared by the popup and
 * the widget. Amounts and addresses are worded by core (`protocol/format.ts`) so the UI, the notifications and the
 * CLI say the same thing; what is only about screens (hashes, ages, chain names, links) lives here.
 */
import type { Hex } from 'viem'

import type { ChainConfig } from '../core/chains/types'
import { formatAmount, shortAddress, transferAmountText } from '../core/protocol/format'
import type { TrackedMessage } from '../core/model/message'

export { formatAmount, shortAddress }

/** Builds a block-explorer link; `undefined` means "no explorer known", and the UI then shows plain text. */
export type ExplorerUrl = (chainId: number, kind: 'tx' | 'address', value: string) => string | undefined

/**
 * "0x5e00ab…00cd12": a tx hash shortened a little less than an address, since hashes have no checksum to help
 * tell two apart. The full value goes in a `title`.
 */
export function shortHash(hash: Hex | string): string {
  return hash.length > 17 ? `${hash.slice(0, 8)}…${hash.slice(-6)}` : hash
}

/** The configured chain's name, or "Chain 901" for a chain the user has not added (a message may still name it). */
export function chainName(chains: readonly ChainConfig[], chainId: number): string {
  return chains.find((chain) => chain.id === chainId)?.name ?? `Chain ${chainId}`
}

/** The native currency symbol of a chain, defaulting to ETH (every OP Stack chain we know of uses it). */
export function nativeSymbol(chains: readonly ChainConfig[], chainId: number): string {
  return chains.find((chain) => chain.id === chainId)?.nativeSymbol ?? 'ETH'
}

/** Links from the chains' own `explorerUrl`, used when the shell gives no `explorerUrl` function of its own. */
export function explorerUrlFromChains(chains: readonly ChainConfig[]): ExplorerUrl {
  return (chainId, kind, value) => {
    const base = chains.find((chain) => chain.id === chainId)?.explorerUrl
    return base ? `${base}/${kind}/${value}` : undefined
  }
}

/** "6 days", "3 h", "12 min", "40 s": the coarsest unit that is at least 1, rounded down. */
export function durationText(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds))
  if (s < 60) return `${s} s`
  if (s < 3600) return `${Math.floor(s / 60)} min`
  if (s < 86_400) return `${Math.floor(s / 3600)} h`
  const days = Math.floor(s / 86_400)
  return days === 1 ? '1 day' : `${days} days`
}

/**
 * "3 min ago". A time slightly in the future (the source chain's clock runs ahead of ours) reads "just now" rather
 * than a negative age.
 */
export function timeAgo(timestampMs: number, nowMs: number): string {
  const seconds = (nowMs - timestampMs) / 1000
  if (seconds < 10) return 'just now'
  return `${durationText(seconds)} ago`
}

/**
 * When the message was sent, in ms: the initiating block's timestamp when known (what the 7-day expiry counts from),
 * else when the tracker first saw it.
 */
export function sentAt(message: TrackedMessage): number {
  return message.initiatingLog ? Number(message.initiatingLog.timestamp) * 1000 : message.createdAt
}

/** A fee in wei, as ETH: more fraction digits than a transfer, since L2 fees are often below 0.000001. */
export function formatFee(wei: bigint): string {
  return formatAmount(wei, 18, 9)
}

/** One line saying what the message does: "10 MOCK → 0x7099…79C8", "1.5 ETH → …", "Message to 0x… (0xa9059cbb)". */
export function intentSummary(message: TrackedMessage): string {
  const { intent } = message
  switch (intent.kind) {
    case 'erc20':
    case 'eth':
      return `${transferAmountText(intent)} → ${shortAddress(intent.to)}`
    case 'generic':
      return intent.selector
        ? `Message to ${shortAddress(message.target)} (${intent.selector})`
        : `Message to ${shortAddress(message.target)}`
  }
}

/**
 * The text of whatever a call rejected with, verbatim: core's errors explain the way out (e.g. a wallet that drops
 * the access list), so the UI must not paraphrase them. Over extension messaging an Error may arrive as a plain
 * object, hence the `message` property check.
 */
export function errorText(error: unknown): string {
  // viem's errors carry a one-line shortMessage plus details, docs links and a "Version: viem@…" trailer: a user
  // needs the first two only.
  if (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { shortMessage?: unknown }).shortMessage === 'string'
  ) {
    const { shortMessage, details } = error as { shortMessage: string; details?: unknown }
    return typeof details === 'string' && details && !shortMessage.includes(details)
      ? `${shortMessage} ${details}`
      : shortMessage
  }
  if (error instanceof Error) return stripViemTrailer(error.message) || error.name
  if (typeof error === 'string') return error
  if (typeof error === 'object' && error !== null && 'message' in error) {
    const { message } = error as { message: unknown }
    if (typeof message === 'string') return stripViemTrailer(message)
  }
  try {
    return JSON.stringify(error) ?? String(error)
  } catch {
    return String(error)
  }
}

/** Drops viem's "Docs: …" and "Version: viem@…" lines from a message that crossed a boundary as plain text. */
function stripViemTrailer(message: string): string {
  return message
    .split('\n')
    .filter((line) => !/^\s*(Version: viem@|Docs: https?:)/.test(line))
    .join('\n')
    .trim()
}
