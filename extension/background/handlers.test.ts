/**
 * The handlers' own checks of a hash or a chain id, the second line behind the request schemas: a handler reached
 * without the boundary refuses bad input as InvalidRequestError, in the words the boundary and every other reader
 * use (core's field schemas), before it asks the tracker anything.
 */
import { describe, expect, it } from 'vitest'

import { parseParams } from '../messaging/server'
import { createFakeHost } from './fakeHost.test-helper'
import { createHandlers, InvalidRequestError, type HandlerContext } from './handlers'

/** A part of the background these checks must not reach: calling into it fails the test, naming the call. */
function untouchable<T>(name: string): T {
  return new Proxy({} as object, {
    get: (_target, key) => () => {
      throw new Error(`${name}.${String(key)} was called`)
    },
  }) as T
}

/** Calls a handler as the message listener does, with a page's decoded params: anything at all. */
function ask(method: string, ...params: unknown[]): Promise<unknown> {
  const ctx: HandlerContext = {
    host: createFakeHost(),
    store: untouchable('store'),
    tracker: untouchable('tracker'),
    relayAccount: untouchable('relayAccount'),
    wallet: untouchable('wallet'),
    notifier: untouchable('notifier'),
    wake: untouchable<{ wake(): void }>('ctx').wake,
    busy: untouchable<{ busy<T>(task: () => Promise<T>): Promise<T> }>('ctx').busy,
  }
  const handlers = createHandlers(ctx) as unknown as Record<string, (...params: unknown[]) => unknown>
  return Promise.resolve().then(() => handlers[method]!(...params))
}

async function refusal(method: string, ...params: unknown[]): Promise<InvalidRequestError> {
  const error: unknown = await ask(method, ...params).then(
    () => new Error(`${method} accepted ${String(params)}`),
    (e: unknown) => e,
  )
  expect(error, `${method}(${String(params)})`).toBeInstanceOf(InvalidRequestError)
  return error as InvalidRequestError
}

/** The words the boundary uses for the same params (requests.ts, through parseParams), without its prefix. */
function boundaryWords(method: Parameters<typeof parseParams>[0], params: unknown[]): string {
  try {
    parseParams(method, params)
  } catch (error) {
    return (error as Error).message.replace(/^\w+: argument \d+: /, '')
  }
  throw new Error(`the boundary accepted ${method}(${String(params)})`)
}

const HASH = `0x${'ab'.repeat(32)}`

describe('handlers: a bad hash or chain id', () => {
  it("is refused as InvalidRequestError in core's words, the boundary's, before the tracker is asked", async () => {
    for (const bad of ['0x12', `0x${'zz'.repeat(32)}`, `${HASH}00`, 42, undefined]) {
      expect((await refusal('getMessage', bad)).message).toBe(boundaryWords('getMessage', [bad]))
    }
    expect((await refusal('forgetMessage', '0x12')).shortMessage).toBe(
      "expected a 32-byte 0x-prefixed hex string, got '0x12'",
    )
    expect((await refusal('trackTransaction', 901, 'pending')).shortMessage).toBe(
      "expected a 32-byte 0x-prefixed hex string, got 'pending'",
    )
    expect((await refusal('trackTransaction', 0, HASH)).shortMessage).toBe(
      'expected a chain id (a positive integer), got 0',
    )
    expect((await refusal('removeChain', 1.5)).message).toBe(boundaryWords('removeChain', [1.5]))
  })

  it('lets a good one through to the tracker', async () => {
    await expect(ask('getMessage', HASH)).rejects.toThrow('tracker.getMessage was called')
    await expect(ask('forgetMessage', HASH.replace(/ab/g, 'AB'))).rejects.toThrow(
      'tracker.forgetMessage was called',
    )
    await expect(ask('trackTransaction', 901, HASH)).rejects.toThrow('tracker.trackTransaction was called')
  })
})
