/// <reference types="vite/client" />
/**
 * The local devnet's chains as this build knows them. `npm start -- --port N` builds the extension with the
 * devnet's RPC URLs in VITE_SUPERCHAIN_RELAY_DEVNET_RPC (`{"901":"http://127.0.0.1:N",…}`), so a fresh install reads
 * the devnet it was built next to; without it, Supersim's ports (core's presets). Used for the default chains and
 * the options page's "Local devnet" preset.
 */
import { type ChainConfig, DEFAULT_DEVNET, PRESETS } from '../../src/core'

/** The URLs this build was made for, by chain id; empty when built without `npm start`. */
export function buildDevnetRpcUrls(
  json = import.meta.env?.VITE_SUPERCHAIN_RELAY_DEVNET_RPC as string | undefined,
) {
  const out = new Map<number, string>()
  if (!json) return out
  try {
    for (const [id, url] of Object.entries(JSON.parse(json) as Record<string, unknown>)) {
      if (/^\d+$/.test(id) && typeof url === 'string' && /^https?:\/\//.test(url)) out.set(Number(id), url)
    }
  } catch {
    // A malformed value at build time: keep the presets' URLs.
  }
  return out
}

function withBuildUrls(chains: readonly ChainConfig[], urls = buildDevnetRpcUrls()): ChainConfig[] {
  return chains.map((chain) => {
    const rpcUrl = urls.get(chain.id)
    return rpcUrl ? { ...chain, rpcUrl } : chain
  })
}

/** What a fresh install watches: the devnet's first two chains, on the ports it was built for. */
export const DEFAULT_CHAINS: ChainConfig[] = withBuildUrls(DEFAULT_DEVNET)

/** The options page's presets, the local devnet's pointed at the same ports. */
export const EXTENSION_PRESETS: Record<string, ChainConfig[]> = Object.fromEntries(
  Object.entries(PRESETS).map(([key, chains]) => [
    key,
    key === 'localDevnet' ? withBuildUrls(chains) : chains,
  ]),
)
