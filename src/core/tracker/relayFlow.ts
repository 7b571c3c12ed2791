/**
 * Prepare, relay and resend, with the relay journal (docs/ARCHITECTURE.md §5): never twice, never lost.
 *
 * - A message claimed for relaying (our pending relay, or a wallet being asked) is not offered again: `relay`
 *   refuses it with `RelayInProgressError` until the tx is known mined, dropped or replaced (relayJournal.ts). The
 *   claim is a compare-and-set on the stored record, so two UIs or two processes cannot both start.
 * - A local signer signs first; the signed bytes and their hash are recorded ('signed') *before* the broadcast. A
 *   broadcast whose answer is lost leaves the message relaying with that hash, and the poller sends the same bytes
 *   again if the node never got them. A node that refuses them clears the claim with the reason.
 * - A wallet cannot sign without sending: an intent is recorded before asking it, then its hash.
 * - The plan is re-derived and re-priced right before signing, and may not cost more than the user approved.
 */
import { encodeFunctionData, RpcRequestError, type Address, type Hex } from 'viem'

import type { TrackedMessage } from '../model/message'
import { l2ToL2CrossDomainMessengerAbi } from '../protocol/abis'
import { L2_TO_L2_CROSS_DOMAIN_MESSENGER } from '../protocol/addresses'
import {
  AccessListDroppedError,
  AlreadyRelayedError,
  findError,
  InitiatingLogNotFoundError,
  InsufficientRelayFundsError,
  NotResendableError,
  PlanChangedError,
  RelayInProgressError,
  RelaySimulationFailedError,
  WalletError,
} from '../relay/errors'
import { APPROVAL_MARGIN_PERCENT, withinApproval, type RelayApproval, type RelayPlan } from '../relay/plan'
import { isRelayed, prepareRelay } from '../relay/prepare'
import { decodeRevertReason, isAlreadyRelayed } from '../relay/revertReason'
import { relayRequest, type RelaySigner, type SignerTarget } from '../relay/signer'
import type { MessageStore } from '../store/types'
import type { RelaySignerChoice } from './api'
import type { ChainSet } from './chainSet'
import { SignerUnavailableError, UnknownMessageError } from './errors'
import type { MessageWriter } from './messageWriter'

export interface RelayFlow {
  prepare(hash: Hex, signer?: Address | RelaySignerChoice): Promise<RelayPlan>
  relay(hash: Hex, choice: RelaySignerChoice, approval: RelayApproval): Promise<Hex>
  resend(hash: Hex, choice: RelaySignerChoice): Promise<Hex>
  /** Messages whose wallet prompt this process is waiting on (the poller leaves their intents alone). */
  readonly waitingOnWallet: ReadonlySet<Hex>
}

export function createRelayFlow(deps: {
  store: MessageStore
  chains: ChainSet
  writer: MessageWriter
  signer?: (choice: RelaySignerChoice) => Promise<RelaySigner>
  now: () => number
  /** A poll, after learning that someone else relayed. */
  refresh: () => Promise<unknown>
  /** Something started moving: poll soon. */
  wake: () => void
}): RelayFlow {
  const { store, chains, writer, now } = deps
  const waitingOnWallet = new Set<Hex>()

  const load = async (hash: Hex): Promise<TrackedMessage> => {
    const message = await store.get(hash)
    if (!message) throw new UnknownMessageError(hash)
    return message
  }
  const resolveSigner = async (choice: RelaySignerChoice): Promise<RelaySigner> => {
    if (!deps.signer) throw new SignerUnavailableError('this tracker was created without a signer')
    return deps.signer(choice)
  }
  const target = (chainId: number): SignerTarget => ({
    chain: chains.viemChain(chainId),
    client: chains.client(chainId),
  })
  const refuseIfClaimed = (m: TrackedMessage) => {
    if (m.pendingRelay || m.relayIntent)
      throw new RelayInProgressError(m.hash, m.pendingRelay?.transactionHash)
  }

  /** Re-derive the plan from the chains (both verified to serve their ids); a vanished log starts re-location. */
  async function plan(message: TrackedMessage, from: Address | undefined): Promise<RelayPlan> {
    await Promise.all([chains.checkChainId(message.source), chains.checkChainId(message.destination)])
    try {
      return await prepareRelay({
        message,
        source: chains.client(message.source),
        destination: chains.client(message.destination),
        from,
        chainName: chains.name,
      })
    } catch (error) {
      if (findError(error, AlreadyRelayedError)) await deps.refresh()
      // The poller decides whether it is gone (a node behind the URL may just not have that block): look now.
      if (findError(error, InitiatingLogNotFoundError)) deps.wake()
      throw error
    }
  }

  async function sendLocal(
    message: TrackedMessage,
    signer: RelaySigner,
    request: ReturnType<typeof relayRequest>,
  ): Promise<Hex> {
    const to = target(message.destination)
    const signed = await signer.sign!(request, to)
    const attempt = {
      transactionHash: signed.hash,
      relayer: signed.from,
      submittedAt: now(),
      nonce: signed.nonce,
    }
    // Recorded before it leaves: from here on, this transaction is the relay of this message.
    await writer.applyIf(message.hash, refuseIfClaimed, {
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
        await writer.applyTo(message.hash, { type: 'relayDropped', transactionHash: signed.hash })
        await deps.refresh()
        throw new AlreadyRelayedError(message.hash, message.destination)
      }
      await writer.applyTo(message.hash, {
        type: 'relayFailed',
        failure: { reason: decodeRevertReason(error), at: now() },
        transactionHash: signed.hash,
      })
      throw error
    }
    await writer.applyTo(message.hash, { type: 'relaySubmitted', attempt: { ...attempt, stage: 'sent' } })
    return signed.hash
  }

  async function sendThroughWallet(
    message: TrackedMessage,
    signer: RelaySigner,
    from: Address,
    request: ReturnType<typeof relayRequest>,
  ): Promise<Hex> {
    await writer.applyIf(message.hash, refuseIfClaimed, {
      type: 'relayIntended',
      intent: { relayer: from, startedAt: now() },
    })
    waitingOnWallet.add(message.hash)
    try {
      const sent = await signer.send(request, target(message.destination))
      await writer.applyTo(message.hash, {
        type: 'relaySubmitted',
        attempt: {
          transactionHash: sent.hash,
          relayer: from,
          submittedAt: now(),
          stage: 'sent',
          ...(sent.accessList ? { accessList: sent.accessList } : {}),
        },
      })
      return sent.hash
    } catch (error) {
      // Nothing is on its way. The user said no, or the wallet cannot carry the access list: back to relayable.
      // Anything else (a revert the wallet reports, a refusal by the chain) is kept as a failure with its reason.
      const declined = findError(error, WalletError) || findError(error, AccessListDroppedError)
      await writer.applyTo(
        message.hash,
        declined || isAlreadyRelayed(error)
          ? { type: 'relayDropped' }
          : { type: 'relayFailed', failure: { reason: decodeRevertReason(error), at: now() } },
      )
      if (isAlreadyRelayed(error)) {
        await deps.refresh()
        throw new AlreadyRelayedError(message.hash, message.destination)
      }
      throw error
    } finally {
      waitingOnWallet.delete(message.hash)
    }
  }

  return {
    waitingOnWallet,

    async prepare(hash, signer) {
      const message = await load(hash)
      // Not offered again while a relay of it is on its way (the UI shows no Relay button; a stale one gets this).
      refuseIfClaimed(message)
      let from: Address | undefined
      if (typeof signer === 'string') from = signer
      else if (signer && deps.signer)
        from = await (await resolveSigner(signer)).address().catch(() => undefined)
      return plan(message, from)
    },

    async relay(hash, choice, approval) {
      const message = await load(hash)
      refuseIfClaimed(message)
      const signer = await resolveSigner(choice)
      const from = await signer.address()
      const fresh = await plan(message, from)
      if (!fresh.simulation.ok) {
        await writer.applyTo(hash, {
          type: 'relayFailed',
          failure: { reason: fresh.simulation.reason, at: now() },
        })
        throw new RelaySimulationFailedError(hash, fresh.simulation.reason)
      }
      if (fresh.fee && !withinApproval(fresh.fee, approval)) {
        throw new PlanChangedError(hash, approval, fresh.fee, APPROVAL_MARGIN_PERCENT)
      }
      if (fresh.fee && fresh.funds && !fresh.funds.enough) {
        throw new InsufficientRelayFundsError(
          from,
          fresh.funds.balance,
          fresh.fee.total,
          chains.name(message.destination),
        )
      }
      // Someone may have relayed while the user read the preview: check again right before signing.
      if (await isRelayed(chains.client(message.destination), hash)) {
        await deps.refresh()
        throw new AlreadyRelayedError(hash, message.destination)
      }
      const request = relayRequest(fresh)
      const transactionHash = signer.sign
        ? await sendLocal(message, signer, request)
        : await sendThroughWallet(message, signer, from, request)
      deps.wake()
      return transactionHash
    },

    async resend(hash, choice) {
      const message = await load(hash)
      if (!['expired', 'reorged', 'failed', 'ready', 'initiated'].includes(message.status)) {
        throw new NotResendableError(hash, message.status)
      }
      const signer = await resolveSigner(choice)
      await chains.checkChainId(message.source)
      const data = encodeFunctionData({
        abi: l2ToL2CrossDomainMessengerAbi,
        functionName: 'resendMessage',
        args: [BigInt(message.destination), message.nonce, message.sender, message.target, message.message],
      })
      const sent = await signer.send(
        { to: L2_TO_L2_CROSS_DOMAIN_MESSENGER, data, value: 0n },
        target(message.source),
      )
      await writer.applyTo(hash, { type: 'resent', sourceTransactionHash: sent.hash })
      deps.wake()
      return sent.hash
    },
  }
}
