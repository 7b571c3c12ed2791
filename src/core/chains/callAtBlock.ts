/**
 * An `eth_call` pinned to one block *by hash* (EIP-1898), so that what it returns is consistent with the head the
 * caller read: a node behind one URL that does not have that block fails the call instead of answering from another
 * height or fork (docs/ARCHITECTURE.md §5). The reply is checked and a refusal wrapped as chains/ethCall.ts does.
 */
import { RpcRequestError, type Address, type Hex } from 'viem'

import { ethCall } from './ethCall'
import type { ChainClient } from './readClient'

/**
 * Behind a load balancer the call may reach a node that does not have the block yet ("header not found"): asked
 * again, it may reach another. A node that answered with an error is asked this often; a transport failure is not
 * retried here (the tick fails and backs off).
 */
const ATTEMPTS = 3

export async function callAtBlock(client: ChainClient, to: Address, data: Hex, blockHash: Hex): Promise<Hex> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ethCall(client, { to, data }, { blockHash })
    } catch (error) {
      if (!answeredWithError(error) || attempt >= ATTEMPTS) throw error
    }
  }
}

function answeredWithError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 10; e = e.cause, depth++) {
    if (e instanceof RpcRequestError) return true
  }
  return false
}
