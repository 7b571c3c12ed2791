/**
 * The devnet's interop ingress filter (docs/ARCHITECTURE.md §7), shaped like op-geth's: it reads a
 * transaction's ACCESS LIST, and every CrossL2Inbox entry group in it must decode and name a valid initiating message
 * (executingMessageCheck.ts). Since CrossL2Inbox.validateMessage only passes for a checksum slot the access list
 * warmed, this holds however the inbox is reached — a direct relay, a nested call, a contract's constructor, a
 * fallback — and whatever the transaction's `to` and calldata are.
 *
 * Fail closed: if the filter cannot finish its checks (a source chain's RPC fails, an unexpected exception), the
 * transaction is refused with InteropFilterError, never forwarded unchecked.
 */
import type { BaseError, PublicClient } from 'viem'

import { checkInboxAccess, InvalidExecutingMessageError, type CheckContext } from './executingMessageCheck'
import {
  decodeInboxAccessList,
  inboxStorageKeys,
  MalformedInboxAccessListError,
  type InboxAccess,
} from './inboxAccessList'
import type { SubmittedTransaction } from './submittedTransactions'
import { traceValidateMessageCalls, type TracedTransaction } from './validateMessageCalls'

export interface InteropFilterOptions {
  chainId: number
  /** This chain's anvil: its pending block gives the executing timestamp, and traces run on it. */
  upstream: PublicClient
  /** Clients (straight to anvil) of the devnet's chains, by id: where initiating logs are looked up. */
  clients: ReadonlyMap<number, PublicClient>
  dependencySet: ReadonlySet<number>
  /** Seconds a message must wait after its initiating timestamp. */
  interopDelay: number
  /** Seconds after its initiating timestamp a message may still execute (inclusive). */
  messageExpiry: number
  /** The messenger installed on the devnet, for what an expiry error advises. */
  messengerVersion: 1 | 2
}

/** The filter could not check the transaction; it was refused rather than forwarded unchecked. */
export class InteropFilterError extends Error {
  override name = 'InteropFilterError'
  constructor(detail: string) {
    super(`interop filter error: ${detail}; the transaction was refused, not forwarded`)
  }
}

export type InteropFilter = (tx: SubmittedTransaction) => Promise<void>

/** What an expiry refusal advises: messenger 1.3.0 can resend a message, 2.0.0 cannot. */
function expiredAdvice(messengerVersion: 1 | 2): CheckContext['expiredAdvice'] {
  return messengerVersion === 2
    ? () =>
        'messenger 2.0.0 has no resendMessage, so it can no longer be relayed: once its expiry period (8 days) has passed, the source chain can mark it expired (expireMessage) and the app can refund it'
    : (source: number) => `resend it with resendMessage on chain ${source}`
}

/** Best effort: which call of the transaction used the entry, for the refusal's text. */
async function callersOf(
  options: InteropFilterOptions,
  tx: SubmittedTransaction,
  access: InboxAccess,
): Promise<string> {
  const traced = await traceValidateMessageCalls(options.upstream, tx).catch(() => undefined)
  const users = (traced?.calls ?? []).filter(
    (c) =>
      c.id.chainId === access.chainId &&
      c.id.blockNumber === access.blockNumber &&
      c.id.logIndex === access.logIndex &&
      c.id.timestamp === access.timestamp,
  )
  if (users.length === 0) return ''
  return ` [used by ${users.map((c) => `CrossL2Inbox.validateMessage called from ${c.caller} at call depth ${c.depth} with msgHash ${c.msgHash}`).join('; ')}]`
}

/** The gate: every declared executing message must be valid. */
async function checkDeclaredMessages(options: InteropFilterOptions, tx: SubmittedTransaction): Promise<void> {
  const keys = inboxStorageKeys(tx.accessList)
  if (keys.length === 0) return
  let accesses: InboxAccess[]
  try {
    accesses = decodeInboxAccessList(keys)
  } catch (error) {
    if (error instanceof MalformedInboxAccessListError) {
      throw new InvalidExecutingMessageError('access-list', error.message)
    }
    throw error
  }
  const pending = await options.upstream.getBlock({ blockTag: 'pending' }).catch((error: BaseError) => {
    throw new Error(
      `cannot read chain ${options.chainId}'s pending block: ${error.shortMessage ?? error.message}`,
    )
  })
  const ctx: CheckContext = {
    chainId: options.chainId,
    dependencySet: options.dependencySet,
    clients: options.clients,
    executingTimestamp: pending.timestamp,
    interopDelay: BigInt(options.interopDelay),
    messageExpiry: BigInt(options.messageExpiry),
    expiredAdvice: expiredAdvice(options.messengerVersion),
  }
  for (const access of accesses) {
    try {
      await checkInboxAccess(access, ctx)
    } catch (error) {
      if (!(error instanceof InvalidExecutingMessageError)) throw error
      throw new InvalidExecutingMessageError(
        error.check,
        error.detail + (await callersOf(options, tx, access)),
      )
    }
  }
}

/**
 * A courtesy beyond op-geth, which would include such a transaction and let it revert: a transaction whose trace
 * shows it reverting because CrossL2Inbox refused an undeclared message is refused up front (check
 * `access-list`), so that a wallet that dropped the access list learns it without paying for a revert. Only ever
 * refuses; if the trace fails, nothing is concluded.
 */
async function refuseCertainNotInAccessList(
  options: InteropFilterOptions,
  tx: SubmittedTransaction,
): Promise<void> {
  let traced: TracedTransaction
  try {
    traced = await traceValidateMessageCalls(options.upstream, tx)
  } catch {
    return
  }
  const refused = traced.calls.find((c) => c.reverted)
  if (!traced.reverted || refused === undefined) return
  const declared = inboxStorageKeys(tx.accessList).length
  throw new InvalidExecutingMessageError(
    'access-list',
    `the transaction calls CrossL2Inbox.validateMessage (from ${refused.caller}) for block ${refused.id.blockNumber}, log index ${refused.id.logIndex} of chain ${refused.id.chainId}, which its access list does not declare (${declared === 0 ? 'it has no CrossL2Inbox entry' : `${declared} CrossL2Inbox keys, none for this message`}), so it would revert NotInAccessList. Send the access list encodeAccessList builds; some wallets drop access lists`,
  )
}

export function createInteropFilter(options: InteropFilterOptions): InteropFilter {
  return async (tx) => {
    try {
      await checkDeclaredMessages(options, tx)
    } catch (error) {
      if (error instanceof InvalidExecutingMessageError) throw error
      throw new InteropFilterError(
        `could not check the transaction's executing messages: ${(error as Error).message?.split('\n')[0] ?? String(error)}`,
      )
    }
    await refuseCertainNotInAccessList(options, tx)
  }
}
