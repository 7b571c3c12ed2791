/**
 * An `eth_call` pinned to one block *by hash* (EIP-1898), so that what it returns is consistent with the head the
 * caller read: a node behind one URL that does not have that block fails the call instead of answering from another
 * height or fork (docs/ARCHITECTURE.md §5). viem's `call` takes a number or a tag only, hence the raw request.
 */
import type { Address, Hex, PublicClient } from 'viem'

export async function callAtBlock(
  client: PublicClient,
  to: Address,
  data: Hex,
  blockHash: Hex,
): Promise<Hex> {
  return (await client.request({
    method: 'eth_call',
    params: [{ to, data }, { blockHash }],
  } as never)) as Hex
}
