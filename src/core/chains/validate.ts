/**
 * Shape checks for a chain config that came from outside the code: the options form, an imported settings file,
 * `chrome.storage`. Each failure names the field, so the form can point at the input that is wrong.
 */
import { show } from '../schema/parse'
import { InvalidChainConfigError } from './errors'
import type { ChainConfig } from './types'

const RPC_PROTOCOLS = ['http:', 'https:', 'ws:', 'wss:']

/**
 * A chain's name and gas symbol are shown in every row, dialog and error: long enough for any real chain
 * ("OP Mainnet", "Ink Sepolia"), short enough that a hostile config cannot flood the UI, and free of control
 * characters (newlines, bidi overrides) that could make one line read as another.
 */
export const CHAIN_NAME_MAX_LENGTH = 64
export const NATIVE_SYMBOL_MAX_LENGTH = 12
// C0/C1 controls, plus the bidi embeddings/overrides/isolates and zero-width marks that reorder or hide text.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/u
const EXPLORER_PROTOCOLS = ['http:', 'https:']

function parseUrl(field: string, value: unknown, protocols: readonly string[]): string {
  const allowed = protocols.map((p) => p.slice(0, -1)).join('/')
  if (typeof value !== 'string' || !value.trim()) {
    throw new InvalidChainConfigError(field, `must be an ${allowed} URL, got ${show(value)}`)
  }
  let url: URL
  try {
    url = new URL(value.trim())
  } catch {
    throw new InvalidChainConfigError(field, `must be an ${allowed} URL, got ${show(value)}`)
  }
  if (!protocols.includes(url.protocol)) {
    throw new InvalidChainConfigError(field, `must be an ${allowed} URL, got ${show(value)}`)
  }
  return value.trim()
}

/** A trimmed, non-empty, bounded string without control characters (see CHAIN_NAME_MAX_LENGTH). */
function parseLabel(field: string, value: unknown, maxLength: number): string {
  if (typeof value !== 'string' || !value.trim()) {
    throw new InvalidChainConfigError(field, `must be a non-empty string, got ${show(value)}`)
  }
  const label = value.trim()
  // Counted in code points, so an emoji or a CJK name is not penalised for its UTF-16 length.
  const length = [...label].length
  if (length > maxLength) {
    throw new InvalidChainConfigError(field, `must be at most ${maxLength} characters, got ${length}`)
  }
  const control = CONTROL_CHARACTERS.exec(label)
  if (control) {
    const code = control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')
    throw new InvalidChainConfigError(
      field,
      `must not contain control or invisible characters, got U+${code} at character ${[...label.slice(0, control.index)].length + 1}`,
    )
  }
  return label
}

/**
 * Returns a clean copy holding only ChainConfig's fields (strings trimmed, the explorer's trailing slash dropped),
 * or throws `InvalidChainConfigError`. `nativeSymbol` defaults to ETH: every OP Stack chain pays gas in ETH.
 */
export function validateChainConfig(input: unknown): ChainConfig {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new InvalidChainConfigError('', `expected an object, got ${show(input)}`)
  }
  const raw = input as Record<string, unknown>

  const { id } = raw
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) {
    throw new InvalidChainConfigError('id', `must be a positive integer, got ${show(id)}`)
  }

  const name = parseLabel('name', raw.name, CHAIN_NAME_MAX_LENGTH)
  const rpcUrl = parseUrl('rpcUrl', raw.rpcUrl, RPC_PROTOCOLS)

  const config: ChainConfig = { id, name, rpcUrl, nativeSymbol: 'ETH' }

  if (raw.explorerUrl !== undefined && raw.explorerUrl !== '') {
    config.explorerUrl = parseUrl('explorerUrl', raw.explorerUrl, EXPLORER_PROTOCOLS).replace(/\/+$/, '')
  }

  if (raw.nativeSymbol !== undefined) {
    config.nativeSymbol = parseLabel('nativeSymbol', raw.nativeSymbol, NATIVE_SYMBOL_MAX_LENGTH)
  }

  if (raw.interopDelay !== undefined) {
    const delay = raw.interopDelay
    if (typeof delay !== 'number' || !Number.isFinite(delay) || delay < 0) {
      throw new InvalidChainConfigError('interopDelay', `must be a number of seconds ≥ 0, got ${show(delay)}`)
    }
    config.interopDelay = delay
  }

  if (raw.testnet !== undefined) {
    if (typeof raw.testnet !== 'boolean') {
      throw new InvalidChainConfigError('testnet', `must be a boolean, got ${show(raw.testnet)}`)
    }
    config.testnet = raw.testnet
  }

  if (raw.preset !== undefined) {
    if (typeof raw.preset !== 'string' || !raw.preset) {
      throw new InvalidChainConfigError('preset', `must be a non-empty string, got ${show(raw.preset)}`)
    }
    config.preset = raw.preset
  }

  return config
}
