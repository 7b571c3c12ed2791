/**
 * What a SentMessage log says: where it sits, what its body does, and the fields that make its hash. Protocol
 * shapes, decoded here and built on by the tracked-message model (src/core/model/message.ts), so the arrows in core
 * point one way (docs/ARCHITECTURE.md §1).
 */
import type { Address, Hex } from 'viem'

/** Where the SentMessage log sits now. Together with the source chain id this is the relay's `Identifier`. */
export interface InitiatingLog {
  blockNumber: bigint
  blockHash: Hex
  logIndex: number
  /** Timestamp of the block holding the log: the Identifier's timestamp and the start of the 7-day expiry. */
  timestamp: bigint
  transactionHash: Hex
}

/** What the message does on the destination, decoded from its body. */
export type MessageIntent =
  | {
      kind: 'erc20'
      token: Address
      from: Address
      to: Address
      amount: bigint
      /** Read from the token on the source chain; absent when the token does not answer. */
      symbol?: string
      decimals?: number
    }
  | { kind: 'eth'; from: Address; to: Address; amount: bigint }
  | {
      kind: 'generic'
      /** First four bytes of the body, if it has them. */
      selector?: Hex
    }

/** What a SentMessage log says of its message: the same for a decoded log and a tracked message. */
export interface SentMessageFields {
  /** keccak256(abi.encode(destination, source, nonce, sender, target, message)): the identity. */
  hash: Hex
  source: number
  destination: number
  nonce: bigint
  /** msg.sender of sendMessage: for token/ETH transfers the bridge, not the user. */
  sender: Address
  target: Address
  /** The body the target is called with. */
  message: Hex
  intent: MessageIntent
}
