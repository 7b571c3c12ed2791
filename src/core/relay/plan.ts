/**
 * A relay plan: everything the user must see before signing, and everything a signer needs to send the executing
 * transaction. It is always re-derived from the source chain (relay/prepare.ts), never taken from UI input.
 */
import type { AccessList, Address, Hex } from 'viem'

export interface MessageIdentifier {
  origin: Address
  blockNumber: bigint
  logIndex: bigint
  timestamp: bigint
  chainId: bigint
}

export type SimulationResult = { ok: true } | { ok: false; reason: string }

export interface RelayPlan {
  messageHash: Hex
  source: number
  destination: number
  /** The executing transaction: relayMessage(id, payload) on the destination's messenger, with its access list. */
  transaction: { to: Address; data: Hex; accessList: AccessList; value: bigint; gas?: bigint }
  id: MessageIdentifier
  payload: Hex
  /** "Mint 10 MOCK to 0x… on Devnet L2 B". */
  description: string
  /** eth_call of the relay with its access list, from the account that will sign. */
  simulation: SimulationResult
  /** Fee estimate in wei (gas × maxFeePerGas), when the simulation succeeded. */
  fee?: { gas: bigint; maxFeePerGas: bigint; maxPriorityFeePerGas: bigint; total: bigint }
  /** The account the plan was simulated for. */
  from?: Address
}
