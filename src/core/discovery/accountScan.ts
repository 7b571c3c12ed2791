/**
 * Discovery by account: finds the outgoing and incoming cross-chain messages of watched accounts on one chain by
 * scanning its logs, resuming from a stored cursor.
 *
 * One `eth_getLogs` per range, for the messenger's SentMessage: every SuperchainERC20 and ETH transfer is itself a
 * SentMessage whose body (`relayERC20(token, from, to, amount)` / `relayETH(from, to, amount)`) names the same
 * `from` and `to` that SendERC20/SendETH index, and a generic message names its `sender`. So one query finds
 * outgoing transfers (from), incoming transfers (to — scanned on every *other* chain, where they start) and generic
 * messages (sender), with no receipt fetches. The cost is that the node returns every interop message in the range,
 * not only the account's; on the chains we target that volume is small, and it keeps requests per range at one
 * whatever the number of accounts.
 *
 * Each scan also scans the unfinalized tail again (from the finalized block up, at least the last 128 blocks), because a node behind a load
 * balancer that lags (and so answers `eth_getLogs` with nothing past its own head), or a reorg, can hide a log from
 * one scan — and a cursor past it would never look there again. A node that hides logs for good (lying, not
 * lagging) is caught by the messenger's count instead (nonceProof.ts): a complete scan proves it saw every nonce.
 */
import { type AbiEvent, type Address } from 'viem'

import type { ChainClient } from '../chains/readClient'
import { l2ToL2CrossDomainMessengerAbi } from '../protocol/abis'
import { L2_TO_L2_CROSS_DOMAIN_MESSENGER } from '../protocol/addresses'
import { decodeSentMessages, type DecodedMessage } from '../protocol/decode'
import type { MessageStore, ScanCursor } from '../store/types'
import { normalizeAddress, type TrackedMessage } from '../model/message'
import { DEFAULT_RANGE, growRange, isRangeTooLarge, shrinkRange } from './rangeSize'
import { NonceProof, startingProof } from './nonceProof'
import { involvedAccounts, toTrackedMessage } from './toTrackedMessage'

const SENT_MESSAGE = l2ToL2CrossDomainMessengerAbi.find(
  (x) => x.type === 'event' && x.name === 'SentMessage',
) as AbiEvent

/** Blocks scanned back when an account is first watched: 7 days of 2-second blocks (older messages are expired). */
export const DEFAULT_LOOKBACK_BLOCKS = 302_400n

export interface AccountScanOptions {
  client: ChainClient
  chainId: number
  account: Address
  store: MessageStore
  /** First block for an account with no cursor; default latest − DEFAULT_LOOKBACK_BLOCKS. */
  startBlock?: bigint
  /** Stop after this many ranges (a service worker has a short life; the cursor resumes the rest). */
  maxRanges?: number
  now?: () => number
  /**
   * Where found messages go, before the cursor moves past them. The tracker passes its one writer, which inserts new
   * messages and only adds the account to ones it already tracks (docs/ARCHITECTURE.md §5). Default: insert the new
   * ones into `store`, leaving tracked ones alone.
   */
  addMessages?: (messages: TrackedMessage[]) => Promise<void>
}

export interface AccountScanResult {
  found: number
  requests: number
  cursor: ScanCursor
  /** True when the cursor reached the chain head. */
  complete: boolean
}

export function cursorKey(chainId: number, account: Address): string {
  return `${chainId}:${normalizeAddress(account)}`
}

export async function scanAccount(options: AccountScanOptions): Promise<AccountScanResult> {
  const { client, chainId, store } = options
  const account = normalizeAddress(options.account)
  const now = options.now ?? Date.now
  const key = cursorKey(chainId, account)
  let requests = 2
  const latest = await client.getBlockNumber({ cacheTime: 0 })
  const settled = await settledHeight(client, latest)
  const stored = await store.getCursor(key)
  let cursor = stored ?? (await newCursor(options, account, latest))
  // A new cursor reads the messenger's count just below its first block, where the proof starts (nonceProof.ts).
  if (stored === undefined) requests++
  const proof = new NonceProof(stored ?? (await startingProof(client, cursor.fromBlock)))
  let ranges = 0
  // Each run starts again above the finalized block: a log that a lagging node behind the URL (or a reorg) kept
  // from an earlier run is found now. Only what is new there counts as found.
  const known = cursor.toBlock
  const take = takeMine(options, account, known)
  let scanned = known < settled ? known : settled
  while (scanned < latest && (options.maxRanges === undefined || ranges < options.maxRanges)) {
    const from: bigint = scanned + 1n
    const to: bigint = from + cursor.rangeSize - 1n < latest ? from + cursor.rangeSize - 1n : latest
    const started = Date.now()
    requests++
    const logs = await rangeLogs(client, from, to, cursor.rangeSize)
    if (logs === 'tooLarge') {
      cursor = { ...cursor, rangeSize: shrinkRange(cursor.rangeSize) }
      continue
    }
    ranges++
    const decoded = decodeSentMessages(chainId, logs)
    proof.see(decoded)
    await take.add(decoded)
    scanned = to
    cursor = {
      ...cursor,
      ...proof.current(),
      toBlock: to > cursor.toBlock ? to : cursor.toBlock,
      rangeSize: growRange(cursor.rangeSize, Date.now() - started),
      updatedAt: now(),
    }
    await store.setCursor(key, cursor)
  }
  const complete = scanned >= latest
  // The whole chain up to the head was read: every nonce its messenger handed out must have been seen.
  if (complete) {
    try {
      requests += (await proof.closeAt(client, chainId, { latest, settled }, take.add)).requests
    } finally {
      cursor = { ...cursor, ...proof.current() }
      await store.setCursor(key, cursor)
    }
  }
  return { found: take.found(), requests, cursor, complete }
}

/** A cursor for an account scanned the first time: from `startBlock`, or a week back. */
async function newCursor(options: AccountScanOptions, account: Address, latest: bigint): Promise<ScanCursor> {
  const start =
    options.startBlock ?? (latest > DEFAULT_LOOKBACK_BLOCKS ? latest - DEFAULT_LOOKBACK_BLOCKS : 0n)
  return {
    chainId: options.chainId,
    account,
    direction: 'sender',
    fromBlock: start,
    toBlock: start - 1n,
    rangeSize: DEFAULT_RANGE,
    updatedAt: (options.now ?? Date.now)(),
  }
}

/** One range's SentMessage logs, or 'tooLarge' when the RPC refuses the span and a smaller one is left to try. */
async function rangeLogs(client: ChainClient, from: bigint, to: bigint, rangeSize: bigint) {
  try {
    return await client.getLogs({
      address: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
      event: SENT_MESSAGE,
      fromBlock: from,
      toBlock: to,
    })
  } catch (error) {
    if (isRangeTooLarge(error) && rangeSize > 1n) return 'tooLarge' as const
    throw error
  }
}

/**
 * The account's messages among decoded SentMessages, handed to the writer before the cursor moves past them; counts
 * as found those below the cursor's old end only when they are news (the rescanned tail finds tracked ones again).
 */
function takeMine(options: AccountScanOptions, account: Address, known: bigint) {
  const { client, store } = options
  const blockTimestamps = new Map<bigint, bigint>()
  const tokenMetadata = new Map<string, { symbol?: string; decimals?: number }>()
  let found = 0
  return {
    found: () => found,
    add: async (decoded: DecodedMessage[]): Promise<void> => {
      const messages: TrackedMessage[] = []
      for (const d of decoded.filter((d) => involvedAccounts(d, [account]).length > 0)) {
        const now = (options.now ?? Date.now)()
        messages.push(
          await toTrackedMessage(d, { client, watched: [account], now, blockTimestamps, tokenMetadata }),
        )
      }
      for (const m of messages)
        if (!(m.initiatingLog!.blockNumber <= known) || (await isNews(store, m))) found += 1
      if (messages.length > 0) await (options.addMessages ?? insertNew(store))(messages)
    },
  }
}

/** A message found again in the rescanned tail is news when the store lacks it, or has it at another log. */
async function isNews(store: MessageStore, m: TrackedMessage): Promise<boolean> {
  const stored = (await store.get(m.hash))?.initiatingLog
  return stored?.blockHash !== m.initiatingLog!.blockHash || stored?.logIndex !== m.initiatingLog!.logIndex
}

/**
 * The rescanned tail is at least this many blocks (about 4 minutes of 2-second blocks), also where the node names no
 * finalized block: a chain that finalizes within a few blocks (a devnet) would otherwise leave a node that hid a log
 * for a few seconds no time to be asked again.
 */
const MIN_TAIL_BLOCKS = 128n

/** Where the rescanned tail starts: the finalized block as this node reports it, at least MIN_TAIL_BLOCKS back. */
async function settledHeight(client: ChainClient, latest: bigint): Promise<bigint> {
  const finalized = await client.getBlock({ blockTag: 'finalized' }).catch(() => undefined)
  const floor = latest > MIN_TAIL_BLOCKS ? latest - MIN_TAIL_BLOCKS : 0n
  const n = finalized?.number ?? floor
  return n < floor ? n : floor
}

/** Insert what the store lacks; a message it tracks already is left to the tracker's writer. */
function insertNew(store: MessageStore): (messages: TrackedMessage[]) => Promise<void> {
  return async (messages) => {
    await store.updateMany(
      messages.map((m) => m.hash),
      (current, hash) => (current ? undefined : messages.find((m) => m.hash.toLowerCase() === hash)),
    )
  }
}
