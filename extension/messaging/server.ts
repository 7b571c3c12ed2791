/**
 * The background's side of the protocol: one `runtime.onMessage` listener that checks the sender, validates the
 * request (envelope, method, then the method's params against its schema in requests.ts), runs the handler and
 * answers with an encoded result or a serialized error. Handlers are plain async functions typed by the protocol;
 * they never see the wire format, and never see params that do not fit their types.
 *
 * It answers through `sendResponse` and `return true`, which Chrome, Firefox and webextension-polyfill all support
 * (a listener returning a promise is not understood by every Chrome this extension runs on).
 */
import { SuperchainRelayError } from '../../src/core'

import * as v from 'valibot'

import { encode, decode, serializeError } from './codec'
import { REQUESTS, isMethodName } from './requests'
import { isOwnExtensionPage, type ExtensionIdentity, type SenderLike } from './senders'
import {
  PROTOCOL,
  type BackgroundMethods,
  type MethodName,
  type RequestMessage,
  type ResponseMessage,
} from './protocol'

export type Handlers = {
  [M in MethodName]: (...params: BackgroundMethods[M][0]) => Promise<BackgroundMethods[M][1]>
}

export class ForbiddenSenderError extends SuperchainRelayError {
  override name = 'ForbiddenSenderError'
  constructor() {
    super('only this extension’s own pages may call its background')
  }
}

/** A request whose params do not fit the method: named, with what was wrong, before anything ran. */
export class InvalidRequestError extends SuperchainRelayError {
  override name = 'InvalidRequestError'
}

const envelope = v.object({
  protocol: v.literal(PROTOCOL),
  id: v.string(),
  method: v.custom<MethodName>(isMethodName),
  params: v.array(v.unknown()),
})

/** Is this one of our requests (any other message is left to other listeners)? */
export function isRequestMessage(value: unknown): value is RequestMessage {
  return v.is(envelope, value)
}

/** The params of `method`, decoded and checked against its schema; throws InvalidRequestError naming the problem. */
export function parseParams<M extends MethodName>(method: M, encoded: unknown): BackgroundMethods[M][0] {
  const result = v.safeParse(REQUESTS[method].params, decode(encoded))
  if (result.success) return result.output
  const problems = result.issues.map((issue) => {
    const at = v.getDotPath(issue)
    return at ? `argument ${at}: ${issue.message}` : issue.message
  })
  throw new InvalidRequestError(`${method}: ${problems.join('; ')}`)
}

/**
 * A `runtime.onMessage` listener. Returns `true` (answer comes later) for our requests and `false` for anything
 * else, so other listeners and the browser's "no response" handling stay untouched.
 */
export function createMessageListener(self: ExtensionIdentity, handlers: () => Handlers | Promise<Handlers>) {
  return (
    message: unknown,
    sender: SenderLike,
    sendResponse: (response: ResponseMessage) => void,
  ): true | false => {
    if (!isRequestMessage(message)) return false
    const { id, method } = message
    if (!isOwnExtensionPage(sender, self)) {
      sendResponse({ id, ok: false, error: serializeError(new ForbiddenSenderError()) })
      return false
    }
    void (async () => {
      try {
        const params = parseParams(method, message.params) as unknown[]
        const table = await handlers()
        const handler = table[method] as (...args: unknown[]) => Promise<unknown>
        const result = await handler(...params)
        sendResponse({ id, ok: true, result: encode(result) })
      } catch (error) {
        sendResponse({ id, ok: false, error: serializeError(error) })
      }
    })()
    return true
  }
}
