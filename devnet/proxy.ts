/**
 * The JSON-RPC proxy in front of each devnet chain, where the interop filter sits (docs/ARCHITECTURE.md §7).
 * Every request that would submit a transaction — whichever method, alone or inside a batch — has each of its
 * transactions checked by the filter first; a refused one gets a JSON-RPC error and never reaches anvil, so it is
 * never mined, exactly what a user of a real interop chain sees. Everything else goes to anvil.
 *
 * What is forwarded is always the request as parsed and checked, re-serialized — never the original text — so that
 * anvil cannot read something other than what the filter read (duplicate JSON keys, say).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'

import { InvalidExecutingMessageError } from './executingMessageCheck'
import { InteropFilterError, type InteropFilter } from './interopFilter'
import {
  submittedTransactions,
  UnreadableSubmissionError,
  type JsonRpcRequest,
} from './submittedTransactions'

export interface ProxyOptions {
  chainId: number
  port: number
  /** anvil's own URL, where accepted requests are forwarded. */
  upstreamUrl: string
  filter: InteropFilter
  /** Called for each refused transaction (the CLI logs them). */
  onRefused?: (reason: string) => void
}

export interface ValidatingProxy {
  url: string
  close(): Promise<void>
}

interface JsonRpcError {
  jsonrpc: '2.0'
  id: JsonRpcRequest['id']
  error: { code: number; message: string; data?: unknown }
}

const answer = (id: JsonRpcRequest['id'], error: JsonRpcError['error']) =>
  JSON.stringify({ jsonrpc: '2.0', id: id ?? null, error } satisfies JsonRpcError)

/** anvil's answer, as JSON text (not re-parsed: answers can be large, e.g. logs or traces). */
async function forward(upstreamUrl: string, request: unknown): Promise<string> {
  const response = await fetch(upstreamUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  })
  return response.text()
}

/** The filter's verdict on every transaction `rpc` submits: `undefined` to let it through, else the refusal. */
async function refusalOf(options: ProxyOptions, rpc: JsonRpcRequest): Promise<string | undefined> {
  const refusal = (code: number, message: string, data?: unknown): string => {
    options.onRefused?.(message)
    return answer(rpc.id, { code, message, ...(data ? { data } : {}) })
  }
  try {
    for (const tx of await submittedTransactions(rpc)) await options.filter(tx)
    return undefined
  } catch (error) {
    if (error instanceof InvalidExecutingMessageError) {
      return refusal(-32000, error.message, { check: error.check })
    }
    if (error instanceof UnreadableSubmissionError) {
      return refusal(-32602, `invalid transaction: ${error.message}`, { check: 'unreadable' })
    }
    const failure =
      error instanceof InteropFilterError
        ? error
        : new InteropFilterError(
            `unexpected ${(error as Error).name ?? 'error'}: ${(error as Error).message}`,
          )
    return refusal(-32000, failure.message, { check: 'filter-error' })
  }
}

/** The answer to one request (JSON text): the filter's refusal, or anvil's answer to the checked request. */
async function handleOne(options: ProxyOptions, request: unknown): Promise<string> {
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    // Not forwarded either: a nested array would reach anvil as a batch the filter never looked into.
    return answer(null, { code: -32600, message: 'invalid request: not a JSON-RPC request object' })
  }
  const rpc = request as JsonRpcRequest
  const refused = await refusalOf(options, rpc)
  if (refused !== undefined) return refused
  try {
    return await forward(options.upstreamUrl, rpc)
  } catch (error) {
    return answer(rpc.id, {
      code: -32603,
      message: `chain ${options.chainId} is unreachable: ${(error as Error).message}`,
    })
  }
}

async function handleBody(options: ProxyOptions, body: string): Promise<string> {
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    return answer(null, { code: -32700, message: 'parse error' })
  }
  if (!Array.isArray(parsed) || parsed.length === 0) return handleOne(options, parsed)
  // One by one, in order: a batch may hold several transactions of one sender, nonce after nonce.
  const answers: string[] = []
  for (const request of parsed) answers.push(await handleOne(options, request))
  return `[${answers.join(',')}]`
}

export async function startValidatingProxy(options: ProxyOptions): Promise<ValidatingProxy> {
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    // Browsers (the popup, the demo dapp) call the devnet cross-origin.
    res.setHeader('access-control-allow-origin', '*')
    res.setHeader('access-control-allow-methods', 'POST, GET, OPTIONS')
    res.setHeader('access-control-allow-headers', 'content-type')
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end()
      return
    }
    if (req.method !== 'POST') {
      res
        .writeHead(200, { 'content-type': 'text/plain' })
        .end(`devnet chain ${options.chainId}: POST JSON-RPC here\n`)
      return
    }
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      handleBody(options, Buffer.concat(chunks).toString('utf8'))
        .then((text) => res.writeHead(200, { 'content-type': 'application/json' }).end(text))
        .catch((error: Error) =>
          res
            .writeHead(200, { 'content-type': 'application/json' })
            .end(answer(null, { code: -32603, message: `interop filter error: ${error.message}` })),
        )
    })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, '127.0.0.1', () => resolve())
  })

  return {
    url: `http://127.0.0.1:${options.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
