/**
 * Messenger 2.x (docs/ARCHITECTURE.md §4): a message that went unrelayed for the messenger's `EXPIRY_PERIOD` may be
 * marked expired on its source, on word from L1, which emits `MessageExpired(messageHash, undeliveredAt)`. That is
 * final: the tracker records it (`expiryRecorded`) and the message is 'expired' for good. One topic-filtered log
 * search per source chain and tick, only for messages already past the relay window ('expired' without a record):
 * before that no `MessageExpired` can exist for them.
 */
import { parseAbiItem, type Hex } from 'viem'

import type { ChainClient } from '../chains/readClient'
import { searchLogs } from '../discovery/logSearch'
import type { TrackedMessage } from '../model/message'
import type { TrackerEvent } from '../model/status'
import { L2_TO_L2_CROSS_DOMAIN_MESSENGER } from '../protocol/addresses'
import type { Heads } from './heads'

const MESSAGE_EXPIRED = parseAbiItem(
  'event MessageExpired(bytes32 indexed messageHash, uint256 undeliveredAt)',
)

/** Does this message wait for a `MessageExpired` of its source (messenger 2.x)? */
export function awaitsExpiry(m: TrackedMessage): boolean {
  return m.status === 'expired' && !m.expiry && m.initiatingLog !== undefined
}

/** `expiryRecorded` per message whose source holds its `MessageExpired`, at or below the head just read. */
export async function readExpiries(
  client: ChainClient,
  messages: readonly TrackedMessage[],
  heads: Heads,
): Promise<Map<Hex, TrackerEvent>> {
  const out = new Map<Hex, TrackerEvent>()
  const waiting = messages.filter(awaitsExpiry)
  if (waiting.length === 0) return out
  // It can only come after the message was sent: search from the oldest initiating block on.
  const fromBlock = waiting.reduce(
    (min, m) => (m.initiatingLog!.blockNumber < min ? m.initiatingLog!.blockNumber : min),
    heads.latest.number,
  )
  const { logs } = await searchLogs(
    client,
    {
      address: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
      event: MESSAGE_EXPIRED,
      args: { messageHash: waiting.map((m) => m.hash) },
    },
    fromBlock,
    heads.latest.number,
    { maxRequests: 4 },
  )
  const byHash = new Map(waiting.map((m) => [m.hash.toLowerCase(), m]))
  for (const log of logs as ((typeof logs)[number] & {
    args?: { messageHash?: Hex; undeliveredAt?: bigint }
  })[]) {
    const { messageHash, undeliveredAt } = log.args ?? {}
    const m = messageHash && byHash.get(messageHash.toLowerCase())
    // A log from the RPC is untrusted: it must be the messenger's, complete, and for a message we asked about.
    if (
      !m ||
      undeliveredAt === undefined ||
      !log.transactionHash ||
      !log.blockHash ||
      log.blockNumber === null
    )
      continue
    if (log.address.toLowerCase() !== L2_TO_L2_CROSS_DOMAIN_MESSENGER.toLowerCase()) continue
    out.set(m.hash, {
      type: 'expiryRecorded',
      expiry: {
        transactionHash: log.transactionHash,
        blockNumber: log.blockNumber,
        blockHash: log.blockHash,
        undeliveredAt,
      },
    })
  }
  return out
}
