/**
 * Shape checks for a chain config that came from outside the code: the options form, an imported settings file,
 * `chrome.storage`. Each failure names the field, so the form can point at the input that is wrong.
 */
import { InvalidChainConfigError } from './errors'
import type { ChainConfig } from './types'

const RPC_PROTOCOLS = ['http:', 'https:', 'ws:', 'wss:']
const EXPLORER_PROTOCOLS = ['http:', 'https:']

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (value === null || value === undefined) return String(value)
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value)
  return typeof value
}

function parseUrl(field: string, value: unknown, protocols: readonly string[]): string {
  const allowed = protocols.map((p) => p.slice(0, -1)).join('/')
  if (typeof value !== 'string' || !value.trim()) {
    throw new InvalidChainConfigError(field, `must be an ${allowed} URL, got ${describe(value)}`)
  }
  let url: URL
  try {
    url = new URL(value.trim())
  } catch {
    throw new InvalidChainConfigError(field, `must be an ${allowed} URL, got ${describe(value)}`)
  }
  if (!protocols.includes(url.protocol)) {
    throw new InvalidChainConfigError(field, `must be an ${allowed} URL, got ${describe(value)}`)
  }
  return value.trim()
}

/**
 * Returns a clean copy holding only ChainConfig's fields (strings trimmed, the explorer's trailing slash dropped),
 * or throws `InvalidChainConfigError`. `nativeSymbol` defaults to ETH: every OP Stack chain pays gas in ETH.
 */
export function validateChainConfig(input: unknown): ChainConfig {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new InvalidChainConfigError('', `expected an object, got ${describe(input)}`)
  }
  const raw = input as Record<string, unknown>

  const { id } = raw
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) {
    throw new InvalidChainConfigError('id', `must be a positive integer, got ${describe(id)}`)
  }

  if (typeof raw.name !== 'string' || !raw.name.trim()) {
    throw new InvalidChainConfigError('name', `must be a non-empty string, got ${describe(raw.name)}`)
  }

  const rpcUrl = parseUrl('rpcUrl', raw.rpcUrl, RPC_PROTOCOLS)

  const config: ChainConfig = { id, name: raw.name.trim(), rpcUrl, nativeSymbol: 'ETH' }

  if (raw.explorerUrl !== undefined && raw.explorerUrl !== '') {
    config.explorerUrl = parseUrl('explorerUrl', raw.explorerUrl, EXPLORER_PROTOCOLS).replace(/\/+$/, '')
  }

  if (raw.nativeSymbol !== undefined) {
    if (typeof raw.nativeSymbol !== 'string' || !raw.nativeSymbol.trim()) {
      throw new InvalidChainConfigError(
        'nativeSymbol',
        `must be a non-empty string, got ${describe(raw.nativeSymbol)}`,
      )
    }
    config.nativeSymbol = raw.nativeSymbol.trim()
  }

  if (raw.interopDelay !== undefined) {
    const delay = raw.interopDelay
    if (typeof delay !== 'number' || !Number.isFinite(delay) || delay < 0) {
      throw new InvalidChainConfigError(
        'interopDelay',
        `must be a number of seconds ≥ 0, got ${describe(delay)}`,
      )
    }
    config.interopDelay = delay
  }

  if (raw.testnet !== undefined) {
    if (typeof raw.testnet !== 'boolean') {
      throw new InvalidChainConfigError('testnet', `must be a boolean, got ${describe(raw.testnet)}`)
    }
    config.testnet = raw.testnet
  }

  if (raw.preset !== undefined) {
    if (typeof raw.preset !== 'string' || !raw.preset) {
      throw new InvalidChainConfigError('preset', `must be a non-empty string, got ${describe(raw.preset)}`)
    }
    config.preset = raw.preset
  }

  return config
}
