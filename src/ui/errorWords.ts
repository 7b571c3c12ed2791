/**
 * Every error the UI shows goes through `explainError`: one plain sentence a user can act on, and the original text
 * as details (shown behind a disclosure). viem's messages are written for developers — "An internal error was
 * received. URL: … Request body: {"method":"eth_getBlockByNumber"…} Version: viem@2.57.1" — and used to reach the
 * screen as they were.
 *
 * Our own errors are told apart by class, walked through their causes (`findError`): extension messaging revives
 * them into their classes (docs/ARCHITECTURE.md §10). viem's own errors are told apart by `name`, because theirs
 * is the class a boundary cannot revive (a page gets them as an error with their name and text). Only text that
 * carries nothing else (the tracker's background errors reach the UI as strings) is read for the URL it names.
 */
import { BaseError, decodeErrorResult, toFunctionSelector, type Hex } from 'viem'

import type { ChainConfig } from '../core/chains/types'
import { ChainIdMismatchError, RpcUnreachableError } from '../core/chains/errors'
import { NoCrossChainMessageError, TransactionUnknownError } from '../core/discovery/fromTransaction'
import { findError } from '../core/errors/base'
import { relayErrorsAbi } from '../core/protocol/abis'
import { formatAmount } from '../core/protocol/format'
import { AccessListDroppedError, WalletError } from '../core/relay/errors'

export type ErrorKind =
  | 'unreachable'
  | 'wrongChain'
  | 'rpc'
  | 'rejected'
  | 'walletLocked'
  | 'accessListDropped'
  | 'insufficientFunds'
  | 'insufficientBalance'
  | 'reverted'
  | 'transactionUnknown'
  | 'noCrossChainMessage'
  | 'other'

export interface ErrorWords {
  kind: ErrorKind
  /** One sentence, no jargon, ending with a full stop. */
  summary: string
  /** The original text (viem's trailer lines removed), for the disclosure; absent when it adds nothing. */
  details?: string
  /** The chain the error is about, when it names one of the configured chains (by id or RPC URL). */
  chainId?: number
}

export interface ExplainOptions {
  chains?: readonly ChainConfig[]
  /** The chain the failed call went to, when the caller knows it. */
  chainId?: number
}

interface ErrorLike {
  name?: unknown
  message?: unknown
  shortMessage?: unknown
  details?: unknown
  code?: unknown
  url?: unknown
  data?: unknown
  cause?: unknown
  /** viem's ContractFunctionRevertedError: what it could decode, and the raw selector when it could not. */
  signature?: unknown
}

/** The error and its causes, outermost first (viem nests the RPC's own error a few levels down). */
function chainOf(error: unknown): ErrorLike[] {
  const out: ErrorLike[] = []
  let current: unknown = error
  while (current && typeof current === 'object' && out.length < 10) {
    out.push(current as ErrorLike)
    current = (current as ErrorLike).cause
  }
  return out
}

/** One of viem's errors, by name (see above: its class may not have crossed). */
const named = (chain: ErrorLike[], ...names: string[]) =>
  chain.find((e) => typeof e.name === 'string' && names.includes(e.name))

/** The RPC URL the error is about: viem's errors carry `url`; text that crossed a boundary says "URL: …". */
function urlOf(chain: ErrorLike[], text: string): string | undefined {
  for (const e of chain) if (typeof e.url === 'string' && e.url) return e.url
  return /URL: (\S+)/.exec(text)?.[1]
}

function sameUrl(a: string, b: string): boolean {
  const clean = (u: string) => u.trim().replace(/\/+$/, '').toLowerCase()
  return clean(a) === clean(b)
}

/** "127.0.0.1:9646": enough to tell two local chains apart, short enough for a sentence. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host || url
  } catch {
    return url
  }
}

/** "Devnet L2 B (127.0.0.1:9646)", or the host alone for an RPC no configured chain uses. */
function whereText(chains: readonly ChainConfig[], url: string | undefined, chainId: number | undefined) {
  const chain =
    (url ? chains.find((c) => sameUrl(c.rpcUrl, url)) : undefined) ??
    (chainId !== undefined ? chains.find((c) => c.id === chainId) : undefined)
  if (chain) return { text: `${chain.name} (${hostOf(url ?? chain.rpcUrl)})`, chainId: chain.id }
  if (url) return { text: hostOf(url), chainId }
  return { text: chainId !== undefined ? `chain ${chainId}` : 'the chain', chainId }
}

/** The text of the error for the disclosure: viem's message without its "Version:"/"Docs:" lines. */
function detailsOf(error: unknown): string {
  let text: string
  if (typeof error === 'string') text = error
  else if (error instanceof Error) text = error.message
  else if (error && typeof error === 'object' && typeof (error as ErrorLike).message === 'string')
    text = (error as { message: string }).message
  else {
    try {
      text = JSON.stringify(error) ?? String(error)
    } catch {
      text = String(error)
    }
  }
  return text
    .split('\n')
    .filter((line) => !/^\s*(Version: viem@|Docs: https?:)/.test(line))
    .join('\n')
    .trim()
}

/** The first line, as a sentence: a message our own code wrote is already readable. */
function firstSentence(text: string): string {
  const line =
    text
      .split('\n')
      .find((l) => l.trim())
      ?.trim() ?? ''
  if (!line) return 'Something went wrong.'
  const sentence = line.charAt(0).toUpperCase() + line.slice(1)
  return /[.!?…]$/.test(sentence) ? sentence : `${sentence}.`
}

function revertData(chain: ErrorLike[]): Hex | undefined {
  for (const e of chain) {
    if (typeof e.data === 'string' && /^0x[0-9a-f]*$/i.test(e.data)) return e.data as Hex
    const nested = e.data as { data?: unknown } | undefined
    if (nested && typeof nested === 'object' && typeof nested.data === 'string') return nested.data as Hex
  }
  return undefined
}

/** A revert we can name: from viem's decoding, from the raw data, or from the bare selector viem reports. */
function decodedRevert(chain: ErrorLike[]): { name: string; args: readonly unknown[] } | undefined {
  for (const e of chain) {
    const data = e.data as { errorName?: unknown; args?: unknown } | undefined
    if (data && typeof data === 'object' && typeof data.errorName === 'string') {
      return { name: data.errorName, args: Array.isArray(data.args) ? data.args : [] }
    }
  }
  const raw = revertData(chain)
  const signature = chain.find((e) => typeof e.signature === 'string')?.signature as Hex | undefined
  for (const candidate of [raw, signature]) {
    if (!candidate || candidate.length < 10) continue
    try {
      const decoded = decodeErrorResult({ abi: relayErrorsAbi, data: candidate })
      return { name: decoded.errorName, args: decoded.args ?? [] }
    } catch {
      // A selector alone does not decode when the error has arguments: match the selector instead.
      const match = relayErrorsAbi.find((item) => selectorOf(item) === candidate.slice(0, 10).toLowerCase())
      if (match) return { name: match.name, args: [] }
    }
  }
  return undefined
}

/** "0xe450d38c" for ERC20InsufficientBalance(address,uint256,uint256). */
function selectorOf(item: (typeof relayErrorsAbi)[number]): string {
  return toFunctionSelector(`${item.name}(${item.inputs.map((i) => i.type).join(',')})`).toLowerCase()
}

const REVERT_WORDS: Record<string, string> = {
  NotInAccessList: 'The transaction left out the access list a relay needs, so it was refused.',
  MessageAlreadyRelayed: 'Someone already relayed this message.',
  MessageDestinationNotRelayChain: 'This message is for another chain.',
  ERC20InsufficientBalance: 'Not enough tokens for this transfer.',
}

/** What every rule below reads: the error, its causes, its text, and how to phrase a result. */
interface Reading {
  error: unknown
  chain: ErrorLike[]
  details: string
  chains: readonly ChainConfig[]
  options: ExplainOptions
  words: (kind: ErrorKind, summary: string, chainId?: number) => ErrorWords
}

type Rule = (r: Reading) => ErrorWords | undefined

const codeOf = (e: ErrorLike | undefined) => (typeof e?.code === 'number' ? e.code : undefined)

/** The wallet said no, dropped the access list, or is locked. */
const walletRule: Rule = ({ error, chain, words }) => {
  if (findError(error, AccessListDroppedError)) {
    return words(
      'accessListDropped',
      'Your wallet removed the access list this relay needs, so the relay was refused; nothing was lost and the transfer can still be relayed another way.',
    )
  }
  if (named(chain, 'UserRejectedRequestError') || chain.some((e) => codeOf(e) === 4001)) {
    return words('rejected', 'You declined the request in your wallet; nothing was sent.')
  }
  if (chain.some((e) => codeOf(e) === 4100)) {
    return words(
      'walletLocked',
      'Your wallet is locked or has not connected this site: unlock it and connect.',
    )
  }
  const wallet = findError(error, WalletError)
  if (wallet) return words('other', firstSentence(wallet.shortMessage))
  return undefined
}

/** The RPC could not be reached, timed out, or serves another chain. */
const reachRule: Rule = ({ error, chain, details, chains, options, words }) => {
  const mismatch = findError(error, ChainIdMismatchError)
  if (mismatch) {
    const where = whereText(chains, urlOf(chain, details), mismatch.expected)
    return words(
      'wrongChain',
      `The RPC of ${where.text} serves chain ${String(mismatch.actual)}, not ${String(mismatch.expected)}: check its URL.`,
      where.chainId,
    )
  }
  const ours = findError(error, RpcUnreachableError)
  const unreachable =
    ours ?? named(chain, 'HttpRequestError', 'TimeoutError', 'WebSocketRequestError', 'SocketClosedError')
  if (!unreachable) return undefined
  const url = urlOf(chain, details)
  // Core's RpcUnreachableError is a sentence naming the URL and the reason: as good as it gets for a call about no
  // chain in particular (adding one, checking an RPC).
  if (ours && options.chainId === undefined) return words('unreachable', firstSentence(ours.shortMessage))
  if (!url && options.chainId === undefined) {
    return words('unreachable', firstSentence(String(unreachable.shortMessage ?? unreachable.message ?? '')))
  }
  const where = whereText(chains, url, options.chainId)
  return unreachable.name === 'TimeoutError'
    ? words('unreachable', `${where.text} did not answer in time.`, where.chainId)
    : words('unreachable', `Can't reach ${where.text}.`, where.chainId)
}

/** The transaction would fail: not enough to pay, or the contract refused it (named when we know the error). */
const revertRule: Rule = ({ chain, chains, options, words }) => {
  if (named(chain, 'InsufficientFundsError')) {
    const where = whereText(chains, undefined, options.chainId)
    return words('insufficientFunds', `Not enough ETH on ${where.text} to pay the network fee.`)
  }
  const revert = decodedRevert(chain)
  if (revert?.name === 'ERC20InsufficientBalance') {
    const [, balance, needed] = revert.args as [unknown, bigint | undefined, bigint | undefined]
    const amounts =
      typeof balance === 'bigint' && typeof needed === 'bigint'
        ? ` (balance ${formatAmount(balance)}, needed ${formatAmount(needed)})`
        : ''
    return words('insufficientBalance', `Not enough tokens for this transfer${amounts}.`)
  }
  if (revert) {
    return words('reverted', REVERT_WORDS[revert.name] ?? `The transaction would fail (${revert.name}).`)
  }
  if (named(chain, 'ContractFunctionRevertedError', 'ExecutionRevertedError')) {
    return words('reverted', 'The transaction would fail: the contract refused it.')
  }
  return undefined
}

/** Looking a transaction up found nothing, or nothing cross-chain. */
const lookupRule: Rule = ({ error, words }) => {
  if (findError(error, TransactionUnknownError))
    return words('transactionUnknown', 'No transaction with this hash was found.')
  if (findError(error, NoCrossChainMessageError))
    return words('noCrossChainMessage', 'This transaction did not send anything to another chain.')
  return undefined
}

/**
 * An RPC answered with an error (InternalRpcError, LimitExceededRpcError…: every one carries a code) — or, for text
 * alone (the tracker's background errors reach the UI as strings), viem 2.57.1's own first lines with the URL.
 */
const rpcRule: Rule = ({ error, chain, details, chains, options, words }) => {
  const url = urlOf(chain, details)
  if (typeof error === 'string' && url) {
    const first = details.split('\n').find((l) => l.trim()) ?? ''
    const where = whereText(chains, url, options.chainId)
    if (/took too long/.test(first))
      return words('unreachable', `${where.text} did not answer in time.`, where.chainId)
    if (/HTTP request failed|WebSocket/.test(first))
      return words('unreachable', `Can't reach ${where.text}.`, where.chainId)
    return words('rpc', `${where.text} answered with an error.`, where.chainId)
  }
  const rpc = named(chain, 'RpcRequestError') ?? chain.find((e) => /RpcError$/.test(String(e.name)))
  if (!rpc) return undefined
  const where = whereText(chains, url, options.chainId)
  return words('rpc', `${where.text} answered with an error.`, where.chainId)
}

/** Our own errors (core's, the extension's) are written as sentences: their first line is the summary. */
const ownRule: Rule = ({ error, chain, details, words }) => {
  if (error instanceof BaseError) return words('other', firstSentence(error.shortMessage))
  const first = chain[0]
  if (first && typeof first.shortMessage === 'string')
    return words('other', firstSentence(first.shortMessage))
  if (typeof error !== 'string' && typeof first?.message !== 'string')
    return words('other', 'Something went wrong.')
  return words('other', firstSentence(details))
}

const RULES: readonly Rule[] = [walletRule, reachRule, revertRule, lookupRule, rpcRule, ownRule]

/**
 * One plain sentence (and the details) for anything a call rejected with. `options.chains` lets it name the chain
 * an RPC URL belongs to. The first rule that recognises the error words it; the last always does.
 */
export function explainError(error: unknown, options: ExplainOptions = {}): ErrorWords {
  const details = detailsOf(error)
  const reading: Reading = {
    error,
    chain: chainOf(error),
    details,
    chains: options.chains ?? [],
    options,
    words: (kind, summary, chainId = options.chainId) => ({
      kind,
      summary,
      ...(details && details !== summary ? { details } : {}),
      ...(chainId !== undefined ? { chainId } : {}),
    }),
  }
  for (const rule of RULES) {
    const words = rule(reading)
    if (words) return words
  }
  return reading.words('other', 'Something went wrong.')
}

/** The summary alone, for places with room for one line (an event detail, a toast). */
export function errorSummary(error: unknown, options: ExplainOptions = {}): string {
  return explainError(error, options).summary
}
