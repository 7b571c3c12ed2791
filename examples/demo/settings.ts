/// <reference types="vite/client" />
/**
 * What the demo page reads from its URL and its build: the devnet RPC URLs. `npm start -- --port N` serves the page
 * with the devnet's URLs (VITE_SUPERCHAIN_RELAY_DEVNET_RPC, read by Vite), so the plain address works on any port;
 * `?rpc901=…&rpc902=…` overrides them (the e2e tests' free ports). Without either: Supersim's 9545/9546.
 */
export const SUPERSIM_RPC_URLS: Readonly<Record<number, string>> = {
  901: 'http://127.0.0.1:9545',
  902: 'http://127.0.0.1:9546',
}

/** The environment variable `npm start` sets for the demo server and the extension build: `{"901":"http://…"}`. */
export const DEVNET_RPC_ENV = 'VITE_SUPERCHAIN_RELAY_DEVNET_RPC'

/** `{"901":"http://…"}` → { 901: 'http://…' }, keeping only http(s) URLs; anything else is ignored. */
export function parseRpcUrls(json: string | undefined): Record<number, string> {
  if (!json) return {}
  try {
    const value = JSON.parse(json) as unknown
    if (!value || typeof value !== 'object') return {}
    const out: Record<number, string> = {}
    for (const [id, url] of Object.entries(value)) {
      if (/^\d+$/.test(id) && typeof url === 'string' && /^https?:\/\//.test(url)) out[Number(id)] = url
    }
    return out
  } catch {
    return {}
  }
}

/** The URLs this page was served for (in Node, where there is no Vite, Supersim's). */
export const DEFAULT_RPC_URLS: Readonly<Record<number, string>> = {
  ...SUPERSIM_RPC_URLS,
  ...parseRpcUrls(import.meta.env?.[DEVNET_RPC_ENV] as string | undefined),
}

export interface DemoSettings {
  rpcUrls: Record<number, string>
  /** Query parameters that were ignored, and why (shown on the page rather than failing silently). */
  problems: string[]
}

export function readDemoSettings(search: string, defaults = DEFAULT_RPC_URLS): DemoSettings {
  const query = new URLSearchParams(search)
  const rpcUrls: Record<number, string> = { ...defaults }
  const problems: string[] = []
  for (const [key, value] of query) {
    const match = /^rpc(\d+)$/.exec(key)
    if (!match) continue
    const id = Number(match[1])
    let url: URL | undefined
    try {
      url = new URL(value)
    } catch {
      url = undefined
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      problems.push(
        `${key}=${value} is not an http(s) URL; using ${rpcUrls[id] ?? 'nothing'} for chain ${id}`,
      )
      continue
    }
    rpcUrls[id] = value.replace(/\/+$/, '')
  }
  return { rpcUrls, problems }
}

/** The demo URL for a devnet on other ports than the page's defaults (what the e2e tests open). */
export function demoUrl(
  base: string,
  rpcUrls: Record<number, string>,
  extra: Record<string, string> = {},
  defaults = DEFAULT_RPC_URLS,
): string {
  const query = new URLSearchParams()
  for (const [id, url] of Object.entries(rpcUrls)) {
    if (defaults[Number(id)] !== url) query.set(`rpc${id}`, url)
  }
  for (const [key, value] of Object.entries(extra)) query.set(key, value)
  const text = query.toString()
  return text ? `${base}?${text}` : base
}
