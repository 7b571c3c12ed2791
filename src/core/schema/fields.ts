/**
 * Field schemas for data we did not write, each failing with a message that says what was expected and what came
 * ("expected an address, got '0x42'"), so the path `parseInput` adds is all a person needs to find and fix it.
 * Bigints appear in two forms: decimal strings in JSON (a number would silently round amounts and nonces above
 * 2^53) and bigints where structured clone keeps them (IndexedDB).
 */
import {
  check,
  custom,
  pipe,
  safeParse,
  strictObject,
  transform,
  type BaseIssue,
  type GenericSchema,
  type ObjectEntries,
  type StrictObjectIssue,
} from 'valibot'
import { isAddress, type Address, type Hex } from 'viem'

import { show } from './parse'

/** A message function: "expected <what>, got <the value>". */
export const expected =
  (what: string) =>
  (issue: BaseIssue<unknown>): string =>
    `expected ${what}, got ${show(issue.input)}`

const MAX_UINT256 = 2n ** 256n - 1n
/** 2^256 - 1 has 78 digits: a longer string cannot fit, whatever it holds, and is not worth parsing. */
const MAX_UINT256_DIGITS = 78

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const proto = Object.getPrototypeOf(value) as unknown
  return proto === Object.prototype || proto === null
}

/**
 * A plain object of exactly these fields. Unknown keys are refused rather than dropped — within one format version
 * a shape is fixed, so an extra key (`__proto__` included) means the data is not what it claims to be — and a
 * missing required field reads like a wrong one ("expected an address, got nothing").
 */
export function record<const E extends ObjectEntries>(what: string, entries: E) {
  return pipe(
    custom<Record<string, unknown>>(isPlainObject, expected(what)),
    strictObject(entries, keyProblem(what, entries)),
  )
}

/** The message of a strict object's own issues: not an object, a missing field, or an unknown one. */
export function keyProblem(what: string, entries: ObjectEntries) {
  return (issue: StrictObjectIssue): string => {
    if (issue.expected === 'never') return 'unknown field'
    const missing = /^"(.*)"$/.exec(issue.expected ?? '')?.[1]
    if (missing !== undefined && Object.hasOwn(entries, missing)) {
      const field = safeParse(entries[missing] as GenericSchema, undefined)
      return field.success ? `missing` : field.issues[0].message
    }
    return `expected ${what}, got ${show(issue.input)}`
  }
}

/** One of a fixed set of strings: "expected one of 'a', 'b', got 'c'". */
export function oneOf<const T extends string>(members: readonly T[]) {
  const names = members.map((m) => `'${m}'`).join(', ')
  return custom<T>(
    (value) => typeof value === 'string' && (members as readonly string[]).includes(value),
    expected(`one of ${names}`),
  )
}

export const text = custom<string>((value) => typeof value === 'string', expected('a string'))

/** viem's strict check: a mixed-case address must carry a valid EIP-55 checksum, which catches a mistyped digit. */
export const address = custom<Address>(
  (value) => typeof value === 'string' && isAddress(value),
  expected('an address'),
)

/** The shape alone (stored records: our own writes, where the checksum is not what could go wrong). */
export const addressShape = custom<Address>(
  (value) => typeof value === 'string' && /^0x[0-9a-fA-F]{40}$/.test(value),
  expected('an address'),
)

export const bytes = custom<Hex>(
  (value) => typeof value === 'string' && /^0x([0-9a-fA-F]{2})*$/.test(value),
  expected('0x-prefixed hex bytes'),
)

export const bytes32 = custom<Hex>(
  (value) => typeof value === 'string' && /^0x[0-9a-fA-F]{64}$/.test(value),
  expected('a 32-byte 0x-prefixed hex string'),
)

export const chainId = custom<number>(
  (value) => typeof value === 'number' && Number.isSafeInteger(value) && value > 0,
  expected('a chain id (a positive integer)'),
)

export const count = custom<number>(
  (value) => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0,
  expected('a non-negative integer'),
)

export const millis = custom<number>(
  (value) => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0,
  expected('a time in ms since epoch (a non-negative integer)'),
)

export const decimals = custom<number>(
  (value) => typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 255,
  expected('token decimals (an integer from 0 to 255)'),
)

/** A uint256 written as a decimal string, read as a bigint. */
export const decimalUint256 = pipe(
  custom<string>(
    (value) => typeof value === 'string' && /^(0|[1-9][0-9]*)$/.test(value),
    expected('a decimal integer string'),
  ),
  check((value) => value.length <= MAX_UINT256_DIGITS, expected('a value that fits in uint256')),
  transform((value) => BigInt(value)),
  check((value) => value <= MAX_UINT256, expected('a value that fits in uint256')),
)

/** A uint256 kept as a bigint. */
export const uint256 = custom<bigint>(
  (value) => typeof value === 'bigint' && value >= 0n && value <= MAX_UINT256,
  expected('a uint256 (a bigint from 0 to 2^256 - 1)'),
)
