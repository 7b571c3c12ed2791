/**
 * `eth_getLogs` over a range an RPC may refuse as too large: tried whole first, then halved, newest half first,
 * within a request budget. Used where one query usually answers (a topic-filtered search for one message's log, or
 * its relay) but some providers cap the range. Ranges the budget did not cover make the result incomplete, and the
 * caller concludes nothing from what it did not see.
 */
import { TimeoutError, type AbiEvent, type Address, type Log } from 'viem'

import type { ChainClient } from '../chains/readClient'
import { isRangeTooLarge } from './rangeSize'

export interface LogQuery {
  address: Address
  event: AbiEvent
  /** Indexed arguments to filter on (an array is "any of"). */
  args?: Record<string, unknown>
}

export interface LogSearchResult {
  logs: Log[]
  /** Every block of the range was searched. */
  complete: boolean
}

export async function searchLogs(
  client: ChainClient,
  query: LogQuery,
  fromBlock: bigint,
  toBlock: bigint,
  options: { maxRequests?: number } = {},
): Promise<LogSearchResult> {
  let budget = options.maxRequests ?? 8
  const logs: Log[] = []
  let complete = true

  async function search(from: bigint, to: bigint): Promise<void> {
    if (from > to) return
    if (budget <= 0) {
      complete = false
      return
    }
    budget -= 1
    try {
      logs.push(
        ...((await client.getLogs({
          address: query.address,
          event: query.event,
          args: query.args,
          fromBlock: from,
          toBlock: to,
        } as never)) as Log[]),
      )
    } catch (error) {
      // A timeout is the RPC's health, not the range's: halving would only multiply the wait.
      if (!isRangeTooLarge(error) || isTimeout(error) || from === to) throw error
      const middle = from + (to - from) / 2n
      await search(middle + 1n, to)
      await search(from, middle)
    }
  }

  await search(fromBlock, toBlock)
  return { logs, complete }
}

function isTimeout(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 10; e = e.cause, depth++) {
    if (e instanceof TimeoutError) return true
  }
  return false
}
