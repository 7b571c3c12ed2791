/**
 * Host permission for a chain's RPC, asked for when the user adds the chain. Only loopback is granted at install
 * (the local devnet); every other origin is an optional permission, requested one origin at a time, so the
 * extension can reach exactly the RPCs the user chose. WebSocket endpoints need none: WebSockets have no CORS.
 *
 * `permissions.request` only works during a user gesture, so it must be called synchronously from the
 * click handler, before any `await`.
 */
import browser from 'webextension-polyfill'

import { SuperchainRelayError } from '../../src/core'

export function originPatterns(rpcUrls: readonly string[]): string[] {
  const patterns = new Set<string>()
  for (const url of rpcUrls) {
    const parsed = new URL(url)
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') continue
    // Match patterns carry no port: one grant covers every port of the host.
    patterns.add(`${parsed.protocol}//${parsed.hostname}/*`)
  }
  return [...patterns]
}

export class PermissionDeniedError extends SuperchainRelayError {
  override name = 'PermissionDeniedError'
}

/** Call synchronously inside the click handler. Resolves when granted, rejects with a clear error otherwise. */
export function requestHostPermission(rpcUrls: readonly string[]): Promise<void> {
  const origins = originPatterns(rpcUrls)
  if (origins.length === 0) return Promise.resolve()
  return browser.permissions.request({ origins }).then((granted) => {
    if (!granted) {
      throw new PermissionDeniedError(
        `permission to reach ${origins.join(', ')} was not granted: the extension cannot read that RPC without it`,
      )
    }
  })
}
