/**
 * What the demo checks before it lets the user send, and how it words a failure: a Send that cannot succeed is
 * disabled with the reason beside it, and a wallet or chain error reads as what to do ("Not enough MOCK on Devnet
 * L2 A — mint first"), not as `reverted with the following signature: 0xe450d38c`.
 */
import { parseEther } from 'viem'

import { explainError } from '../../src/ui'

export type Asset = 'MOCK' | 'ETH'

/** Why Send would fail right now, or undefined when it can go. Balances unknown (still loading) are not held against it. */
export function sendProblem(input: {
  amount: string
  asset: Asset
  balance: bigint | undefined
  chainName: string
  recipientOk: boolean
}): string | undefined {
  const text = input.amount.trim()
  if (!/^\d*\.?\d+$/.test(text)) return 'Enter an amount, like 10 or 0.5.'
  const value = parseEther(text as `${number}`)
  if (value <= 0n) return 'Enter an amount above 0.'
  if (!input.recipientOk) return 'The recipient is not an address (0x followed by 40 hex digits).'
  if (input.balance !== undefined && input.balance < value) {
    return input.asset === 'MOCK'
      ? `Not enough MOCK on ${input.chainName} — mint first.`
      : `Not enough ETH on ${input.chainName}.`
  }
  return undefined
}

/** A failed mint or send, in the demo's words. */
export function actionErrorText(error: unknown, context: { asset: Asset; chainName: string }): string {
  const words = explainError(error)
  switch (words.kind) {
    case 'insufficientBalance':
      return `Not enough ${context.asset} on ${context.chainName} — mint first.`
    case 'insufficientFunds':
      return `Not enough ETH on ${context.chainName} to pay the fee.`
    default:
      return words.summary
  }
}
