/**
 * An account's balance, asked with `eth_getBalance` directly. viem's getBalance action reads through Multicall3
 * when the client batches and so keeps its `call` action (deployless-call bytecode, CCIP read) in every bundle that
 * checks a relayer's funds (docs/ARCHITECTURE.md §8). The reply is checked like every RPC reply.
 */
import { type Address, type Chain, type Client, type Transport } from 'viem'

import { expectReply } from './expectReply'

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
  const shape = /^0x(0|[1-9a-fA-F][0-9a-fA-F]{0,63})$/
  return BigInt(expectReply(chainId, 'eth_getBalance', reply, shape, 'a hex quantity of at most 256 bits'))
}
