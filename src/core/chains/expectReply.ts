import { MalformedRpcReplyError } from './errors'

/**
 * An RPC reply that must be a string of `shape` (matched whole), else `MalformedRpcReplyError` saying what was
 * expected and what came back (its type, or the string cut to 40 characters).
 */
export function expectReply(
  chainId: number | undefined,
  method: string,
  reply: unknown,
  shape: RegExp,
  expected: string,
): string {
  if (typeof reply === 'string' && shape.test(reply)) return reply
  const got =
    typeof reply !== 'string'
      ? reply === null
        ? 'null'
        : typeof reply
      : `'${reply.length > 40 ? `${reply.slice(0, 40)}…` : reply}'`
  throw new MalformedRpcReplyError(chainId, method, `expected ${expected}, got ${got}`)
}
