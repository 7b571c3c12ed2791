/**
 * What crosses `chrome.runtime` messaging. Chrome serializes extension messages as JSON, not with structured clone,
 * so a bigint throws and `undefined` inside an array turns into `null`. Amounts, nonces and block numbers are
 * bigints everywhere in core, so every payload goes through `encode` before sending and `decode` after receiving:
 * bigints and `undefined` become small tagged objects, everything else stays plain JSON.
 *
 * Errors cross as `{ name, message, fields }` and are revived into their class on the other side (`reviveError`),
 * so a page tells a specific failure (AccessListDroppedError, WrongPasswordError) by class as the background does;
 * the message is shown verbatim, because core's messages tell the user what to do.
 */
import { BaseError } from 'viem'

import { SuperchainRelayError } from '../../src/core'

const BIGINT = '$bigint'
const UNDEFINED = '$undefined'

export type Encoded = null | boolean | number | string | Encoded[] | { [key: string]: Encoded }

export function encode(value: unknown): Encoded {
  if (value === undefined) return { [UNDEFINED]: true }
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value
  if (typeof value === 'number') {
    // JSON would turn NaN and ±Infinity into null without a word; nothing we send should hold them.
    if (!Number.isFinite(value))
      throw new TypeError(`cannot send the number ${value} over extension messaging`)
    return value
  }
  if (typeof value === 'bigint') return { [BIGINT]: value.toString() }
  if (Array.isArray(value)) return value.map(encode)
  if (typeof value === 'object') {
    const out: Record<string, Encoded> = {}
    for (const [key, item] of Object.entries(value)) {
      // An absent optional field and one set to undefined mean the same to every reader: keep records tidy.
      if (item !== undefined) setOwn(out, key, encode(item))
    }
    return out
  }
  throw new TypeError(`cannot send a ${typeof value} over extension messaging`)
}

export function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode)
  if (value === null || typeof value !== 'object') return value
  const record = value as Record<string, unknown>
  const keys = Object.keys(record)
  if (keys.length === 1) {
    if (keys[0] === BIGINT && typeof record[BIGINT] === 'string') return BigInt(record[BIGINT])
    if (keys[0] === UNDEFINED && record[UNDEFINED] === true) return undefined
  }
  const out: Record<string, unknown> = {}
  for (const key of keys) setOwn(out, key, decode(record[key]))
  return out
}

/**
 * `out[key] = value`, except that a key named `__proto__` stays an own, visible key instead of replacing the
 * object's prototype: the receiving schema then sees it and refuses it, rather than a value that silently lost a
 * key and gained a prototype.
 */
function setOwn(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true })
  else out[key] = value
}

/** An error as it crosses the boundary. */
export interface SerializedError {
  /** The class's name: how the page revives it into the same class (`reviveError`). */
  name: string
  /** What the user reads: the short message, and the lowest layer's reason when it adds something. */
  message: string
  /** The error's own data (a PlanChangedError's figures, a RelayInProgressError's tx hash), encoded. */
  fields?: { [key: string]: Encoded }
}

/** What viem's BaseError and Error keep on every instance: the wire carries them as `message`, or not at all. */
const BASE_FIELDS = new Set([
  'name',
  'message',
  'shortMessage',
  'details',
  'docsPath',
  'metaMessages',
  'version',
  'cause',
  'stack',
])

/** The fields a class added (`readonly transactionHash`…), those that can cross; none is an empty record. */
function fieldsOf(error: Error): SerializedError['fields'] {
  const fields: Record<string, Encoded> = {}
  for (const [key, value] of Object.entries(error)) {
    if (BASE_FIELDS.has(key) || value === undefined || typeof value === 'function') continue
    try {
      fields[key] = encode(value)
    } catch {
      // A field that cannot cross (a NaN, a live object) stays behind; the message still says what happened.
    }
  }
  return Object.keys(fields).length ? fields : undefined
}

/**
 * The text a user should read. viem's `BaseError.message` appends "Version: viem@…" and doc links; `shortMessage`
 * is the sentence our errors are written as, and `details` the lowest layer's reason (e.g. "insufficient funds"),
 * added when the short message does not already say it.
 */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof BaseError) {
    const details = error.details && !error.shortMessage.includes(error.details) ? `\n${error.details}` : ''
    const fields = fieldsOf(error)
    return { name: error.name, message: `${error.shortMessage}${details}`, ...(fields ? { fields } : {}) }
  }
  if (error instanceof Error) return { name: error.name, message: error.message || error.name }
  return { name: 'Error', message: typeof error === 'string' ? error : String(error) }
}

/** Error classes by the name each sets, for `reviveError`. */
export type ErrorClasses = Readonly<Record<string, abstract new (...args: never[]) => Error>>

/**
 * An error raised in the background whose class the page does not know (viem's, a plain Error): its name and
 * message intact, so it is still worded right (src/ui/errorWords.ts) though no class guard will match it.
 */
export class BackgroundError extends SuperchainRelayError {
  constructor({ name, message }: SerializedError) {
    super(message)
    this.name = name
    // The text as it crossed, as a revived error has it: no version footer of our base's.
    this.message = message
  }
}

/**
 * The error the background threw, as an instance of the same class when `classes` knows its name, so
 * `instanceof`, `findError` and `isSuperchainRelayError` work in a page as they do in the background
 * (docs/ARCHITECTURE.md §10). Constructors take domain arguments, not a message, so the instance is built from the
 * class's prototype and given what crossed: its name, its message (also as `shortMessage`) and its data fields.
 */
export function reviveError(serialized: SerializedError, classes: ErrorClasses): Error {
  const type = Object.hasOwn(classes, serialized.name) ? classes[serialized.name] : undefined
  if (!type) return new BackgroundError(serialized)
  const error = Object.create(type.prototype as object) as Error & Record<string, unknown>
  const fields = serialized.fields ? (decode(serialized.fields) as Record<string, unknown>) : {}
  Object.assign(error, fields, {
    name: serialized.name,
    message: serialized.message,
    stack: `${serialized.name}: ${serialized.message}\n    (raised in the extension's background)`,
  })
  if (error instanceof BaseError) Object.assign(error, { shortMessage: serialized.message, details: '' })
  return error
}
