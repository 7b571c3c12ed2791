/**
 * Helpers for the bad-input corpus: a case is a named hostile input and a pattern the error must match — a clear
 * sentence naming what was wrong — and every file here also checks that the store the input was aimed at did not
 * change. Values the corpus reuses across boundaries (malformed hex, huge numbers, unicode, prototype-pollution
 * keys) live here so each boundary faces the same catalogue.
 */

export interface BadCase<T = unknown> {
  name: string
  input: T
  /** What the error must say: the field or value it names. */
  error: RegExp
}

/** A deep copy with `value` at `path` (`['messages', 0, 'nonce']`); `undefined` deletes the key. */
export function withValue<T>(base: T, path: readonly (string | number)[], value: unknown): T {
  const copy = JSON.parse(JSON.stringify(base)) as Record<string | number, unknown>
  let node: Record<string | number, unknown> = copy
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>
  const last = path[path.length - 1]!
  if (value === undefined) delete node[last]
  else if (last === '__proto__')
    Object.defineProperty(node, last, { value, enumerable: true, configurable: true, writable: true })
  else node[last] = value
  return copy as T
}

/** JSON text with an own `__proto__` / `constructor` / `prototype` key in the object at `path` — what JSON.parse makes. */
export function withPollutionKey(base: unknown, path: readonly (string | number)[], key: string): string {
  const marker = `"__corpus_marker__":1`
  const marked = withValue(base, [...path, '__corpus_marker__'], 1)
  return JSON.stringify(marked).replace(marker, `"${key}":{"polluted":true}`)
}

/** Hex strings that are not what a field needs. */
export const BAD_HEX = {
  empty: '',
  noPrefix: 'ab'.repeat(32),
  shortHash: `0x${'ab'.repeat(31)}`,
  longHash: `0x${'ab'.repeat(33)}`,
  oddDigits: '0xabc',
  nonHex: `0x${'zz'.repeat(32)}`,
  unicodeDigits: `0x${'٣'.repeat(64)}`,
  whitespace: ` 0x${'ab'.repeat(32)} `,
  nullByte: `0x${'ab'.repeat(31)}a\u0000`,
} as const

/** Numbers no field takes. */
export const BAD_NUMBERS = {
  negative: -1,
  zero: 0,
  fraction: 1.5,
  unsafe: 2 ** 53 + 2,
  nan: 'NaN',
  huge: 1e308,
  numericString: '901',
  exponentString: '9e2',
} as const

export const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype'] as const

/** Nothing was polluted: a fresh object has no keys or values it should not have. */
export function assertNoPollution(): void {
  const probe = {} as Record<string, unknown>
  if ('polluted' in probe || Object.keys(Object.prototype).length > 0) {
    throw new Error('Object.prototype was polluted')
  }
}
