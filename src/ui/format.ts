/**
 * Small display helpers for the UI. Pure and DOM-free, so they are unit-tested in Node and shared by the popup and
 * the widget. Amounts and addresses are worded by core (`protocol/format.ts`) so the UI, the notifications and the
 * CLI say the same thing; what is only about screens (hashes, ages, chain names, links) lives here.
 */
import type { Hex } from 'viem'

import type { ChainConfig } from '../core/chains/types'
import { formatAmount, shortAddress, transferAmountText } from '../core/protocol/format'
import type { TrackedMessage } from '../core/model/message'
import { explainError } from './errorWords'

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

/**
 * "6 days", "3 h", "12 min", "40 s": the coarsest unit that is at least 1. Ages round down (a transfer sent 119 s
 * ago was not sent "2 min ago"); countdowns round to the nearest unit, so a fresh transfer's 7-day expiry, a few
 * seconds short, still reads "7 days".
 */
export function durationText(seconds: number, rounding: 'down' | 'nearest' = 'down'): string {
  const round = rounding === 'down' ? Math.floor : Math.round
  const s = Math.max(0, seconds)
  if (s < 60) return `${Math.floor(s)} s`
  if (s < 3600) return `${round(s / 60)} min`
  if (s < 86_400) return `${round(s / 3600)} h`
  const days = round(s / 86_400)
  return days === 1 ? '1 day' : `${days} days`
}

/**
 * "expires in 7 days", then in hours below two days (where "1 day" would hide that it is almost 2), then minutes.
 * Empty once expired: the status says that.
 */
export function expiresInText(expiresAtMs: number, nowMs: number): string {
  const seconds = (expiresAtMs - nowMs) / 1000
  if (seconds <= 0) return ''
  if (seconds >= 2 * 86_400) return `expires in ${durationText(seconds, 'nearest')}`
  if (seconds >= 2 * 3600) return `expires in ${Math.round(seconds / 3600)} h`
  return `expires in ${Math.max(1, Math.ceil(seconds / 60))} min`
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
 * How often ages must be redrawn to stay right: every second while one of them counts seconds, every half minute
 * otherwise (minutes are enough).
 */
export function clockTickMs(timestampsMs: readonly number[], nowMs: number): number {
  return timestampsMs.some((t) => nowMs - t < 60_000) ? 1_000 : 30_000
}

/** "06:44": a local clock time for "status from 06:44" (the date is implied: health is about the last minutes). */
export function clockTime(ms: number): string {
  const date = new Date(ms)
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`
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

/**
 * One line saying what the message does, from the user's side when their accounts are known: "10 MOCK to you" (a
 * transfer to yourself on another chain, or to you from someone else: "10 MOCK from 0x7099…79C8"), "1.5 ETH to
 * 0x7099…79C8", "Message to 0x… (0xa9059cbb)".
 */
export function intentSummary(message: TrackedMessage, accounts: readonly string[] = []): string {
  const { intent } = message
  const mine = (address: string) => accounts.some((a) => a.toLowerCase() === address.toLowerCase())
  switch (intent.kind) {
    case 'erc20':
    case 'eth': {
      const amount = transferAmountText(intent)
      if (mine(intent.to))
        return mine(intent.from) ? `${amount} to you` : `${amount} from ${shortAddress(intent.from)}`
      return `${amount} to ${shortAddress(intent.to)}`
    }
    case 'generic':
      return intent.selector
        ? `Message to ${shortAddress(message.target)} (${intent.selector})`
        : `Message to ${shortAddress(message.target)}`
  }
}

/** One plain sentence for whatever a call rejected with (errorWords.ts; use ErrorNotice to show the details too). */
export function errorText(error: unknown): string {
  return explainError(error).summary
}
