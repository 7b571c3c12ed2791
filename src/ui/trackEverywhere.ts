/**
 * Tracking a transaction by its hash alone: a user who pastes a hash from an explorer or a wallet should not have
 * to know which chain it was sent on. Every configured chain is asked at once; a transaction hash commits to its
 * chain id, so at most one chain knows it. The answer is then worded for the user — found, waiting to be mined,
 * sent nothing cross-chain, or nowhere to be found (and which chains could not be asked).
 */
import type { Hex } from 'viem'

import type { ChainConfig } from '../core/chains/types'
import type { TrackedMessage } from '../core/model/message'
import type { TrackerApi } from '../core/tracker/api'
import { explainError, type ErrorWords } from './errorWords'
import { chainName } from './format'

export type TrackOutcome =
  | { kind: 'found'; chainId: number; messages: TrackedMessage[] }
  /** Known but not mined yet: the tracker keeps watching it. */
  | { kind: 'pending'; chainId: number }
  | { kind: 'noMessage'; chainId: number }
  /** No chain knows it; `unchecked` are the chains that could not be asked (their RPC failed). */
  | { kind: 'notFound'; unchecked: { chainId: number; words: ErrorWords }[] }

export async function trackOnEveryChain(
  api: Pick<TrackerApi, 'trackTransaction'>,
  chains: readonly ChainConfig[],
  hash: Hex,
): Promise<TrackOutcome> {
  const answers = await Promise.allSettled(chains.map((chain) => api.trackTransaction(chain.id, hash)))
  const unchecked: { chainId: number; words: ErrorWords }[] = []
  let pending: number | undefined
  let noMessage: number | undefined
  for (const [index, answer] of answers.entries()) {
    const chainId = chains[index]!.id
    if (answer.status === 'fulfilled') {
      if (answer.value.length > 0) return { kind: 'found', chainId, messages: answer.value }
      pending ??= chainId
      continue
    }
    const words = explainError(answer.reason, { chains, chainId })
    if (words.kind === 'noCrossChainMessage') noMessage ??= chainId
    else if (words.kind !== 'transactionUnknown') unchecked.push({ chainId, words })
  }
  if (pending !== undefined) return { kind: 'pending', chainId: pending }
  if (noMessage !== undefined) return { kind: 'noMessage', chainId: noMessage }
  return { kind: 'notFound', unchecked }
}

/** "Devnet L2 A, Devnet L2 B and OP" */
function listText(names: string[]): string {
  if (names.length <= 1) return names[0] ?? ''
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
}

/** The sentence under the form. */
export function trackOutcomeText(outcome: TrackOutcome, chains: readonly ChainConfig[]): string {
  switch (outcome.kind) {
    case 'found': {
      const n = outcome.messages.length
      return `Found ${n === 1 ? 'it' : `${n} transfers`} on ${chainName(chains, outcome.chainId)}.`
    }
    case 'pending':
      return `It is waiting to be mined on ${chainName(chains, outcome.chainId)}; it shows up here once it is.`
    case 'noMessage':
      return `This transaction on ${chainName(chains, outcome.chainId)} did not send anything to another chain.`
    case 'notFound': {
      const unchecked = new Set(outcome.unchecked.map((u) => u.chainId))
      const searched = chains.filter((c) => !unchecked.has(c.id)).map((c) => c.name)
      const head =
        searched.length > 0
          ? `No transaction with this hash on ${listText(searched)}. Check the hash, or add the chain it was sent on.`
          : 'No chain could be searched.'
      const missed = outcome.unchecked.map((u) => u.words.summary.replace(/\.$/, ''))
      return missed.length > 0 ? `${head} Not searched: ${missed.join('; ')}.` : head
    }
  }
}
