/**
 * The validating JSON-RPC proxy in front of each devnet chain. Everything is forwarded to anvil untouched except
 * transaction submission: `eth_sendRawTransaction` / `eth_sendTransaction` are traced first, and every call the tx
 * would make to CrossL2Inbox.validateMessage is checked as the sequencer's filter would (executingMessageCheck.ts).
 * An invalid executing message gets a JSON-RPC error naming the failed check, and the tx never reaches anvil, so it
 * is never mined — exactly what a user of a real interop chain sees.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'

import { crossL2InboxAbi } from '@eth-optimism/viem/abis'
import {
  decodeFunctionData,
  parseTransaction,
  recoverTransactionAddress,
  toFunctionSelector,
  type AccessList,
  type Address,
  type Hex,
  type PublicClient,
  type TransactionSerialized,
} from 'viem'

import { CROSS_L2_INBOX } from '../src/core/protocol/addresses'
import {
  checkExecutingMessage,
  InvalidExecutingMessageError,
  type ExecutingMessageClaim,
} from './executingMessageCheck'

const VALIDATE_MESSAGE_SELECTOR = toFunctionSelector(
  'validateMessage((address,uint256,uint256,uint256,uint256),bytes32)',
)

export interface ProxyOptions {
  chainId: number
  port: number
  /** anvil's own URL, where everything is forwarded. */
  upstreamUrl: string
  clients: ReadonlyMap<number, PublicClient>
  dependencySet: ReadonlySet<number>
  interopDelay: number
  /** Called for each refused transaction (the CLI logs them). */
  onRefused?: (reason: string) => void
}

export interface ValidatingProxy {
  url: string
  close(): Promise<void>
}

interface JsonRpcRequest {
  jsonrpc: '2.0'
  id: number | string | null
  method: string
  params?: unknown[]
}

interface CallFrame {
  to?: string
  input?: string
  calls?: CallFrame[]
}

interface TxFields {
  from: Address
  to?: Address | null
  data?: Hex
  value?: bigint
  gas?: bigint
  accessList?: AccessList
}

const hex = (n: bigint | undefined) => (n === undefined ? undefined : (`0x${n.toString(16)}` as Hex))

export async function startValidatingProxy(options: ProxyOptions): Promise<ValidatingProxy> {
  const upstream = options.clients.get(options.chainId)
  if (upstream === undefined) throw new Error(`no client for chain ${options.chainId}`)

  async function forward(body: string): Promise<string> {
    const response = await fetch(options.upstreamUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    })
    return response.text()
  }

  /** Every validateMessage call the tx would make, found by tracing it (works even when the call reverts). */
  async function executingMessagesOf(tx: TxFields): Promise<ExecutingMessageClaim[]> {
    if (!tx.to || !tx.data || tx.data.length < 10) return []
    const trace = (await upstream!.request({
      method: 'debug_traceCall' as never,
      params: [
        {
          from: tx.from,
          to: tx.to,
          data: tx.data,
          value: hex(tx.value),
          gas: hex(tx.gas),
          accessList: tx.accessList,
        },
        'latest',
        { tracer: 'callTracer' },
      ] as never,
    })) as CallFrame
    const claims: ExecutingMessageClaim[] = []
    const visit = (frame: CallFrame) => {
      if (
        frame.to?.toLowerCase() === CROSS_L2_INBOX.toLowerCase() &&
        frame.input?.slice(0, 10).toLowerCase() === VALIDATE_MESSAGE_SELECTOR
      ) {
        try {
          const { args } = decodeFunctionData({ abi: crossL2InboxAbi, data: frame.input as Hex })
          const [id, msgHash] = args as unknown as [ExecutingMessageClaim['id'], Hex]
          claims.push({ id, msgHash })
        } catch {
          // malformed calldata: CrossL2Inbox itself reverts it; nothing for the filter to check
        }
      }
      for (const child of frame.calls ?? []) visit(child)
    }
    visit(trace)
    return claims
  }

  async function validate(tx: TxFields): Promise<void> {
    const claims = await executingMessagesOf(tx)
    if (claims.length === 0) return
    const pending = await upstream!.getBlock({ blockTag: 'pending' })
    for (const claim of claims) {
      await checkExecutingMessage(claim, {
        chainId: options.chainId,
        dependencySet: options.dependencySet,
        clients: options.clients,
        executingTimestamp: pending.timestamp,
        interopDelay: BigInt(options.interopDelay),
        accessList: tx.accessList,
      })
    }
  }

  async function txFieldsOf(request: JsonRpcRequest): Promise<TxFields | undefined> {
    if (request.method === 'eth_sendRawTransaction') {
      const raw = request.params?.[0] as TransactionSerialized
      const parsed = parseTransaction(raw)
      const from = await recoverTransactionAddress({ serializedTransaction: raw })
      return {
        from,
        to: parsed.to,
        data: parsed.data,
        value: parsed.value,
        gas: parsed.gas,
        accessList: 'accessList' in parsed ? parsed.accessList : undefined,
      }
    }
    if (request.method === 'eth_sendTransaction') {
      const t = request.params?.[0] as {
        from: Address
        to?: Address
        data?: Hex
        input?: Hex
        value?: Hex
        gas?: Hex
        accessList?: AccessList
      }
      return {
        from: t.from,
        to: t.to,
        data: t.data ?? t.input,
        value: t.value === undefined ? undefined : BigInt(t.value),
        gas: t.gas === undefined ? undefined : BigInt(t.gas),
        accessList: t.accessList,
      }
    }
    return undefined
  }

  /** Handle one request; returns the JSON response text, or undefined to forward it unchanged. */
  async function handleOne(request: JsonRpcRequest): Promise<object | undefined> {
    let tx: TxFields | undefined
    try {
      tx = await txFieldsOf(request)
    } catch (error) {
      return {
        jsonrpc: '2.0',
        id: request.id,
        error: { code: -32602, message: `invalid transaction: ${(error as Error).message}` },
      }
    }
    if (tx === undefined) return undefined
    try {
      await validate(tx)
    } catch (error) {
      if (error instanceof InvalidExecutingMessageError) {
        options.onRefused?.(error.message)
        return {
          jsonrpc: '2.0',
          id: request.id,
          error: { code: -32000, message: error.message, data: { check: error.check } },
        }
      }
      // A trace that fails for another reason (bad nonce, no funds…) is for anvil to report, as it would anyway.
    }
    return undefined
  }

  async function handleBody(body: string): Promise<string> {
    let parsed: JsonRpcRequest | JsonRpcRequest[]
    try {
      parsed = JSON.parse(body) as JsonRpcRequest | JsonRpcRequest[]
    } catch {
      return JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'parse error' } })
    }
    if (Array.isArray(parsed)) {
      const answers = await Promise.all(
        parsed.map(async (r) => (await handleOne(r)) ?? JSON.parse(await forward(JSON.stringify(r)))),
      )
      return JSON.stringify(answers)
    }
    const answer = await handleOne(parsed)
    return answer === undefined ? forward(body) : JSON.stringify(answer)
  }

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
      handleBody(Buffer.concat(chunks).toString('utf8'))
        .then((text) => res.writeHead(200, { 'content-type': 'application/json' }).end(text))
        .catch((error: Error) =>
          res
            .writeHead(200, { 'content-type': 'application/json' })
            .end(
              JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32603, message: error.message } }),
            ),
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
