/**
 * The persistence boundary of core (docs/ARCHITECTURE.md §1–2): discovery and the poller write tracked messages and scan
 * cursors through this interface, the shells read them back. Shells choose the implementation — IndexedDB in the
 * extension and the widget, memory in tests and one-shot CLI runs — so nothing above this file knows how a message
 * is stored.
 */
import type { Address, Hex } from 'viem'

import type { MessageStatus, TrackedMessage } from '../model/message'
import type { UnreadableRecord } from './storedRecord'

/** Which side of a transfer an account scan follows (see discovery): the indexed `from`, `to`, or the messenger sender. */
export type ScanDirection = 'outgoing' | 'incoming' | 'sender'

/**
 * Where an account scan stopped, so that a restarted service worker resumes instead of re-reading the chain.
 * `[fromBlock, toBlock]` is the range already scanned; `rangeSize` is the `eth_getLogs` span that last worked,
 * remembered because RPCs cap it differently and re-learning it costs failed calls.
 */
export interface ScanCursor {
  chainId: number
  account: Address
  direction: ScanDirection
  fromBlock: bigint
  toBlock: bigint
  rangeSize: bigint
  /** ms since epoch. */
  updatedAt: number
  /**
   * The proof that the scans saw every SentMessage of the chain (discovery/nonceProof.ts): the first messenger nonce
   * not seen yet, and the block of the last one seen. Absent on cursors written before it existed.
   */
  nextNonce?: bigint
  nonceFloorBlock?: bigint
}

/**
 * Narrows `list()`. Criteria combine with AND; the values inside one criterion combine with OR.
 * An empty array matches nothing (a UI that unticks every status should show nothing, not everything).
 */
export interface MessageFilter {
  /** Messages that involve any of these accounts (compared case-insensitively). */
  accounts?: Address[]
  statuses?: MessageStatus[]
  /** Messages whose source *or* destination is this chain. */
  chainId?: number
}

/** What a setting may hold: it must survive JSON, because shells mirror settings into JSON-only places. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

/**
 * What an atomic update does with the current record: it gets a private copy (or `undefined` when the hash is not
 * stored) and returns the record to store, or `undefined` to leave the store as it is. It must be synchronous and
 * must not throw for ordinary outcomes: it runs inside the store's transaction (docs/ARCHITECTURE.md §5). A
 * returned record must keep the hash it is stored under.
 */
export type MessageMutator = (current: TrackedMessage | undefined) => TrackedMessage | undefined

/** The same for a setting: return the new value, or `undefined` to leave it. */
export type SettingMutator = (current: JsonValue | undefined) => JsonValue | undefined

/**
 * Stored state is never shared with callers: every value goes in and comes out as a copy, so mutating a returned
 * message cannot change the store behind the poller's back.
 *
 * Two normalizations keep lookups exact: a message's `hash` and its `accounts` are stored lower-cased (the accounts
 * index is queried with lower-cased keys, and a hash differing only in case is the same message).
 */
export interface MessageStore {
  get(hash: Hex): Promise<TrackedMessage | undefined>
  /** Newest first by `createdAt`; equal `createdAt` ordered by hash so every implementation agrees. */
  list(filter?: MessageFilter): Promise<TrackedMessage[]>
  /**
   * Inserts, or replaces the message with the same hash — blindly. Only for a caller that owns the whole record
   * (a test, a first insert); every change to a tracked message goes through `update`, which cannot lose a field
   * another writer set in between.
   */
  upsert(message: TrackedMessage): Promise<void>
  /** All or nothing: a failure part-way leaves the store as it was. */
  upsertMany(messages: readonly TrackedMessage[]): Promise<void>
  /**
   * The one way to change a stored message: read, `mutate`, write, as one atomic step. No other write to this store
   * — from this process or, for a store shared between processes (the CLI's state file), another — lands between
   * the read and the write. Resolves with the record as stored afterwards (undefined when there is none). A mutator
   * that throws writes nothing and its error rejects the call.
   */
  update(hash: Hex, mutate: MessageMutator): Promise<TrackedMessage | undefined>
  /** `update` for several messages in one atomic step: all written or none. Results in the order of `hashes`. */
  updateMany(
    hashes: readonly Hex[],
    mutate: (current: TrackedMessage | undefined, hash: Hex) => TrackedMessage | undefined,
  ): Promise<(TrackedMessage | undefined)[]>
  /**
   * Stored records that are not valid messages (storedRecord.ts), which every other read leaves out. Only a store
   * that can hold such records has it (IndexedDB); the others cannot (memory) or refuse the whole file (the CLI's).
   */
  listUnreadable?(): Promise<UnreadableRecord[]>
  remove(hash: Hex): Promise<void>
  /**
   * Forgets the tracked history: messages *and* scan cursors, because a cursor asserts "everything up to this
   * block is already in the store" and would be a lie once the messages are gone. Settings survive.
   */
  clear(): Promise<void>
  getCursor(key: string): Promise<ScanCursor | undefined>
  setCursor(key: string, cursor: ScanCursor): Promise<void>
  /** Every cursor with its key (a chain reset forgets the cursors of that chain). */
  listCursors(): Promise<{ key: string; cursor: ScanCursor }[]>
  removeCursor(key: string): Promise<void>
  /** The stored value is not checked against `T`: a setting written by an older build may have another shape. */
  getSetting<T extends JsonValue = JsonValue>(key: string): Promise<T | undefined>
  setSetting(key: string, value: JsonValue): Promise<void>
  /** Atomic read-modify-write of a setting (a list two writers extend, a per-chain record). Resolves with the value after. */
  updateSetting(key: string, mutate: SettingMutator): Promise<JsonValue | undefined>
  /** Every later call rejects with `StoreClosedError`. */
  close(): Promise<void>
}
