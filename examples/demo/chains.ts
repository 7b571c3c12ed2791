/**
 * The demo's chains: Supersim's definitions from `@eth-optimism/viem` pointed at this devnet's URLs (named
 * "Devnet", since it is not Supersim), the widget's chain configs, and a public client per chain.
 */
import { supersimL2A, supersimL2B } from '@eth-optimism/viem/chains'
import { createPublicClient, defineChain, http, parseAbi, type Chain, type PublicClient } from 'viem'

import type { ChainConfig } from '../../widget/config'
import { readDemoSettings } from './settings'

export const MOCK = '0x420beeF000000000000000000000000000000001' as const
export const mockAbi = parseAbi([
  'function mint(address to, uint256 amount)',
  'function balanceOf(address) view returns (uint256)',
])

export const settings = readDemoSettings(window.location.search)
const BASES: Record<number, Chain> = { 901: supersimL2A, 902: supersimL2B }
export const CHAIN_IDS = Object.keys(settings.rpcUrls)
  .map(Number)
  .filter((id) => BASES[id])

export const CHAINS: Record<number, Chain> = Object.fromEntries(
  CHAIN_IDS.map((id) => [
    id,
    defineChain({
      ...BASES[id]!,
      name: BASES[id]!.name.replace(/^Supersim /, 'Devnet '),
      rpcUrls: { default: { http: [settings.rpcUrls[id]!] } },
    }),
  ]),
)

export const WIDGET_CHAINS: ChainConfig[] = CHAIN_IDS.map((id) => ({
  id,
  name: CHAINS[id]!.name,
  rpcUrl: settings.rpcUrls[id]!,
  nativeSymbol: 'ETH',
}))

export const chainName = (id: number) => CHAINS[id]?.name ?? `Chain ${id}`

export const publicClients: Record<number, PublicClient> = Object.fromEntries(
  CHAIN_IDS.map((id) => [
    id,
    createPublicClient({ chain: CHAINS[id], transport: http(), cacheTime: 0 }) as PublicClient,
  ]),
)
