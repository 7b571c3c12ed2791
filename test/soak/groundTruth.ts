/**
 * What the chains say, read straight from anvil (past the proxies the trackers use, so no fault or lag can colour
 * it): which messages the soak sent, whether each one's initiating log exists now, and whether its destination
 * executed it.
 *
 * - "exists" = the source's `sentMessages(nonce)` holds the message's hash at that block: the messenger writes it
 *   when it emits SentMessage, so it is true exactly while that log is in the canonical chain (a reorg or a reset
 *   that drops the transaction drops the slot with it).
 * - "relayed" = `successfulMessages(hash)` on the destination at that block.
 */
import type { Address, Hex, PublicClient } from 'viem'

import { l2ToL2CrossDomainMessengerAbi, messengerExtrasAbi } from '../../src/core/protocol/abis'
import { L2_TO_L2_CROSS_DOMAIN_MESSENGER, MULTICALL3 } from '../../src/core/protocol/addresses'
import type { TestDevnet } from '../fixtures/devnet'
import type { SendPlan } from './users'

/** Who is meant to relay a message in the scenario (the racing autorelayer may beat them to it). */
export type RelayRole = 'node' | 'extension' | 'nobody'

export interface SentMessage {
  hash: Hex
  source: number
  destination: number
  nonce: bigint
  /** The user who sent it (a bridge transfer's `from`). */
  from: Address
  transactionHash: Hex
  /** How many devnet restarts happened before it was sent. */
  epoch: number
  /** How the Node tracker learns of it: `trackTransaction` (as a dapp does) or a scan of a watched account. */
  discovery: 'track' | 'scan'
  relayBy: RelayRole
  /** The racing autorelayer goes for it too. */
  race: boolean
  /** Sent inside a snapshot that the soak reverts: the source chain drops it. */
  doomed: boolean
  /** How the transfer was made, so the very same one can be sent again after a restart (same nonce, same hash). */
  replay: SendPlan
}

export interface Truth {
  exists: boolean
  relayed: boolean
}

/** Every message the soak sent, by hash; a hash sent again (the same transfer after a restart) counts each send. */
export class SentLedger {
  readonly byHash = new Map<Hex, SentMessage>()
  sends = 0

  add(message: SentMessage): void {
    this.sends += 1
    this.byHash.set(message.hash.toLowerCase() as Hex, message)
  }

  get(hash: Hex): SentMessage | undefined {
    return this.byHash.get(hash.toLowerCase() as Hex)
  }

  all(): SentMessage[] {
    return [...this.byHash.values()]
  }
}

/** Both chains' heads, straight from anvil. */
export async function readHeads(devnet: TestDevnet): Promise<Map<number, bigint>> {
  const entries = await Promise.all(
    devnet.chains.map(async (c) => [c.id, await devnet.anvilClient(c.id).getBlockNumber()] as const),
  )
  return new Map(entries)
}

/** Ground truth of every message at the given heads (block numbers per chain). */
export async function readTruth(
  devnet: TestDevnet,
  messages: readonly SentMessage[],
  heads: ReadonlyMap<number, bigint>,
): Promise<Map<Hex, Truth>> {
  const out = new Map<Hex, Truth>()
  if (messages.length === 0) return out
  const bySource = group(messages, (m) => m.source)
  const byDestination = group(messages, (m) => m.destination)
  const exists = new Map<Hex, boolean>()
  const relayed = new Map<Hex, boolean>()
  await Promise.all([
    ...[...bySource].map(async ([chainId, list]) => {
      const slots = await multicall(devnet.anvilClient(chainId), heads.get(chainId)!, list, (m) => ({
        abi: messengerExtrasAbi,
        functionName: 'sentMessages',
        args: [m.nonce],
      }))
      list.forEach((m, i) => exists.set(m.hash, (slots[i] as Hex).toLowerCase() === m.hash.toLowerCase()))
    }),
    ...[...byDestination].map(async ([chainId, list]) => {
      const flags = await multicall(devnet.anvilClient(chainId), heads.get(chainId)!, list, (m) => ({
        abi: l2ToL2CrossDomainMessengerAbi,
        functionName: 'successfulMessages',
        args: [m.hash],
      }))
      list.forEach((m, i) => relayed.set(m.hash, flags[i] as boolean))
    }),
  ])
  for (const m of messages) {
    out.set(m.hash.toLowerCase() as Hex, { exists: exists.get(m.hash)!, relayed: relayed.get(m.hash)! })
  }
  return out
}

function group<T>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>()
  for (const item of items) {
    const k = key(item)
    out.set(k, [...(out.get(k) ?? []), item])
  }
  return out
}

async function multicall(
  client: PublicClient,
  blockNumber: bigint,
  list: readonly SentMessage[],
  call: (m: SentMessage) => { abi: readonly unknown[]; functionName: string; args: unknown[] },
): Promise<unknown[]> {
  return client.multicall({
    contracts: list.map((m) => ({ address: L2_TO_L2_CROSS_DOMAIN_MESSENGER, ...call(m) })) as never,
    allowFailure: false,
    multicallAddress: MULTICALL3,
    blockNumber,
    batchSize: 0,
  }) as Promise<unknown[]>
}
