/**
 * The CrossL2Inbox entries of a transaction's access list, read the way the interop filter reads them
 * (docs/ARCHITECTURE.md §7). An executing message is declared by a group of storage keys under the
 * CrossL2Inbox address: a lookup entry (type 0x01: chain id low 64 bits, block number, timestamp, log index), an
 * optional chain-id extension (type 0x02: the chain id's upper 24 bytes) and a checksum (type 0x03) committing to the
 * identifier and the payload hash. CrossL2Inbox.validateMessage only passes for a checksum slot the access list
 * warmed, so these groups — not the calls a transaction happens to make — are what a filter must check.
 */
import { encodeAccessList } from '@eth-optimism/viem/utils/interop'
import { concat, keccak256, type AccessList, type Address, type Hex, type Log } from 'viem'

import { CROSS_L2_INBOX } from '../src/core/protocol/addresses'

/** One declared executing message: what its lookup (and extension) entries name, and the checksum it claims. */
export interface InboxAccess {
  chainId: bigint
  blockNumber: bigint
  timestamp: bigint
  logIndex: bigint
  checksum: Hex
  /** Index of the group's lookup entry among the transaction's CrossL2Inbox keys (for error messages). */
  position: number
}

/** The CrossL2Inbox keys are not a sequence of well-formed groups; the filter refuses the transaction. */
export class MalformedInboxAccessListError extends Error {
  override name = 'MalformedInboxAccessListError'
}

const LOOKUP = 0x01
const CHAIN_ID_EXTENSION = 0x02
const CHECKSUM = 0x03

const inbox = CROSS_L2_INBOX.toLowerCase()

/**
 * Every storage key listed under CrossL2Inbox, in order, across all of the access list's entries for that address
 * (op-geth concatenates them the same way). Addresses and keys must already be canonical: 0x + lowercase hex.
 */
export function inboxStorageKeys(accessList: AccessList | undefined): Hex[] {
  return (accessList ?? []).flatMap((entry) =>
    entry.address.toLowerCase() === inbox ? entry.storageKeys.map((k) => k.toLowerCase() as Hex) : [],
  )
}

const byteAt = (key: Hex, i: number) => parseInt(key.slice(2 + 2 * i, 4 + 2 * i), 16)
const bytes = (key: Hex, from: number, to: number) => `0x${key.slice(2 + 2 * from, 2 + 2 * to)}` as Hex

/**
 * Decodes CrossL2Inbox keys into executing-message groups, as the OP interop spec lays them out: after a lookup comes
 * an extension or a checksum, after an extension a checksum; reserved bytes are zero; any other type byte (0x00
 * included) is an error. Strict on purpose: a key the filter does not understand might be a slot someone hopes to
 * warm unchecked.
 */
export function decodeInboxAccessList(keys: readonly Hex[]): InboxAccess[] {
  const groups: InboxAccess[] = []
  let lookup: { key: Hex; position: number } | undefined
  let extension: Hex | undefined
  keys.forEach((key, position) => {
    if (!/^0x[0-9a-f]{64}$/.test(key)) {
      throw new MalformedInboxAccessListError(`CrossL2Inbox key #${position} (${key}) is not 32 bytes of hex`)
    }
    const type = byteAt(key, 0)
    if (type === LOOKUP) {
      if (lookup) {
        throw new MalformedInboxAccessListError(
          `CrossL2Inbox key #${position} is a lookup entry, but the lookup entry #${lookup.position} before it has no checksum`,
        )
      }
      if (bytes(key, 1, 4) !== '0x000000') {
        throw new MalformedInboxAccessListError(
          `CrossL2Inbox lookup entry #${position} has non-zero reserved bytes 1..4 (${key})`,
        )
      }
      lookup = { key, position }
    } else if (type === CHAIN_ID_EXTENSION) {
      if (!lookup || extension) {
        throw new MalformedInboxAccessListError(
          `CrossL2Inbox key #${position} is a chain-id extension that does not directly follow a lookup entry`,
        )
      }
      if (bytes(key, 1, 8) !== '0x00000000000000') {
        throw new MalformedInboxAccessListError(
          `CrossL2Inbox chain-id extension #${position} has non-zero reserved bytes 1..8 (${key})`,
        )
      }
      extension = key
    } else if (type === CHECKSUM) {
      if (!lookup) {
        throw new MalformedInboxAccessListError(
          `CrossL2Inbox key #${position} is a checksum with no lookup entry before it (the lookup entry comes first)`,
        )
      }
      const low = BigInt(bytes(lookup.key, 4, 12))
      const high = extension ? BigInt(bytes(extension, 8, 32)) : 0n
      groups.push({
        chainId: (high << 64n) | low,
        blockNumber: BigInt(bytes(lookup.key, 12, 20)),
        timestamp: BigInt(bytes(lookup.key, 20, 28)),
        logIndex: BigInt(bytes(lookup.key, 28, 32)),
        checksum: key,
        position: lookup.position,
      })
      lookup = undefined
      extension = undefined
    } else {
      throw new MalformedInboxAccessListError(
        `CrossL2Inbox key #${position} has type 0x${type.toString(16).padStart(2, '0')}; only 0x01 (lookup), 0x02 (chain-id extension) and 0x03 (checksum) exist`,
      )
    }
  })
  if (lookup) {
    throw new MalformedInboxAccessListError(
      `CrossL2Inbox lookup entry #${lookup.position} is not followed by its checksum`,
    )
  }
  return groups
}

/** A log's payload as executing messages hash it: its topics, then its data, with no length prefixes. */
export function logPayload(log: Pick<Log, 'topics' | 'data'>): Hex {
  return concat([...log.topics, log.data])
}

/**
 * The checksum key that declares the log `origin` emitted with `payload` at this position. Computed by
 * `encodeAccessList` (the same code relayers use to build the list), not by hand, so the filter and the senders
 * cannot drift apart.
 */
export function checksumOf(
  access: Pick<InboxAccess, 'chainId' | 'blockNumber' | 'timestamp' | 'logIndex'>,
  origin: Address,
  payload: Hex,
): Hex {
  const [entry] = encodeAccessList({ ...access, origin }, payload)
  return entry!.storageKeys[entry!.storageKeys.length - 1]!.toLowerCase() as Hex
}

/** keccak256 of a payload: what validateMessage receives as msgHash (error messages show it). */
export const payloadHash = (payload: Hex): Hex => keccak256(payload)
