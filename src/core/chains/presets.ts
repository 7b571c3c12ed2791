/**
 * Chains a user can add with one click. Ids, names, RPC URLs and explorers are those of viem's and
 * `@eth-optimism/viem`'s chain definitions, copied as data (`SOURCES`): importing the definitions would put each
 * chain's OP Stack formatters, transaction serializers and (for the Supersim chains) every predeploy address into the
 * widget's bundle, for five strings per chain (docs/ARCHITECTURE.md §8). presets.test.ts compares the copy with the
 * packages' definitions, so an upgrade that changes one fails there.
 *
 * What a preset promises about interop is said separately (`PRESET_INFO`): the Lagoon testnet pair is offered before
 * interop is active there, and the app says so until the chain itself shows otherwise (chains/readiness.ts,
 * docs/ARCHITECTURE.md §4).
 */
import type { Chain } from 'viem'

import type { ChainConfig } from './types'

/** The subset of viem's `Chain` a preset is read from. */
export type PresetSource = Pick<
  Chain,
  'id' | 'name' | 'rpcUrls' | 'blockExplorers' | 'nativeCurrency' | 'testnet'
>

export function fromViemChain(chain: PresetSource, preset: string, name = chain.name): ChainConfig {
  const rpcUrl = chain.rpcUrls.default.http[0] ?? chain.rpcUrls.default.webSocket?.[0]
  if (!rpcUrl) throw new Error(`preset ${preset}: chain ${chain.id} has no default RPC URL`)
  // Some definitions ship an explorer entry whose url is '': that is "no explorer", not a relative link.
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

const sepolia = (id: number, name: string, rpc: string, explorer: string): PresetSource => ({
  id,
  name,
  rpcUrls: { default: { http: [rpc] } },
  blockExplorers: { default: { name: 'Explorer', url: explorer } },
  nativeCurrency: { name: 'Sepolia Ether', symbol: 'ETH', decimals: 18 },
  testnet: true,
})

const supersim = (letter: string, id: number, port: number): PresetSource => ({
  id,
  name: `Supersim L2 ${letter}`,
  rpcUrls: { default: { http: [`http://127.0.0.1:${port}`] } },
  nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
  testnet: true,
})

/** What the presets read from the packages' chain definitions (checked against them in presets.test.ts). */
export const SOURCES = {
  /** `@eth-optimism/viem/chains`: supersimL2A … supersimL2E. */
  supersim: [
    supersim('A', 901, 9545),
    supersim('B', 902, 9546),
    supersim('C', 903, 9547),
    supersim('D', 904, 9548),
    supersim('E', 905, 9549),
  ],
  /** `viem/chains`: optimismSepolia, unichainSepolia. */
  lagoon: [
    sepolia(11155420, 'OP Sepolia', 'https://sepolia.optimism.io', 'https://optimism-sepolia.blockscout.com'),
    sepolia(1301, 'Unichain Sepolia', 'https://sepolia.unichain.org', 'https://sepolia.uniscan.xyz'),
  ],
} as const satisfies Record<string, readonly PresetSource[]>

/**
 * Our local devnet (devnet/) serves the same ids and ports as Supersim (docs/ARCHITECTURE.md §7), so it reuses the supersim
 * chain definitions. It is not Supersim, though, so the names say "Devnet" to avoid sending users to Supersim docs.
 */
export const LOCAL_DEVNET: ChainConfig[] = SOURCES.supersim.map((chain) =>
  fromViemChain(chain, 'localDevnet', chain.name.replace(/^Supersim /, 'Devnet ')),
)

/**
 * What `npm run devnet` and `npm start` run by default (901 and 902): the shells' default chains, so a fresh install
 * does not keep failing to reach 903–905, which only `--chains 5` starts. Add those from the preset when needed.
 */
export const DEFAULT_DEVNET: ChainConfig[] = LOCAL_DEVNET.slice(0, 2)

/**
 * The planned first public interop testnet: OP Sepolia (11155420) and Unichain Sepolia (1301), paired when the
 * Lagoon hardfork activates there. Until then their predeploys are not live and nothing can be tracked on them.
 */
export const LAGOON_TESTNET: ChainConfig[] = SOURCES.lagoon.map((chain) =>
  fromViemChain(chain, 'lagoonTestnet'),
)

/** Preset key → its chains. The key is recorded in each config's `preset`. */
export const PRESETS: Record<string, ChainConfig[]> = {
  localDevnet: LOCAL_DEVNET,
  lagoonTestnet: LAGOON_TESTNET,
}

export interface PresetInfo {
  /** What a picker shows. */
  label: string
  /**
   * 'expected': the chains are meant to run interop now (the local devnet). 'planned': interop is not active there
   * yet; the app says "not active" until the chain's own predeploys show otherwise.
   */
  interop: 'expected' | 'planned'
  /** One sentence on what to expect from these chains today. */
  note: string
}

export const PRESET_INFO: Record<string, PresetInfo> = {
  localDevnet: {
    label: 'Local devnet (chains 901–905)',
    interop: 'expected',
    note: 'The devnet `npm run devnet` starts on this machine: interop works end to end.',
  },
  lagoonTestnet: {
    label: 'Lagoon testnet: OP Sepolia + Unichain Sepolia (interop not active yet)',
    interop: 'planned',
    note: 'Interop arrives there with the Lagoon hardfork; until it is active, nothing can be sent or relayed between them.',
  },
}

/** Is this config from a preset whose interop is still only planned (and no reading says otherwise yet)? */
export function interopPlanned(config: Pick<ChainConfig, 'preset'>): boolean {
  return config.preset !== undefined && PRESET_INFO[config.preset]?.interop === 'planned'
}
