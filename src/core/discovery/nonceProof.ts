/**
 * Proof that an account scan saw every SentMessage of a chain (docs/ARCHITECTURE.md §2). The messenger numbers the
 * messages it sends 0, 1, 2… (`messageNonce()`; the top 16 bits carry the message version) and emits exactly one
 * SentMessage per number, so "every log up to the head" has a count to be checked against: every nonce below the
 * head's `messageNonce()` must have been seen. A node that answers a range with no logs while it has them (lying, not
 * lagging) leaves a hole in that sequence — which the rescanned tail cannot show once the range is below it.
 *
 * The proof is a number stored with the scan cursor: `nextNonce`, the first nonce not yet seen (every one below it
 * was), and `nonceFloorBlock`, the block of the last one seen. A hole is looked up by its nonces (an indexed topic)
 * from that block up; one the node still will not show fails the scan with `HiddenLogsError`, and the proof stays
 * at the hole so the next scan asks again. A `resendMessage` re-emits an old nonce and changes nothing here. A head
 * `messageNonce()` below the proof (a reorg dropped sends, or the node lags) lowers it: the rest is proven again.
 */
import { decodeFunctionResult, encodeFunctionData, type AbiEvent, type Log } from 'viem'

import { ethCall } from '../chains/ethCall'
import type { ChainClient } from '../chains/readClient'
import { SuperchainRelayError } from '../errors/base'
import { l2ToL2CrossDomainMessengerAbi, messengerExtrasAbi } from '../protocol/abis'
import { L2_TO_L2_CROSS_DOMAIN_MESSENGER } from '../protocol/addresses'
import { decodeSentMessages, type DecodedMessage } from '../protocol/decode'
import { searchLogs } from './logSearch'

/** The nonce's number, without the version the messenger keeps in its top 16 bits. */
const NONCE_MASK = (1n << 240n) - 1n

/** At most this many missing nonces are looked up in one scan (a topic filter with more is refused by some RPCs). */
const MAX_LOOKUP = 200

const SENT_MESSAGE = l2ToL2CrossDomainMessengerAbi.find(
  (x) => x.type === 'event' && x.name === 'SentMessage',
) as AbiEvent

/** The messenger handed out nonces the node did not show the SentMessage logs of, even when asked for them by nonce. */
export class HiddenLogsError extends SuperchainRelayError {
  override name = 'HiddenLogsError'
  readonly chainId: number
  /** The first nonce not seen, and the head's next nonce (exclusive). */
  readonly missingFrom: bigint
  readonly missingTo: bigint
  constructor(
    chainId: number,
    missingFrom: bigint,
    missingTo: bigint,
    searched: { from: bigint; to: bigint },
  ) {
    const which =
      missingTo - missingFrom === 1n ? `nonce ${missingFrom}` : `nonces ${missingFrom}–${missingTo - 1n}`
    super(
      `Chain ${chainId}'s RPC did not return the SentMessage logs of ${which} (blocks ${searched.from}–${searched.to}), ` +
        `though its messenger counts ${missingTo} messages: a transfer may be missing from the scan. It is asked again on the next scan.`,
    )
    this.chainId = chainId
    this.missingFrom = missingFrom
    this.missingTo = missingTo
  }
}

/** What the cursor stores of the proof. Both absent: nothing proven yet (a cursor from before the proof existed). */
export interface NonceProofState {
  nextNonce?: bigint
  nonceFloorBlock?: bigint
}

/** The messenger's `messageNonce()` at a block, with its version bits. */
export async function readNextNonce(client: ChainClient, blockNumber: bigint): Promise<bigint> {
  const data = await ethCall(
    client,
    {
      to: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
      data: encodeFunctionData({ abi: messengerExtrasAbi, functionName: 'messageNonce' }),
    },
    blockNumber,
  )
  return decodeFunctionResult({ abi: messengerExtrasAbi, functionName: 'messageNonce', data })
}

/**
 * Where a cursor that has never proven anything starts: block 0 has sent nothing; else the nonce just below the
 * first block scanned, if the node still has that state (a full node keeps ~128 blocks of it — then the proof starts
 * at the first log seen, and what a node hid before it cannot be told).
 */
export async function startingProof(client: ChainClient, firstBlock: bigint): Promise<NonceProofState> {
  if (firstBlock <= 0n) return { nextNonce: 0n, nonceFloorBlock: 0n }
  const next = await readNextNonce(client, firstBlock - 1n).catch(() => undefined)
  return next === undefined ? {} : { nextNonce: next & NONCE_MASK, nonceFloorBlock: firstBlock }
}

/** The nonces one scan has seen, with their blocks, and the proof moved through them. */
export class NonceProof {
  private readonly seen = new Map<bigint, bigint>()
  private state: NonceProofState

  constructor(state: NonceProofState) {
    this.state = { ...state }
  }

  /** Every SentMessage the scan read, the account's or not. */
  see(decoded: readonly DecodedMessage[]): void {
    const nonces: bigint[] = []
    for (const d of decoded) {
      if (d.initiatingLog === undefined) continue
      const n = d.nonce & NONCE_MASK
      this.seen.set(n, d.initiatingLog.blockNumber)
      nonces.push(n)
    }
    // A cursor with nothing proven (no state that old on the node) starts at the first nonce it sees.
    if (this.state.nextNonce === undefined && nonces.length > 0)
      this.state = { nextNonce: nonces.reduce((a, b) => (b < a ? b : a)) }
    this.advance()
  }

  current(): NonceProofState {
    return { ...this.state }
  }

  /**
   * Checks the proof against the head's `messageNonce()`: looks up what is missing by nonce, hands what it finds to
   * `take` (the same path as a scanned range's logs), and throws `HiddenLogsError` for what stays missing.
   */
  async closeAt(
    client: ChainClient,
    chainId: number,
    head: { latest: bigint; settled: bigint },
    take: (decoded: DecodedMessage[]) => Promise<void>,
  ): Promise<{ requests: number }> {
    const versioned = await readNextNonce(client, head.latest)
    const headNext = versioned & NONCE_MASK
    const version = versioned - headNext
    let requests = 1
    const { nextNonce, nonceFloorBlock } = this.state
    if (nextNonce === undefined) {
      // Nothing seen, and no state to start from: what the head counts is where the proof starts.
      this.state = { nextNonce: headNext, nonceFloorBlock: head.latest }
      return { requests }
    }
    if (headNext < nextNonce) {
      // Sends this proof saw are gone from the chain (a reorg), or this node lags: prove from its count again.
      this.state = {
        nextNonce: headNext,
        nonceFloorBlock: min(nonceFloorBlock ?? head.settled, head.settled),
      }
      return { requests }
    }
    if (headNext === nextNonce) return { requests }

    const from = min(nonceFloorBlock ?? head.settled, head.settled)
    const missing = this.missing(nextNonce, headNext).map((n) => version | n)
    const result = await searchLogs(
      client,
      { address: L2_TO_L2_CROSS_DOMAIN_MESSENGER, event: SENT_MESSAGE, args: { messageNonce: missing } },
      from,
      head.latest,
    )
    requests += 1
    const decoded = decodeSentMessages(chainId, result.logs as Log[])
    this.see(decoded)
    if (decoded.length > 0) await take(decoded)
    const proven = this.state.nextNonce!
    if (proven < headNext) throw new HiddenLogsError(chainId, proven, headNext, { from, to: head.latest })
    return { requests }
  }

  /** The nonces in [from, to) not seen, at most MAX_LOOKUP, with the version bits the messenger puts in topics. */
  private missing(from: bigint, to: bigint): bigint[] {
    const out: bigint[] = []
    for (let n = from; n < to && out.length < MAX_LOOKUP; n++) if (!this.seen.has(n)) out.push(n)
    return out
  }

  private advance(): void {
    let { nextNonce, nonceFloorBlock } = this.state
    if (nextNonce === undefined) return
    while (this.seen.has(nextNonce)) {
      nonceFloorBlock = this.seen.get(nextNonce)
      nextNonce += 1n
    }
    this.state = { nextNonce, nonceFloorBlock }
  }
}

function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b
}
