/**
 * The RPC client core reads chains with: a viem client carrying only the actions core calls. viem's
 * `createPublicClient` attaches every public action (ENS, CCIP read, signature verification with its secp256k1
 * curve, simulateCalls, the watch* family…), and a bundler keeps all of it because the decorator references it —
 * about a third of the standalone element's viem (docs/ARCHITECTURE.md §8). Built from `createClient` plus the
 * action functions themselves, a bundle holds only these. `ChainClient` is a client with that slice of `PublicClient`'s
 * actions, so a full PublicClient (tests, a dapp's client) still fits wherever core takes one. Gas for a relay is
 * estimated with a direct `eth_estimateGas` request (relay/prepare.ts): viem's estimateGas action keeps secp256k1.
 * Contracts are read with a direct `eth_call` (chains/ethCall.ts): viem's call action keeps deployless-call bytecode
 * and CCIP read, and `readContract` / `multicall` go through it; `getBalance` may too, so a balance is a direct
 * `eth_getBalance` (chains/balance.ts).
 */
import {
  createClient,
  type Chain,
  type Client,
  type ClientConfig,
  type PublicActions,
  type PublicClient,
  type Transport,
} from 'viem'
import {
  estimateFeesPerGas,
  getBlock,
  getBlockNumber,
  getChainId,
  getCode,
  getLogs,
  getTransaction,
  getTransactionCount,
  getTransactionReceipt,
} from 'viem/actions'

/** The public actions core uses; adding one here is the whole change when core needs another. */
export type ReadAction =
  | 'estimateFeesPerGas'
  | 'getBlock'
  | 'getBlockNumber'
  | 'getChainId'
  | 'getCode'
  | 'getLogs'
  | 'getTransaction'
  | 'getTransactionCount'
  | 'getTransactionReceipt'

/** A PublicClient as far as core uses one. */
export type ChainClient = Client<Transport, Chain | undefined> &
  Pick<PublicActions<Transport, Chain | undefined>, ReadAction>

/**
 * viem's actions are generic over the call's arguments; bound here they keep their runtime behaviour, and the
 * `ChainClient` type (viem's own signatures) is what callers see.
 */
function readActions(client: PublicClient): Pick<PublicActions<Transport, Chain | undefined>, ReadAction> {
  const actions = {
    estimateFeesPerGas: (args: Parameters<typeof estimateFeesPerGas>[1]) => estimateFeesPerGas(client, args),
    getBlock: (args: Parameters<typeof getBlock>[1]) => getBlock(client, args),
    getBlockNumber: (args: Parameters<typeof getBlockNumber>[1]) => getBlockNumber(client, args),
    getChainId: () => getChainId(client),
    getCode: (args: Parameters<typeof getCode>[1]) => getCode(client, args),
    getLogs: (args: Parameters<typeof getLogs>[1]) => getLogs(client, args),
    getTransaction: (args: Parameters<typeof getTransaction>[1]) => getTransaction(client, args),
    getTransactionCount: (args: Parameters<typeof getTransactionCount>[1]) =>
      getTransactionCount(client, args),
    getTransactionReceipt: (args: Parameters<typeof getTransactionReceipt>[1]) =>
      getTransactionReceipt(client, args),
  } satisfies Record<ReadAction, unknown>
  return actions as unknown as Pick<PublicActions<Transport, Chain | undefined>, ReadAction>
}

/** `createPublicClient` with only core's actions: same config, same transport behaviour. */
export function createChainClient<chain extends Chain | undefined>(
  config: ClientConfig<Transport, chain>,
): ChainClient {
  const client = createClient({ ...config, key: 'public', name: 'Public Client' }) as unknown as PublicClient
  return client.extend(readActions as never) as unknown as ChainClient
}
