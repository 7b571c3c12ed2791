/**
 * The CrossL2Inbox.validateMessage calls a transaction would make, found by tracing it. Only ever an extra for the
 * interop filter (docs/ARCHITECTURE.md §7): it names, in a refusal, which call used a bad access-list entry,
 * and lets the devnet refuse up front a transaction that would certainly revert NotInAccessList. It never decides
 * that a transaction may pass — the access list does — because a trace can be skipped or fail.
 */
import { crossL2InboxAbi } from '@eth-optimism/viem/abis'
import { decodeFunctionData, toFunctionSelector, type Address, type Hex, type PublicClient } from 'viem'

import { CROSS_L2_INBOX } from '../src/core/protocol/addresses'
import type { SubmittedTransaction } from './submittedTransactions'

const VALIDATE_MESSAGE = toFunctionSelector(
  'validateMessage((address,uint256,uint256,uint256,uint256),bytes32)',
)

interface CallFrame {
  from?: string
  to?: string
  input?: string
  error?: string
  calls?: CallFrame[]
}

export interface ValidateMessageCall {
  /** The contract (or account) that called the inbox. */
  caller: Address
  /** 1 = the transaction's own call. */
  depth: number
  id: { origin: Address; blockNumber: bigint; logIndex: bigint; timestamp: bigint; chainId: bigint }
  msgHash: Hex
  /** The inbox refused the call: in practice NotInAccessList, an undeclared message. */
  reverted: boolean
}

export interface TracedTransaction {
  calls: ValidateMessageCall[]
  /** The whole transaction would revert. */
  reverted: boolean
}

const hex = (n: bigint | undefined) => (n === undefined ? undefined : (`0x${n.toString(16)}` as Hex))

export async function traceValidateMessageCalls(
  client: PublicClient,
  tx: SubmittedTransaction,
): Promise<TracedTransaction> {
  const trace = (await client.request({
    method: 'debug_traceCall' as never,
    params: [
      {
        from: tx.from,
        to: tx.to ?? undefined,
        data: tx.data,
        value: hex(tx.value),
        gas: hex(tx.gas),
        accessList: tx.accessList,
      },
      'latest',
      { tracer: 'callTracer' },
    ] as never,
  })) as CallFrame
  const calls: ValidateMessageCall[] = []
  const visit = (frame: CallFrame, depth: number) => {
    if (
      frame.to?.toLowerCase() === CROSS_L2_INBOX.toLowerCase() &&
      frame.input?.slice(0, 10).toLowerCase() === VALIDATE_MESSAGE
    ) {
      try {
        const { args } = decodeFunctionData({ abi: crossL2InboxAbi, data: frame.input as Hex })
        const [id, msgHash] = args as unknown as [ValidateMessageCall['id'], Hex]
        calls.push({
          caller: frame.from as Address,
          depth,
          id,
          msgHash,
          reverted: frame.error !== undefined,
        })
      } catch {
        // Calldata the inbox cannot decode either: it reverts by itself, there is no message to report.
      }
    }
    for (const child of frame.calls ?? []) visit(child, depth + 1)
  }
  visit(trace, 1)
  return { calls, reverted: trace.error !== undefined }
}
