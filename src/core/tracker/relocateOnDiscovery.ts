/**
 * Identity is the hash (docs/ARCHITECTURE.md §5): when discovery reads a SentMessage whose hash is already tracked
 * at another position — `track --tx <new tx>` after a devnet restart reused the nonce, a reorg re-included the
 * transaction, a resend — the log discovery just read is live, so it wins unless the recorded one still holds too
 * (a resend leaves both; then the later one, whose 7 days run longest). The verdicts are events with the record's
 * log as their basis, so they apply only if nothing moved the record meanwhile.
 */
import { BlockNotFoundError, type Hex } from 'viem'

import type { ChainClient } from '../chains/readClient'
import type { InitiatingLog, TrackedMessage } from '../model/message'
import { sameLogPlace } from '../model/events'
import { logBasisOf, type TrackerEvent } from '../model/status'
import { L2_TO_L2_CROSS_DOMAIN_MESSENGER } from '../protocol/addresses'
import { decodeSentMessages } from '../protocol/decode'
import type { MessageStore } from '../store/types'

export async function relocationEvents(
  store: MessageStore,
  client: ChainClient,
  found: readonly TrackedMessage[],
): Promise<Map<Hex, TrackerEvent[]>> {
  const verdicts = new Map<Hex, TrackerEvent[]>()
  for (const m of found) {
    const live = m.initiatingLog
    const stored = await store.get(m.hash)
    if (!stored || !live) continue
    const recorded = stored.initiatingLog
    const basis = logBasisOf(stored)
    if (!recorded) {
      // Nothing recorded (pending, reorged, vanished): this is the log the search was waiting for.
      verdicts.set(m.hash, [
        {
          type: 'observed',
          observation: { initiating: { state: 'found', log: live, safety: 'unsafe', basis } },
        },
      ])
      continue
    }
    if (sameLogPlace(recorded, live)) continue
    if (await holdsLog(client, m.source, m.hash, recorded)) {
      if (recorded.timestamp >= live.timestamp) continue
      verdicts.set(m.hash, [{ type: 'relocated', log: live, cause: 'resend', basis }])
    } else {
      verdicts.set(m.hash, [{ type: 'relocated', log: live, cause: 'reorg', basis }])
    }
  }
  return verdicts
}

/**
 * Does the chain still hold this message's SentMessage at the recorded block hash and log index? A block the node
 * does not know is "no"; any other failure is thrown, so an RPC hiccup never passes for a vanished log.
 */
export async function holdsLog(
  client: ChainClient,
  source: number,
  hash: Hex,
  log: Pick<InitiatingLog, 'blockHash' | 'logIndex'>,
): Promise<boolean> {
  try {
    await client.getBlock({ blockHash: log.blockHash })
  } catch (error) {
    if (error instanceof BlockNotFoundError) return false
    throw error
  }
  const logs = await client.getLogs({ address: L2_TO_L2_CROSS_DOMAIN_MESSENGER, blockHash: log.blockHash })
  const at = logs.find((l) => l.logIndex === log.logIndex)
  return at !== undefined && decodeSentMessages(source, [at])[0]?.hash.toLowerCase() === hash.toLowerCase()
}
