/**
 * Chains a user can add with one click. Ids, names, RPC URLs and explorers come from `@eth-optimism/viem/chains`
 * rather than being retyped, so they follow that package when it is upgraded.
 */
import {
  interopAlpha0,
  interopAlpha1,
  interopRcAlpha0,
  interopRcAlpha1,
  supersimL2A,
  supersimL2B,
  supersimL2C,
  supersimL2D,
  supersimL2E,
} from '@eth-optimism/viem/chains'
import type { Chain } from 'viem'

import type { ChainConfig } from './types'

/** The subset of viem's `Chain` a preset is read from. */
type PresetSource = Pick<Chain, 'id' | 'name' | 'rpcUrls' | 'blockExplorers' | 'nativeCurrency' | 'testnet'>

function fromViemChain(chain: PresetSource, preset: string, name = chain.name): ChainConfig {
  const rpcUrl = chain.rpcUrls.default.http[0] ?? chain.rpcUrls.default.webSocket?.[0]
  if (!rpcUrl) throw new Error(`preset ${preset}: chain ${chain.id} has no default RPC URL`)
  // interop-rc-alpha ships an explorer entry whose url is '', which is "no explorer", not a relative link.
  const explorer = chain.blockExplorers?.default.url.replace(/\/+$/, '')
  return {
    id: chain.id,
    name,
    rpcUrl,
    ...(explorer ? { explorerUrl: explorer } : {}),
    nativeSymbol: chain.nativeCurrency.symbol,
    ...(chain.testnet === undefined ? {} : { testnet: chain.testnet }),
    preset,
  }
}

/**
 * Our local devnet (devnet/) serves the same ids and ports as Supersim (docs/ARCHITECTURE.md §7), so it reuses the supersim
 * chain definitions. It is not Supersim, though, so the names say "Devnet" to avoid sending users to Supersim docs.
 */
export const LOCAL_DEVNET: ChainConfig[] = [
  supersimL2A,
  supersimL2B,
  supersimL2C,
  supersimL2D,
  supersimL2E,
].map((chain) => fromViemChain(chain, 'localDevnet', chain.name.replace(/^Supersim /, 'Devnet ')))

/**
 * What `npm run devnet` and `npm start` run by default (901 and 902): the shells' default chains, so a fresh install
 * does not keep failing to reach 903–905, which only `--chains 5` starts. Add those from the preset when needed.
 */
export const DEFAULT_DEVNET: ChainConfig[] = LOCAL_DEVNET.slice(0, 2)

export const INTEROP_ALPHA: ChainConfig[] = [interopAlpha0, interopAlpha1].map((chain) =>
  fromViemChain(chain, 'interopAlpha'),
)

export const INTEROP_RC_ALPHA: ChainConfig[] = [interopRcAlpha0, interopRcAlpha1].map((chain) =>
  fromViemChain(chain, 'interopRcAlpha'),
)

/** Preset key → its chains. The key is recorded in each config's `preset`. */
export const PRESETS: Record<string, ChainConfig[]> = {
  localDevnet: LOCAL_DEVNET,
  interopAlpha: INTEROP_ALPHA,
  interopRcAlpha: INTEROP_RC_ALPHA,
}
