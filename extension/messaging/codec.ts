/**
 * What crosses `chrome.runtime` messaging. Chrome serializes extension messages as JSON, not with structured clone,
 * so a bigint throws and `undefined` inside an array turns into `null`. Amounts, nonces and block numbers are
 * bigints everywhere in core, so every payload goes through `encode` before sending and `decode` after receiving:
 * bigints and `undefined` become small tagged objects, everything else stays plain JSON.
 *
 * Errors cross as `{ name, message }`: the name lets a page react to a specific failure (AccessListDroppedError,
 * WrongPasswordError) and the message is shown verbatim, because core's messages tell the user what to do.
 */
import { BaseError } from 'viem'

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
  name: string
  message: string
}

/**
 * The text a user should read. viem's `BaseError.message` appends "Version: viem@…" and doc links; `shortMessage`
 * is the sentence our errors are written as, and `details` the lowest layer's reason (e.g. "insufficient funds"),
 * added when the short message does not already say it.
 */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof BaseError) {
    const details = error.details && !error.shortMessage.includes(error.details) ? `\n${error.details}` : ''
    return { name: error.name, message: `${error.shortMessage}${details}` }
  }
  if (error instanceof Error) return { name: error.name, message: error.message || error.name }
  return { name: 'Error', message: typeof error === 'string' ? error : String(error) }
}

/** An error raised in the background, re-thrown in a page with its name and message intact. */
export class BackgroundError extends Error {
  constructor({ name, message }: SerializedError) {
    super(message)
    this.name = name
  }
}
