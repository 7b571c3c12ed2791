/**
 * What the app needs to know about one chain. Deliberately smaller than viem's `Chain`: it is what a user types in
 * the options page and what we persist (plain JSON, no functions), and `toViemChain` (registry.ts) derives the viem
 * chain from it when a client is needed.
 */
export interface ChainConfig {
  id: number
  name: string
  /** http(s) or ws(s) JSON-RPC endpoint. */
  rpcUrl: string
  /** Block explorer base URL without a trailing slash; links are built as `${explorerUrl}/tx/${hash}`. */
  explorerUrl?: string
  nativeSymbol: string
  /** Seconds the destination waits after the initiating block before a message is executable, when known. */
  interopDelay?: number
  testnet?: boolean
  /** Key in PRESETS this config came from; absent for chains the user added by hand. */
  preset?: string
}
