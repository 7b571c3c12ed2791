/**
 * The background's side of the protocol: one `chrome.runtime.onMessage` listener that checks the sender, decodes
 * the params, runs the handler and answers with an encoded result or a serialized error. Handlers are plain async
 * functions typed by `BackgroundMethods`; they never see the wire format.
 */
import { encode, decode, serializeError } from './codec'
import { isOwnExtensionPage, type SenderLike } from './senders'
import { isRequestMessage, type BackgroundMethods, type MethodName, type ResponseMessage } from './protocol'

export type Handlers = {
  [M in MethodName]: (...params: BackgroundMethods[M][0]) => Promise<BackgroundMethods[M][1]>
}

export class ForbiddenSenderError extends Error {
  override name = 'ForbiddenSenderError'
  constructor() {
    super('only this extension’s own pages may call its background')
  }
}

/**
 * A `runtime.onMessage` listener. Returns `true` (answer comes later) for our requests and `false` for anything
 * else, so other listeners and Chrome's "no response" handling stay untouched.
 */
export function createMessageListener(runtimeId: string, handlers: () => Handlers | Promise<Handlers>) {
  return (
    message: unknown,
    sender: SenderLike,
    sendResponse: (response: ResponseMessage) => void,
  ): boolean => {
    if (!isRequestMessage(message)) return false
    const { id, method } = message
    if (!isOwnExtensionPage(sender, runtimeId)) {
      sendResponse({ id, ok: false, error: serializeError(new ForbiddenSenderError()) })
      return false
    }
    void (async () => {
      try {
        const params = decode(message.params) as unknown[]
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
