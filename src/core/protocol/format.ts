/**
 * Human wording of amounts and messages, shared by the popup, the widget, notifications and the CLI so a message
 * reads the same everywhere. Amounts go through bigint and strings only: a Number cannot hold 1,000 tokens in wei.
 */
import { formatUnits, getAddress, isAddress } from 'viem'

import type { MessageIntent, SentMessageFields } from './sentMessage'

/**
 * `amount` in units of 10^-decimals, with at most `maxFraction` fraction digits (cut, not rounded, so a balance is
 * never shown higher than it is) and no trailing zeros. A non-zero amount too small to show reads "<0.000001".
 */
export function formatAmount(amount: bigint, decimals = 18, maxFraction = 6): string {
  const negative = amount < 0n
  const magnitude = negative ? -amount : amount
  const [whole = '0', fraction = ''] = formatUnits(magnitude, decimals).split('.')
  const kept = fraction.slice(0, Math.max(0, maxFraction)).replace(/0+$/, '')
  let text = kept ? `${whole}.${kept}` : whole
  if (magnitude !== 0n && /^0(\.0*)?$/.test(text)) {
    text = maxFraction > 0 ? `<0.${'0'.repeat(maxFraction - 1)}1` : '<1'
  }
  return negative ? `-${text}` : text
}

/** "0xAbCd…1234": checksummed, so the visible characters can be compared with a wallet's display. */
export function shortAddress(address: string): string {
  const display = isAddress(address, { strict: false }) ? getAddress(address) : address
  return display.length > 12 ? `${display.slice(0, 6)}…${display.slice(-4)}` : display
}

/**
 * "10 MOCK", "1.5 ETH", or "1000 units of 0x420b…0001" for a transfer. Without decimals, a guess of 18 could be off
 * by a factor of 10^12 (USDC has 6): raw units are honest.
 */
export function transferAmountText(
  intent: Extract<MessageIntent, { kind: 'erc20' } | { kind: 'eth' }>,
): string {
  if (intent.kind === 'eth') return `${formatAmount(intent.amount)} ETH`
  const token = intent.symbol ?? shortAddress(intent.token)
  return intent.decimals === undefined
    ? `${intent.amount} units of ${token}`
    : `${formatAmount(intent.amount, intent.decimals)} ${token}`
}

/**
 * One sentence saying what the message does on its destination:
 * "Mint 10 MOCK to 0xf39F…2266 on Devnet L2 B", "Send 0.5 ETH to … on …", "Call 0x12345678 on 0x… on …".
 * `chainName` maps a chain id to a display name (the registry's, or a fallback like "chain 902").
 */
export function describeIntent(
  message: Pick<SentMessageFields, 'intent' | 'target' | 'destination'>,
  chainName: (id: number) => string,
): string {
  const where = `on ${chainName(message.destination)}`
  const { intent } = message
  switch (intent.kind) {
    case 'erc20':
      return `Mint ${transferAmountText(intent)} to ${shortAddress(intent.to)} ${where}`
    case 'eth':
      return `Send ${transferAmountText(intent)} to ${shortAddress(intent.to)} ${where}`
    case 'generic':
      return intent.selector
        ? `Call ${intent.selector} on ${shortAddress(message.target)} ${where}`
        : `Call ${shortAddress(message.target)} with no data ${where}`
  }
}
