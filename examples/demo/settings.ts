/**
 * What the demo page reads from its URL: the devnet RPC URLs (`?rpc901=…&rpc902=…`, so `npm start` on other ports
 * and the e2e test's free ports work; default Supersim's 9545/9546) and whether the test wallet should drop access
 * lists (`?dropAccessList=1`), to show what the widget says about such a wallet.
 */
export const DEFAULT_RPC_URLS: Readonly<Record<number, string>> = {
  901: 'http://127.0.0.1:9545',
  902: 'http://127.0.0.1:9546',
}

export interface DemoSettings {
  rpcUrls: Record<number, string>
  dropAccessList: boolean
  /** Query parameters that were ignored, and why (shown on the page rather than failing silently). */
  problems: string[]
}

export function readDemoSettings(search: string): DemoSettings {
  const query = new URLSearchParams(search)
  const rpcUrls: Record<number, string> = { ...DEFAULT_RPC_URLS }
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
  const drop = query.get('dropAccessList')
  return { rpcUrls, dropAccessList: drop === '1' || drop === 'true', problems }
}

/** The demo URL for a devnet on other ports (what `npm start` prints). */
export function demoUrl(
  base: string,
  rpcUrls: Record<number, string>,
  extra: Record<string, string> = {},
): string {
  const query = new URLSearchParams()
  for (const [id, url] of Object.entries(rpcUrls)) {
    if (DEFAULT_RPC_URLS[Number(id)] !== url) query.set(`rpc${id}`, url)
  }
  for (const [key, value] of Object.entries(extra)) query.set(key, value)
  const text = query.toString()
  return text ? `${base}?${text}` : base
}
