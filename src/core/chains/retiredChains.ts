/**
 * Networks that are gone: the interop-alpha and rc-alpha devnets (their chain definitions left
 * `@eth-optimism/viem` in 0.4.14 and their RPCs no longer answer). A stored chain list that still holds their chains
 * is migrated — the chains are dropped, and a notice says which and why, so the user is told rather than left
 * with chains that fail on every poll. Messages tracked on them stay in the history.
 */
import type { ChainConfig } from './types'

export interface RetiredNetwork {
  /** The preset key the chains were recorded with. */
  preset: string
  /** What the user called it in the preset picker. */
  name: string
  chains: readonly { id: number; rpcUrl: string }[]
  /** Why it went, completing "… was removed: …". */
  reason: string
}

const SHUT_DOWN = 'that devnet was shut down and its RPCs no longer answer'

export const RETIRED_NETWORKS: readonly RetiredNetwork[] = [
  {
    preset: 'interopAlpha',
    name: 'Interop alpha testnet',
    chains: [
      { id: 420120000, rpcUrl: 'https://interop-alpha-0.optimism.io' },
      { id: 420120001, rpcUrl: 'https://interop-alpha-1.optimism.io' },
    ],
    reason: SHUT_DOWN,
  },
  {
    preset: 'interopRcAlpha',
    name: 'Interop RC alpha testnet',
    chains: [
      { id: 420120003, rpcUrl: 'https://interop-rc-alpha-0.optimism.io' },
      { id: 420120004, rpcUrl: 'https://interop-rc-alpha-1.optimism.io' },
    ],
    reason: SHUT_DOWN,
  },
]

/** A stored chain list lost chains of a retired network: what the user is told, until they dismiss it. */
export interface ChainNotice {
  /** Stable per network, so migrating twice does not say it twice. */
  id: string
  kind: 'retiredNetwork'
  network: string
  chains: { id: number; name: string }[]
  /** ms since epoch. */
  at: number
  /** The whole notice, in one or two sentences. */
  text: string
}

/** The retired network a config belongs to: by its preset key, or by the very RPC URL typed by hand. */
function retiredNetworkOf(config: ChainConfig): RetiredNetwork | undefined {
  const url = config.rpcUrl.replace(/\/+$/, '').toLowerCase()
  return RETIRED_NETWORKS.find(
    (n) => n.preset === config.preset || n.chains.some((c) => c.id === config.id && c.rpcUrl === url),
  )
}

/** Splits a stored chain list into what stays and a notice per retired network it held. Pure. */
export function dropRetiredChains(
  chains: readonly ChainConfig[],
  now: number,
): { kept: ChainConfig[]; notices: ChainNotice[] } {
  const kept: ChainConfig[] = []
  const dropped = new Map<RetiredNetwork, ChainConfig[]>()
  for (const config of chains) {
    const network = retiredNetworkOf(config)
    if (!network) kept.push(config)
    else dropped.set(network, [...(dropped.get(network) ?? []), config])
  }
  const notices = [...dropped].map(([network, configs]): ChainNotice => {
    const named = configs.map((c) => `${c.name} (${c.id})`).join(', ')
    return {
      id: `retired:${network.preset}`,
      kind: 'retiredNetwork',
      network: network.name,
      chains: configs.map((c) => ({ id: c.id, name: c.name })),
      at: now,
      text:
        `Removed ${named} from your chains: ${network.name} is gone (${network.reason}). ` +
        'Messages tracked on them stay in your history until you remove them.',
    }
  })
  return { kept, notices }
}
