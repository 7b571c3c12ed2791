/**
<<<<<<< HEAD
 * What the sequencer's ingress filter does for interop (docs/ARCHITECTURE.md §4), as the devnet's proxy
 * applies it: every executing message a transaction would make (a call to CrossL2Inbox.validateMessage) must point
 * at a real initiating log with the right timestamp and payload, be declared in the tx's access list, come from a
 * chain in the dependency set, and respect the timestamp rules. The contracts themselves cannot check any of this.
=======
 * What the interop filter checks for each executing message a transaction declares in its access list
 * (docs/ARCHITECTURE.md §7), as op-interop-filter's supervisor_checkAccessList does: the declared log exists on
 * a source chain of the dependency set, at that block and log index, in a block with that timestamp; the declared
 * checksum is the one computed from that REAL log's origin and payload (so a made-up payload over a real identifier
 * is refused); and the timing rules hold. The contracts cannot check any of this: CrossL2Inbox only sees that the
 * checksum slot is warm.
>>>>>>> devnet-hardening
 */
import type { BaseError, Hex, PublicClient } from 'viem'

import { checksumOf, logPayload, payloadHash, type InboxAccess } from './inboxAccessList'

export interface CheckContext {
  /** Chain the transaction executes on. */
  chainId: number
  /** Source chains this chain accepts messages from. */
  dependencySet: ReadonlySet<number>
  /** Clients (straight to anvil) of the devnet's chains, by id. */
  clients: ReadonlyMap<number, PublicClient>
  /** Timestamp the executing block will have (the destination's pending block). */
  executingTimestamp: bigint
  interopDelay: bigint
  /** Seconds after its initiating timestamp a message may still execute (inclusive). */
  messageExpiry: bigint
  /** What the expiry error tells the user to do, which depends on the messenger (1.x resends, 2.0.0 cannot). */
  expiredAdvice: (sourceChainId: number) => string
}

export type ExecutingMessageCheck =
  | 'access-list'
  | 'dependency-set'
  | 'initiating-log'
  | 'timestamp'
  | 'payload-hash'
  | 'timestamp-order'
  | 'interop-delay'
  | 'expired'

/** Names which rule failed, so a refused transaction tells its sender exactly what to fix. */
export class InvalidExecutingMessageError extends Error {
  override name = 'InvalidExecutingMessageError'
  constructor(
    readonly check: ExecutingMessageCheck,
    /** The message without its `invalid executing message (<check>): ` prefix. */
    readonly detail: string,
  ) {
    super(`invalid executing message (${check}): ${detail}`)
  }
}

/** The source chain could not be read; the filter must refuse the transaction (fail closed). */
export class SourceUnreadableError extends Error {
  override name = 'SourceUnreadableError'
}

/** The source's head, and the declared block with its logs (none if the block does not exist yet). */
async function readSource(source: PublicClient, sourceId: number, blockNumber: bigint) {
  try {
    const head = await source.getBlockNumber({ cacheTime: 0 })
    if (blockNumber > head) return { head, block: undefined, logs: [] }
    const block = await source.getBlock({ blockNumber })
    // By hash, so that the logs are those of the very block whose timestamp is checked, even if the source reorgs
    // between the two reads.
    const logs = await source.request({ method: 'eth_getLogs', params: [{ blockHash: block.hash! }] })
    return { head, block, logs }
  } catch (error) {
    const e = error as BaseError
    throw new SourceUnreadableError(
      `cannot read source chain ${sourceId}: ${e.shortMessage ?? e.message}${e.details ? ` (${e.details})` : ''}`,
    )
  }
}

const where = (a: InboxAccess) =>
  `block ${a.blockNumber}, log index ${a.logIndex} of chain ${a.chainId} (access-list entry #${a.position})`

/**
 * Throws InvalidExecutingMessageError when `access` does not name a valid initiating message. Any other error (a
 * source RPC failing) propagates: the caller must then refuse the transaction, never forward it.
 */
export async function checkInboxAccess(access: InboxAccess, ctx: CheckContext): Promise<void> {
  const sourceId = access.chainId <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(access.chainId) : NaN
  const source = ctx.clients.get(sourceId)
  if (source === undefined || !ctx.dependencySet.has(sourceId)) {
    throw new InvalidExecutingMessageError(
      'dependency-set',
      `source chain ${access.chainId} (access-list entry #${access.position}) is not in the dependency set of chain ${ctx.chainId} [${[...ctx.dependencySet].join(', ')}]`,
    )
  }

  const { head, block, logs } = await readSource(source, sourceId, access.blockNumber)
  if (access.blockNumber > head) {
    throw new InvalidExecutingMessageError(
      'initiating-log',
      `block ${access.blockNumber} does not exist yet on chain ${sourceId} (head ${head}); ${where(access)}`,
    )
  }
  const log = logs.find((l) => l.logIndex !== null && BigInt(l.logIndex) === access.logIndex && !l.removed)
  if (log === undefined) {
    throw new InvalidExecutingMessageError(
      'initiating-log',
      `no log at ${where(access)} (that block has ${logs.length} logs)`,
    )
  }
  if (block!.timestamp !== access.timestamp) {
    throw new InvalidExecutingMessageError(
      'timestamp',
      `the access list declares timestamp ${access.timestamp}, but block ${access.blockNumber} of chain ${sourceId} has timestamp ${block!.timestamp}`,
    )
  }

  const payload = logPayload({ topics: log.topics as [Hex, ...Hex[]], data: log.data })
  const expected = checksumOf(access, log.address, payload)
  if (expected !== access.checksum.toLowerCase()) {
    throw new InvalidExecutingMessageError(
      'payload-hash',
      `the checksum ${access.checksum} does not match the log at ${where(access)}: that log was emitted by ${log.address} with payload hash ${payloadHash(payload)}, whose checksum is ${expected}. The executing message's payload (or origin) is not the initiating log's`,
    )
  }

  // The filter compares with the block the transaction would join: a relay sent in the same second as its initiating
  // block is refused, although the contracts would allow equal timestamps.
  if (ctx.executingTimestamp <= access.timestamp) {
    throw new InvalidExecutingMessageError(
      'timestamp-order',
      `initiating timestamp ${access.timestamp} is not before the executing block's timestamp ${ctx.executingTimestamp}`,
    )
  }
  if (ctx.executingTimestamp < access.timestamp + ctx.interopDelay) {
    throw new InvalidExecutingMessageError(
      'interop-delay',
      `the interop delay of ${ctx.interopDelay} s has not passed: executable from timestamp ${access.timestamp + ctx.interopDelay}, now ${ctx.executingTimestamp}`,
    )
  }
  // Inclusive: a message executes up to and including initiating timestamp + expiry window.
  if (ctx.executingTimestamp > access.timestamp + ctx.messageExpiry) {
    throw new InvalidExecutingMessageError(
      'expired',
      `the message expired at timestamp ${access.timestamp + ctx.messageExpiry} (${ctx.messageExpiry} s after ${access.timestamp}), now ${ctx.executingTimestamp}; ${ctx.expiredAdvice(sourceId)}`,
    )
  }
}
