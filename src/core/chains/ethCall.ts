/**
 * `eth_call`, asked directly. viem's `call` action (and `readContract` / `multicall`, which go through it) also
 * serves deployless calls, CCIP read and batching through Multicall3, and keeps their bytecode and code in every
 * bundle that reads a contract (docs/ARCHITECTURE.md §8); core only ever calls a deployed contract. The reply is
 * checked (hex bytes, else `MalformedRpcReplyError`), and a refusal is wrapped the way the action wraps it
 * (`CallExecutionError` around the node's error), so revert data and messages read the same to callers.
 */
import {
  numberToHex,
  type AccessList,
  type Address,
  type BaseError,
  type BlockTag,
  type Chain,
  type Client,
  type Hex,
  type Transport,
} from 'viem'
import { getCallError } from 'viem/utils'

import { expectReply } from './expectReply'

export interface EthCallRequest {
  to: Address
  data: Hex
  from?: Address
  value?: bigint
  gas?: bigint
  accessList?: AccessList
}

/** Where the call runs: a block number, a tag, or a block hash (EIP-1898: a node without that block fails). */
export type EthCallBlock = bigint | BlockTag | { blockHash: Hex }

/** The call's return data (`0x` when it returned nothing). */
export async function ethCall(
  client: Client<Transport, Chain | undefined>,
  request: EthCallRequest,
  block: EthCallBlock = 'latest',
): Promise<Hex> {
  const { to, data, from, value, gas, accessList } = request
  const params = [
    {
      ...(from ? { from } : {}),
      to,
      data,
      ...(value !== undefined ? { value: numberToHex(value) } : {}),
      ...(gas !== undefined ? { gas: numberToHex(gas) } : {}),
      ...(accessList ? { accessList } : {}),
    },
    typeof block === 'bigint' ? numberToHex(block) : block,
  ]
  let reply: unknown
  try {
    reply = await client.request({ method: 'eth_call', params } as never)
  } catch (error) {
    throw getCallError(error as BaseError, {
      account: from ? { address: from, type: 'json-rpc' } : undefined,
      chain: client.chain,
      to,
      data,
      value,
      gas,
      accessList,
    })
  }
  return parseCallReply(client.chain?.id, reply)
}

/**
 * The node's return data, checked before anything decodes it: `0x` and whole bytes of hex. Anything else is the
 * RPC's fault, not the contract's, and is said so.
 */
export function parseCallReply(chainId: number | undefined, reply: unknown): Hex {
  return expectReply(chainId, 'eth_call', reply, /^0x(?:[0-9a-fA-F]{2})*$/, 'hex bytes') as Hex
}
