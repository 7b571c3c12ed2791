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
  /**
   * What `from` holds on the destination against the plan's maximum fee (`fee.total`), when both are known: a
   * relay the account cannot pay is refused before signing (InsufficientRelayFundsError), and the preview says so.
   */
  funds?: { balance: bigint; enough: boolean }
}

/**
 * What the user approved in the preview: the figures the signed transaction may not exceed (docs/ARCHITECTURE.md
 * §9). `relay` re-derives and re-prices the plan right before signing — a lying or jumpy RPC could otherwise inflate
 * the fee between the preview and the signature and drain the relay account — and refuses with `PlanChangedError`
 * when the new gas limit or max fee per gas is more than `APPROVAL_MARGIN_PERCENT` above the approved one.
 */
export interface RelayApproval {
  gas: bigint
  maxFeePerGas: bigint
}

/** Fees move a little between a preview and a signature; more than this is a new plan to approve. */
export const APPROVAL_MARGIN_PERCENT = 10n

/** The approval a user gives by signing the plan they were shown; undefined when the plan has no price. */
export function approvalOf(plan: Pick<RelayPlan, 'fee'>): RelayApproval | undefined {
  return plan.fee ? { gas: plan.fee.gas, maxFeePerGas: plan.fee.maxFeePerGas } : undefined
}

/** The largest value an approved figure allows. */
export function approvedCeiling(value: bigint): bigint {
  return (value * (100n + APPROVAL_MARGIN_PERCENT)) / 100n
}

/** Does the freshly priced plan stay within what was approved (margin included)? */
export function withinApproval(fee: RelayApproval, approval: RelayApproval): boolean {
  return (
    fee.gas <= approvedCeiling(approval.gas) && fee.maxFeePerGas <= approvedCeiling(approval.maxFeePerGas)
  )
}
