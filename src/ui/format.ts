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
// Ages and clock times live apart, free of viem, for the popup's first paint (firstScreenMarkup.ts).
export { clockTickMs, clockTime, durationText, expiresInText, timeAgo } from './timeText'

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
