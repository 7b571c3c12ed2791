/**
 * Readers for untrusted JSON (history files, the CLI's state file): each returns the typed value or throws a
 * `HistoryImportError` naming `path`, the dotted place of the offending value, so a user can find it in the file.
 */
import { isAddress, type Address, type Hex } from 'viem'

import { HistoryImportError } from './errors'

export function fail(path: string, problem: string): never {
  throw new HistoryImportError(path, problem)
}

/** The offending value, quoted and cut short so a megabyte of garbage does not become the error message. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing'
  const text = typeof value === 'string' ? `'${value}'` : (JSON.stringify(value) ?? String(value))
  return text.length > 80 ? `${text.slice(0, 77)}...` : text
}

/**
 * A plain object, whose keys, when `allowed` is given, must all be in it. Unknown keys are rejected rather than
 * dropped: within one format version the file's shape is fixed, so an extra key means the file is not what it
 * claims to be.
 */
export function readObject<K extends string = string>(
  value: unknown,
  path: string,
  what: string,
  allowed?: readonly K[],
): Partial<Record<K, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(path, `expected ${what}, got ${show(value)}`)
  }
  if (allowed) {
    for (const key of Object.keys(value)) {
      if (!(allowed as readonly string[]).includes(key)) fail(path ? `${path}.${key}` : key, 'unknown field')
    }
  }
  return value as Partial<Record<K, unknown>>
}

export function readArray(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) fail(path, `expected an array, got ${show(value)}`)
  return value
}

export function readString(value: unknown, path: string): string {
  if (typeof value !== 'string') fail(path, `expected a string, got ${show(value)}`)
  return value
}

export function readMember<T extends string>(value: unknown, path: string, members: Record<T, true>): T {
  if (typeof value !== 'string' || !Object.hasOwn(members, value)) {
    const names = Object.keys(members).map((name) => `'${name}'`)
    fail(path, `expected one of ${names.join(', ')}, got ${show(value)}`)
  }
  return value as T
}

const MAX_UINT256 = 2n ** 256n - 1n

export function readUint256(value: unknown, path: string): bigint {
  if (typeof value !== 'string' || !/^(0|[1-9][0-9]*)$/.test(value)) {
    fail(path, `expected a decimal integer string, got ${show(value)}`)
  }
  const parsed = BigInt(value)
  if (parsed > MAX_UINT256) fail(path, `expected a value that fits in uint256, got ${show(value)}`)
  return parsed
}

export function readChainId(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    fail(path, `expected a chain id (a positive integer), got ${show(value)}`)
  }
  return value
}

export function readCount(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    fail(path, `expected a non-negative integer, got ${show(value)}`)
  }
  return value
}

export function readMillis(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    fail(path, `expected a time in ms since epoch (a non-negative integer), got ${show(value)}`)
  }
  return value
}

export function readDecimals(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 255) {
    fail(path, `expected token decimals (an integer from 0 to 255), got ${show(value)}`)
  }
  return value
}

export function readAddress(value: unknown, path: string): Address {
  // viem's strict check: a mixed-case address must carry a valid EIP-55 checksum, which catches a mistyped digit.
  if (typeof value !== 'string' || !isAddress(value)) fail(path, `expected an address, got ${show(value)}`)
  return value
}

export function readBytes(value: unknown, path: string): Hex {
  if (typeof value !== 'string' || !/^0x([0-9a-fA-F]{2})*$/.test(value)) {
    fail(path, `expected 0x-prefixed hex bytes, got ${show(value)}`)
  }
  return value as Hex
}

export function readBytes32(value: unknown, path: string): Hex {
  if (typeof value !== 'string' || !/^0x[0-9a-fA-F]{64}$/.test(value)) {
    fail(path, `expected a 32-byte 0x-prefixed hex string, got ${show(value)}`)
  }
  return value as Hex
}
