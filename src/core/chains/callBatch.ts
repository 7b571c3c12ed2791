/**
 * Gathers the calls several readers want from one chain, sends them in one round trip, and hands each reader its
 * own reply. The tick's readers (heads, anchor, source, destination) each add what they need, knowing only their
 * own calls; the poller sends once (docs/ARCHITECTURE.md §2).
 */
import type { RpcCall, RpcReply } from './rpcBatch'

export interface CallBatch {
  /** Adds a call; the returned function gives its reply once the batch was sent. */
  add(call: RpcCall): () => RpcReply
  readonly size: number
  /** Sends every call added so far through `exchange` (one round trip). */
  send(exchange: (calls: readonly RpcCall[]) => Promise<RpcReply[]>): Promise<void>
}

export function createCallBatch(): CallBatch {
  const calls: RpcCall[] = []
  let replies: RpcReply[] | undefined
  return {
    add(call) {
      if (replies) throw new Error('this batch was already sent')
      const index = calls.push(call) - 1
      return () => {
        if (!replies) throw new Error(`${call.method}: read before the batch was sent`)
        return replies[index]!
      }
    },
    get size() {
      return calls.length
    },
    async send(exchange) {
      const answers = calls.length ? await exchange(calls) : []
      if (answers.length !== calls.length)
        throw new Error(`${answers.length} replies for ${calls.length} calls`)
      replies = answers
    },
  }
}
