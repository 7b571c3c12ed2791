import { HttpRequestError, type Hex } from 'viem'
import { describe, expect, it } from 'vitest'

import type { ChainConfig } from '../core/chains/types'
import { NoCrossChainMessageError, TransactionUnknownError } from '../core/discovery/fromTransaction'
import type { TrackedMessage } from '../core/model/message'
import type { TrackerApi } from '../core/tracker/api'
import { makeMessage } from './messageFixtures.test-helper'
import { trackOnEveryChain, trackOutcomeText } from './trackEverywhere'

const HASH = `0x${'ab'.repeat(32)}` as Hex
const CHAINS: ChainConfig[] = [
  { id: 901, name: 'Devnet L2 A', rpcUrl: 'http://127.0.0.1:9545', nativeSymbol: 'ETH' },
  { id: 902, name: 'Devnet L2 B', rpcUrl: 'http://127.0.0.1:9546', nativeSymbol: 'ETH' },
  { id: 903, name: 'Devnet L2 C', rpcUrl: 'http://127.0.0.1:9547', nativeSymbol: 'ETH' },
]

/** A tracker whose chains answer as given: messages, [] (pending), or an error. */
function answering(byChain: Record<number, TrackedMessage[] | Error>) {
  const asked: number[] = []
  const api: Pick<TrackerApi, 'trackTransaction'> = {
    async trackTransaction(chainId, hash) {
      asked.push(chainId)
      const answer = byChain[chainId] ?? new TransactionUnknownError(chainId, hash)
      if (answer instanceof Error) throw answer
      return answer
    },
  }
  return { api, asked }
}

const unreachable = (url: string) => new HttpRequestError({ url, details: 'fetch failed' })

describe('trackOnEveryChain', () => {
  it('asks every chain, and finds the transfer on whichever knows the hash', async () => {
    const message = makeMessage()
    const { api, asked } = answering({ 902: [message] })
    const outcome = await trackOnEveryChain(api, CHAINS, HASH)
    expect(asked.sort()).toEqual([901, 902, 903])
    expect(outcome).toEqual({ kind: 'found', chainId: 902, messages: [message] })
    expect(trackOutcomeText(outcome, CHAINS)).toBe('Found it on Devnet L2 B.')
  })

  it('says the transaction is waiting to be mined where it is pending', async () => {
    const outcome = await trackOnEveryChain(answering({ 901: [] }).api, CHAINS, HASH)
    expect(trackOutcomeText(outcome, CHAINS)).toBe(
      'It is waiting to be mined on Devnet L2 A; it shows up here once it is.',
    )
  })

  it('says plainly that a transaction sent nothing cross-chain', async () => {
    const outcome = await trackOnEveryChain(
      answering({ 903: new NoCrossChainMessageError(903, HASH) }).api,
      CHAINS,
      HASH,
    )
    expect(trackOutcomeText(outcome, CHAINS)).toBe(
      'This transaction on Devnet L2 C did not send anything to another chain.',
    )
  })

  it('names the chains it searched, and those it could not', async () => {
    const outcome = await trackOnEveryChain(
      answering({ 902: unreachable('http://127.0.0.1:9546') }).api,
      CHAINS,
      HASH,
    )
    const text = trackOutcomeText(outcome, CHAINS)
    expect(text).toBe(
      "No transaction with this hash on Devnet L2 A and Devnet L2 C. Check the hash, or add the chain it was sent on. Not searched: Can't reach Devnet L2 B (127.0.0.1:9546).",
    )
    expect(text).not.toMatch(/SentMessage|L2ToL2CrossDomainMessenger/)
  })
})
