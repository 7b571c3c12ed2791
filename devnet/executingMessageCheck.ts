/**
 * What the sequencer's ingress filter does for interop (docs/ARCHITECTURE.md §4), as the devnet's proxy
 * applies it: every executing message a transaction would make (a call to CrossL2Inbox.validateMessage) must point
 * at a real initiating log with the right timestamp and payload, be declared in the tx's access list, come from a
 * chain in the dependency set, and respect the timestamp rules. The contracts themselves cannot check any of this.
 */
import { encodeAccessList } from '@eth-optimism/viem/utils/interop'
import { concat, keccak256, type AccessList, type Address, type Hex, type PublicClient } from 'viem'

import { CROSS_L2_INBOX, MESSAGE_EXPIRY_SECONDS } from '../src/core/protocol/addresses'

export interface ExecutingMessageClaim {
  id: { origin: Address; blockNumber: bigint; logIndex: bigint; timestamp: bigint; chainId: bigint }
  msgHash: Hex
}

export interface CheckContext {
  /** Chain the transaction executes on. */
  chainId: number
  /** Source chains this chain accepts messages from. */
  dependencySet: ReadonlySet<number>
  /** Clients (straight to anvil) of the devnet's chains, by id. */
  clients: ReadonlyMap<number, PublicClient>
  /** Timestamp the executing block will have. */
  executingTimestamp: bigint
  interopDelay: bigint
  accessList: AccessList | undefined
}

/** Names which rule failed, so a refused relay tells its sender exactly what to fix. */
export class InvalidExecutingMessageError extends Error {
  override name = 'InvalidExecutingMessageError'
  constructor(
    readonly check:
      | 'dependency-set'
      | 'initiating-log'
      | 'origin'
      | 'timestamp'
      | 'payload-hash'
      | 'access-list'
      | 'timestamp-order'
      | 'interop-delay'
      | 'expired',
    detail: string,
  ) {
    super(`invalid executing message (${check}): ${detail}`)
  }
}

export async function checkExecutingMessage(claim: ExecutingMessageClaim, ctx: CheckContext): Promise<void> {
  const { id } = claim
  const sourceId = Number(id.chainId)
  const source = ctx.clients.get(sourceId)
  if (source === undefined || !ctx.dependencySet.has(sourceId)) {
    throw new InvalidExecutingMessageError(
      'dependency-set',
      `source chain ${id.chainId} is not in the dependency set of chain ${ctx.chainId} [${[...ctx.dependencySet].join(', ')}]`,
    )
  }

  const latest = await source.getBlockNumber({ cacheTime: 0 })
  if (id.blockNumber > latest) {
    throw new InvalidExecutingMessageError(
      'initiating-log',
      `block ${id.blockNumber} does not exist yet on chain ${sourceId} (head ${latest})`,
    )
  }
  const [block, logs] = await Promise.all([
    source.getBlock({ blockNumber: id.blockNumber }),
    source.request({
      method: 'eth_getLogs',
      params: [
        { fromBlock: `0x${id.blockNumber.toString(16)}`, toBlock: `0x${id.blockNumber.toString(16)}` },
      ],
    }),
  ])
  const log = logs.find((l) => l.logIndex !== null && BigInt(l.logIndex) === id.logIndex)
  if (log === undefined) {
    throw new InvalidExecutingMessageError(
      'initiating-log',
      `no log at block ${id.blockNumber}, log index ${id.logIndex} on chain ${sourceId}`,
    )
  }
  if (log.address.toLowerCase() !== id.origin.toLowerCase()) {
    throw new InvalidExecutingMessageError(
      'origin',
      `the log at block ${id.blockNumber}, index ${id.logIndex} on chain ${sourceId} was emitted by ${log.address}, not ${id.origin}`,
    )
  }
  if (block.timestamp !== id.timestamp) {
    throw new InvalidExecutingMessageError(
      'timestamp',
      `identifier timestamp ${id.timestamp} is not block ${id.blockNumber}'s timestamp ${block.timestamp}`,
    )
  }
  const payload = concat([...log.topics, log.data])
  if (keccak256(payload) !== claim.msgHash) {
    throw new InvalidExecutingMessageError(
      'payload-hash',
      `keccak256 of the log's payload is ${keccak256(payload)}, the message claims ${claim.msgHash}`,
    )
  }

  const [expected] = encodeAccessList(id, payload)
  const lookup = expected!.storageKeys[0]!
  const checksum = expected!.storageKeys[expected!.storageKeys.length - 1]!
  const entry = (ctx.accessList ?? []).find((e) => e.address.toLowerCase() === CROSS_L2_INBOX.toLowerCase())
  const keys = (entry?.storageKeys ?? []).map((k) => k.toLowerCase())
  if (!keys.includes(lookup.toLowerCase()) || !keys.includes(checksum.toLowerCase())) {
    throw new InvalidExecutingMessageError(
      'access-list',
      `the transaction's access list lacks the CrossL2Inbox ${keys.includes(lookup.toLowerCase()) ? 'checksum' : 'lookup'} entry for this message (build it with encodeAccessList; some wallets drop access lists)`,
    )
  }

  if (ctx.executingTimestamp <= id.timestamp) {
    throw new InvalidExecutingMessageError(
      'timestamp-order',
      `initiating timestamp ${id.timestamp} is not before the executing block's timestamp ${ctx.executingTimestamp}`,
    )
  }
  if (ctx.executingTimestamp < id.timestamp + ctx.interopDelay) {
    throw new InvalidExecutingMessageError(
      'interop-delay',
      `the interop delay of ${ctx.interopDelay} s has not passed: executable from timestamp ${id.timestamp + ctx.interopDelay}, now ${ctx.executingTimestamp}`,
    )
  }
  if (ctx.executingTimestamp > id.timestamp + MESSAGE_EXPIRY_SECONDS) {
    throw new InvalidExecutingMessageError(
      'expired',
      `the message expired at timestamp ${id.timestamp + MESSAGE_EXPIRY_SECONDS} (7 days after ${id.timestamp}); resend it with resendMessage on chain ${sourceId}`,
    )
  }
}
