/**
 * Prepare, relay and resend, with the relay journal (docs/ARCHITECTURE.md §5): never twice, never lost.
 *
 * - A message claimed for relaying (our pending relay, or a wallet being asked) is not offered again: `prepare` and
 *   `relay` refuse it with `RelayInProgressError` until the tx is known mined, dropped or replaced
 *   (relayJournal.ts). The claim is a compare-and-set on the stored record, so two UIs or two processes cannot
 *   both start.
 * - A local signer signs first; the signed bytes and their hash are recorded ('signed') *before* the broadcast. A
 *   broadcast whose answer is lost leaves the message relaying with that hash, and the poller sends the same bytes
 *   again if the node never got them. A node that refuses them clears the claim with the reason (relaySend.ts).
 * - A wallet cannot sign without sending: an intent is recorded before asking it, then its hash.
 * - The plan is re-derived and re-priced right before signing, and may not cost more than the user approved.
 */
import { encodeFunctionData, type Address, type Hex } from 'viem'

import { InteropNotActiveError } from '../chains/errors'
import type { TrackedMessage } from '../model/message'
import { RESENDABLE_STATUSES } from '../model/progress'
import { l2ToL2CrossDomainMessengerAbi } from '../protocol/abis'
import { L2_TO_L2_CROSS_DOMAIN_MESSENGER } from '../protocol/addresses'
import {
  AlreadyRelayedError,
  findError,
  InitiatingLogNotFoundError,
  InsufficientRelayFundsError,
  NotResendableError,
  PlanChangedError,
  RelaySimulationFailedError,
  ResendUnavailableError,
} from '../relay/errors'
import { APPROVAL_MARGIN_PERCENT, withinApproval, type RelayApproval, type RelayPlan } from '../relay/plan'
import { isRelayed, prepareRelay } from '../relay/prepare'
import { relayRequest, type RelaySigner } from '../relay/signer'
import type { RelaySignerChoice } from './api'
import { SignerUnavailableError, UnknownMessageError } from './errors'
import { refuseIfClaimed, sendLocal, sendThroughWallet, targetOf, type RelayContext } from './relaySend'

export interface RelayFlow {
  prepare(hash: Hex, signer?: Address | RelaySignerChoice): Promise<RelayPlan>
  relay(hash: Hex, choice: RelaySignerChoice, approval: RelayApproval): Promise<Hex>
  resend(hash: Hex, choice: RelaySignerChoice): Promise<Hex>
  /** Messages whose wallet prompt this process is waiting on (the poller leaves their intents alone). */
  readonly waitingOnWallet: ReadonlySet<Hex>
}

export function createRelayFlow(deps: Omit<RelayContext, 'waitingOnWallet'>): RelayFlow {
  const ctx: RelayContext = { ...deps, waitingOnWallet: new Set<Hex>() }
  return {
    waitingOnWallet: ctx.waitingOnWallet,
    prepare: (hash, signer) => prepare(ctx, hash, signer),
    relay: (hash, choice, approval) => relay(ctx, hash, choice, approval),
    resend: (hash, choice) => resend(ctx, hash, choice),
  }
}

async function load(ctx: RelayContext, hash: Hex): Promise<TrackedMessage> {
  await ctx.owedResets()
  const message = await ctx.store.get(hash)
  if (!message) throw new UnknownMessageError(hash)
  return message
}

async function resolveSigner(ctx: RelayContext, choice: RelaySignerChoice): Promise<RelaySigner> {
  if (!ctx.signer) throw new SignerUnavailableError('this tracker was created without a signer')
  return ctx.signer(choice)
}

async function prepare(
  ctx: RelayContext,
  hash: Hex,
  signer: Address | RelaySignerChoice | undefined,
): Promise<RelayPlan> {
  const message = await load(ctx, hash)
  // Not offered again while a relay of it is on its way (the UI shows no Relay button; a stale one gets this).
  refuseIfClaimed(message)
  let from: Address | undefined
  if (typeof signer === 'string') from = signer
  else if (signer && ctx.signer)
    from = await (await resolveSigner(ctx, signer)).address().catch(() => undefined)
  return plan(ctx, message, from)
}

/** Re-derive the plan from the chains (both verified to serve their ids), simulated as `from`. */
async function plan(
  ctx: RelayContext,
  message: TrackedMessage,
  from: Address | undefined,
): Promise<RelayPlan> {
  const { chains } = ctx
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
    if (findError(error, AlreadyRelayedError)) await ctx.refresh()
    // The poller decides whether it is gone (a node behind the URL may just not have that block): look now.
    if (findError(error, InitiatingLogNotFoundError)) ctx.wake()
    throw error
  }
}

async function relay(
  ctx: RelayContext,
  hash: Hex,
  choice: RelaySignerChoice,
  approval: RelayApproval,
): Promise<Hex> {
  const message = await load(ctx, hash)
  refuseIfClaimed(message)
  const signer = await resolveSigner(ctx, choice)
  const from = await signer.address()
  const fresh = await plan(ctx, message, from)
  if (!fresh.simulation.ok) {
    await ctx.writer.applyTo(hash, {
      type: 'relayFailed',
      failure: { reason: fresh.simulation.reason, at: ctx.now() },
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
      ctx.chains.name(message.destination),
    )
  }
  // Someone may have relayed while the user read the preview: check again right before signing.
  if (await isRelayed(ctx.chains.client(message.destination), hash)) {
    await ctx.refresh()
    throw new AlreadyRelayedError(hash, message.destination)
  }
  // The approval travels with the request: a wallet signer checks the figures it asks for against it.
  const request = relayRequest(fresh, approval)
  const transactionHash = signer.sign
    ? await sendLocal(ctx, message, signer, request)
    : await sendThroughWallet(ctx, message, signer, from, request)
  ctx.wake()
  return transactionHash
}

async function resend(ctx: RelayContext, hash: Hex, choice: RelaySignerChoice): Promise<Hex> {
  const message = await load(ctx, hash)
  if (!RESENDABLE_STATUSES.includes(message.status) || message.expiry) {
    throw new NotResendableError(hash, message.expiry ? 'expired: can no longer be relayed' : message.status)
  }
  await ctx.chains.checkChainId(message.source)
  // The chain, not the stored record, decides: resendMessage exists only on messenger 1.x.
  const readiness = await ctx.chains.readiness(message.source)
  if (readiness.state === 'notActive') {
    throw new InteropNotActiveError(message.source, ctx.chains.name(message.source), readiness.reason)
  }
  if (!readiness.messenger.resend) {
    throw new ResendUnavailableError(hash, message.source, readiness.messenger.version)
  }
  const signer = await resolveSigner(ctx, choice)
  const data = encodeFunctionData({
    abi: l2ToL2CrossDomainMessengerAbi,
    functionName: 'resendMessage',
    args: [BigInt(message.destination), message.nonce, message.sender, message.target, message.message],
  })
  const sent = await signer.send(
    { to: L2_TO_L2_CROSS_DOMAIN_MESSENGER, data, value: 0n },
    targetOf(ctx, message.source),
  )
  await ctx.writer.applyTo(hash, { type: 'resent', sourceTransactionHash: sent.hash })
  ctx.wake()
  return sent.hash
}
