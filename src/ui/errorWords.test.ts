/**
 * explainError against the errors viem really throws: a client pointed at a closed port, at an RPC that answers
 * with a JSON-RPC error, and at one whose eth_call reverts with a token error — plus the shapes errors take after
 * crossing extension messaging ({ name, message }) or reaching the UI as the tracker's background text.
 */
import {
  createPublicClient,
  encodeErrorResult,
  http,
  parseAbi,
  TimeoutError,
  UserRejectedRequestError,
  type PublicClient,
} from 'viem'
import { describe, expect, it } from 'vitest'

import { useJsonRpcServer } from '../../test/fixtures/jsonRpcServer'
import type { ChainConfig } from '../core/chains/types'
import { NoCrossChainMessageError } from '../core/discovery/fromTransaction'
import { AccessListDroppedError } from '../core/relay/errors'
import { explainError } from './errorWords'

/** A node that answers as each test says. */
const rpc = useJsonRpcServer()

const CLOSED_URL = 'http://127.0.0.1:1'

const chainsWith = (urlB: string): ChainConfig[] => [
  { id: 901, name: 'Devnet L2 A', rpcUrl: 'http://127.0.0.1:9645', nativeSymbol: 'ETH' },
  { id: 902, name: 'Devnet L2 B', rpcUrl: urlB, nativeSymbol: 'ETH' },
]

const client = (url: string): PublicClient =>
  createPublicClient({ transport: http(url, { retryCount: 0, timeout: 2_000 }) }) as PublicClient

async function rejection(call: Promise<unknown>): Promise<unknown> {
  try {
    await call
  } catch (error) {
    return error
  }
  throw new Error('the call did not fail')
}

describe('explainError', () => {
  it('names the chain whose RPC cannot be reached, and keeps viem’s text as details', async () => {
    const error = await rejection(client(CLOSED_URL).getBlockNumber())
    const words = explainError(error, { chains: chainsWith(CLOSED_URL) })
    expect(words).toMatchObject({
      kind: 'unreachable',
      summary: "Can't reach Devnet L2 B (127.0.0.1:1).",
      chainId: 902,
    })
    expect(words.details).toContain('HTTP request failed')
    expect(words.details).not.toMatch(/Version: viem@/)
  })

  it('turns an RPC’s internal error into one sentence naming the chain, not the request body', async () => {
    rpc.answer(() => ({ error: { code: -32603, message: 'backend down' } }))
    const error = await rejection(client(rpc.url).getBlock())
    const words = explainError(error, { chains: chainsWith(rpc.url) })
    expect(words.kind).toBe('rpc')
    expect(words.summary).toBe(`Devnet L2 B (${rpc.url.slice(7)}) answered with an error.`)
    expect(words.summary).not.toMatch(/Request body|eth_getBlockByNumber|viem/)
    expect(words.details).toContain('eth_getBlockByNumber')
  })

  it('reads the tracker’s background text, which is all that reaches the UI of a failed poll', async () => {
    rpc.answer(() => ({ error: { code: -32603, message: 'backend down' } }))
    const error = (await rejection(client(rpc.url).getBlock())) as Error
    const words = explainError(error.message, { chains: chainsWith(rpc.url) })
    expect(words).toMatchObject({ kind: 'rpc', chainId: 902 })
    expect(words.summary).toMatch(/^Devnet L2 B \(127\.0\.0\.1:\d+\) answered with an error\.$/)
  })

  it('decodes a token revert viem could only show as a selector (0xe450d38c)', async () => {
    const abi = parseAbi(['error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)'])
    const data = encodeErrorResult({
      abi,
      errorName: 'ERC20InsufficientBalance',
      args: ['0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', 0n, 10n * 10n ** 18n],
    })
    rpc.answer(() => ({ error: { code: 3, message: 'execution reverted', data } }))
    const error = await rejection(
      client(rpc.url).readContract({
        address: '0x420beeF000000000000000000000000000000001',
        abi: parseAbi(['function balanceOf(address) view returns (uint256)']),
        functionName: 'balanceOf',
        args: ['0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'],
      }),
    )
    expect(String((error as Error).message)).toContain('0xe450d38c')
    expect(explainError(error)).toMatchObject({
      kind: 'insufficientBalance',
      summary: 'Not enough tokens for this transfer (balance 0, needed 10).',
    })
  })

  it('says a declined wallet request plainly, from viem’s class or from a wallet’s bare { code: 4001 }', () => {
    const fromViem = new UserRejectedRequestError(new Error('User rejected the request.'))
    expect(explainError(fromViem).summary).toBe('You declined the request in your wallet; nothing was sent.')
    expect(explainError({ code: 4001, message: 'User rejected the request.' }).kind).toBe('rejected')
  })

  it('explains a dropped access list by the error’s class (extension messaging revives it into that class)', () => {
    const words = explainError(new AccessListDroppedError('MetaMask'))
    expect(words.kind).toBe('accessListDropped')
    expect(words.summary).not.toMatch(/CrossL2Inbox|NotInAccessList/)
    expect(words.details).toContain('NotInAccessList')
  })

  it('says which chain timed out', () => {
    const error = new TimeoutError({ body: { method: 'eth_chainId' }, url: 'http://127.0.0.1:9645' })
    expect(explainError(error, { chains: chainsWith(CLOSED_URL) }).summary).toBe(
      'Devnet L2 A (127.0.0.1:9645) did not answer in time.',
    )
  })

  it('keeps our own sentences, first line only, and never prints [object Object]', () => {
    expect(explainError(new Error('wrong password')).summary).toBe('Wrong password.')
    expect(explainError(new NoCrossChainMessageError(901, `0x${'ab'.repeat(32)}`))).toMatchObject({
      kind: 'noCrossChainMessage',
      summary: 'This transaction did not send anything to another chain.',
    })
    expect(explainError({ weird: true })).toEqual({
      kind: 'other',
      summary: 'Something went wrong.',
      details: '{"weird":true}',
    })
  })
})
