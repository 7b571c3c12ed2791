export type { ChainConfig } from './types'
export { DEFAULT_DEVNET, INTEROP_ALPHA, INTEROP_RC_ALPHA, LOCAL_DEVNET, PRESETS } from './presets'
export { chainConfigToViemChain, createChainRegistry } from './registry'
export type { ChainRegistry, ChainRegistryListener } from './registry'
export { validateChainConfig } from './validate'
export { verifyRpc } from './verifyRpc'
export type { VerifyRpcOptions } from './verifyRpc'
export { isWebSocketUrl, rpcTransport } from './transport'
export type { RpcTransportOptions } from './transport'
export {
  ChainIdMismatchError,
  InvalidChainConfigError,
  RpcUnreachableError,
  UnknownChainError,
} from './errors'
