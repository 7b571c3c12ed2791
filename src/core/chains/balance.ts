/**
 * An account's balance, asked with `eth_getBalance` directly. viem's getBalance action reads through Multicall3
 * when the client batches and so keeps its `call` action (deployless-call bytecode, CCIP read) in every bundle that
 * checks a relayer's funds (docs/ARCHITECTURE.md §8). The reply is checked like every RPC reply.
 */
import { type Address, type Chain, type Client, type Transport } from 'viem'

import { MalformedRpcReplyError } from './errors'

/** The balance in wei at the latest block. */
export async function readBalance(
  client: Client<Transport, Chain | undefined>,
  address: Address,
): Promise<bigint> {
  const reply: unknown = await client.request({
    method: 'eth_getBalance',
    params: [address, 'latest'],
  } as never)
  return parseBalance(client.chain?.id, reply)
}

/** A hex quantity (`0x` and no leading zeros, as JSON-RPC writes numbers) of at most 256 bits. */
export function parseBalance(chainId: number | undefined, reply: unknown): bigint {
  const bad = (problem: string) => new MalformedRpcReplyError(chainId, 'eth_getBalance', problem)
  if (typeof reply !== 'string')
    throw bad(`expected a hex quantity, got ${reply === null ? 'null' : typeof reply}`)
  if (!/^0x(0|[1-9a-fA-F][0-9a-fA-F]{0,63})$/.test(reply))
    throw bad(
      `expected a hex quantity of at most 256 bits, got '${reply.length > 40 ? `${reply.slice(0, 40)}…` : reply}'`,
    )
  return BigInt(reply)
}
