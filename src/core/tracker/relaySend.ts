/**
 * The two ways a relay leaves (relayFlow.ts says why the journal is shaped this way): a local signer signs, the
 * signed bytes are recorded, then broadcast; a wallet gets an intent recorded before it is asked, then its hash.
 */
import { RpcRequestError, type Address, type Hex } from 'viem'

import type { TrackedMessage } from '../model/message'
import {
  AccessListDroppedError,
  AlreadyRelayedError,
  findError,
  RelayInProgressError,
  WalletError,
} from '../relay/errors'
import { decodeRevertReason, isAlreadyRelayed } from '../relay/revertReason'
import type { relayRequest, RelaySigner, SignerTarget } from '../relay/signer'
import type { MessageStore } from '../store/types'
import type { RelaySignerChoice } from './api'
import type { ChainSet } from './chainSet'
import type { MessageWriter } from './messageWriter'

export interface RelayContext {
  store: MessageStore
  chains: ChainSet
  writer: MessageWriter
  signer?: (choice: RelaySignerChoice) => Promise<RelaySigner>
  now: () => number
  /** A poll, after learning that someone else relayed. */
  refresh: () => Promise<unknown>
  /** Something started moving: poll soon. */
  wake: () => void
  /** Finish resets a stopped process left half done (resetCatchUp.ts), so no relay is planned from a voided log. */
  owedResets: () => Promise<unknown>
  /** Messages whose wallet prompt this process is waiting on (the poller leaves their intents alone). */
  waitingOnWallet: Set<Hex>
}

export function targetOf(ctx: Pick<RelayContext, 'chains'>, chainId: number): SignerTarget {
  return { chain: ctx.chains.viemChain(chainId), client: ctx.chains.client(chainId) }
}

/** The claim's guard: a message with a relay on its way is not relayed again. */
export function refuseIfClaimed(m: TrackedMessage): void {
  if (m.pendingRelay || m.relayIntent) throw new RelayInProgressError(m.hash, m.pendingRelay?.transactionHash)
}

export async function sendLocal(
  ctx: RelayContext,
  message: TrackedMessage,
  signer: RelaySigner,
  request: ReturnType<typeof relayRequest>,
): Promise<Hex> {
  const to = targetOf(ctx, message.destination)
  const signed = await signer.sign!(request, to)
  const attempt = {
    transactionHash: signed.hash,
    relayer: signed.from,
    submittedAt: ctx.now(),
    nonce: signed.nonce,
  }
  // Recorded before it leaves: from here on, this transaction is the relay of this message.
  await ctx.writer.applyIf(message.hash, refuseIfClaimed, {
    type: 'relaySubmitted',
    attempt: { ...attempt, stage: 'signed', rawTransaction: signed.raw },
  })
  try {
    await to.client.request({ method: 'eth_sendRawTransaction', params: [signed.raw] })
  } catch (error) {
    const refused = findError(error, RpcRequestError)
    // No answer (timeout, connection lost): it may be out. It stays relaying with its hash; the poller checks
    // and sends the same bytes again if the node never got them.
    if (!refused) return signed.hash
    if (isAlreadyRelayed(error)) {
      await ctx.writer.applyTo(message.hash, { type: 'relayDropped', transactionHash: signed.hash })
      await ctx.refresh()
      throw new AlreadyRelayedError(message.hash, message.destination)
    }
    await ctx.writer.applyTo(message.hash, {
      type: 'relayFailed',
      failure: { reason: decodeRevertReason(error), at: ctx.now() },
      transactionHash: signed.hash,
    })
    throw error
  }
  await ctx.writer.applyTo(message.hash, { type: 'relaySubmitted', attempt: { ...attempt, stage: 'sent' } })
  return signed.hash
}

export async function sendThroughWallet(
  ctx: RelayContext,
  message: TrackedMessage,
  signer: RelaySigner,
  from: Address,
  request: ReturnType<typeof relayRequest>,
): Promise<Hex> {
  await ctx.writer.applyIf(message.hash, refuseIfClaimed, {
    type: 'relayIntended',
    intent: { relayer: from, startedAt: ctx.now() },
  })
  ctx.waitingOnWallet.add(message.hash)
  try {
    const sent = await signer.send(request, targetOf(ctx, message.destination))
    await ctx.writer.applyTo(message.hash, {
      type: 'relaySubmitted',
      attempt: {
        transactionHash: sent.hash,
        relayer: from,
        submittedAt: ctx.now(),
        stage: 'sent',
        ...(sent.accessList ? { accessList: sent.accessList } : {}),
      },
    })
    return sent.hash
  } catch (error) {
    // Nothing is on its way. The user said no, or the wallet cannot carry the access list: back to relayable.
    // Anything else (a revert the wallet reports, a refusal by the chain) is kept as a failure with its reason.
    const declined = findError(error, WalletError) || findError(error, AccessListDroppedError)
    await ctx.writer.applyTo(
      message.hash,
      declined || isAlreadyRelayed(error)
        ? { type: 'relayDropped' }
        : { type: 'relayFailed', failure: { reason: decodeRevertReason(error), at: ctx.now() } },
    )
    if (isAlreadyRelayed(error)) {
      await ctx.refresh()
      throw new AlreadyRelayedError(message.hash, message.destination)
    }
    throw error
  } finally {
    ctx.waitingOnWallet.delete(message.hash)
  }
}
