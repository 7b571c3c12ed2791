/**
 * RPC faults for the soak, through the fault proxy (test/fixtures/faultyRpc.ts). Each chain has two proxies: one
 * in front of the Node tracker, one in front of the extension, so each can be hurt on its own. Every proxy serves
 * two copies of the chain at random (a load balancer), and the second copy can lag.
 *
 * A fault window injects a few rules drawn from the whole catalogue — errors, HTTP failures, 429 with Retry-After,
 * requests that never answer, delays, truncated and malformed replies, a wrong chain id, a lagging node, and nodes
 * that lie (every message relayed, or no logs at all) — and closes after a few steps. The extension gets the milder
 * ones: a page waits on it, and a hung request costs it its 10 s timeout.
 */
import {
  decodeFunctionResult,
  encodeAbiParameters,
  encodeFunctionResult,
  multicall3Abi,
  type Hex,
} from 'viem'

import { startFaultyRpc, type FaultRule, type FaultyRpc } from '../fixtures/faultyRpc'
import type { TestDevnet } from '../fixtures/devnet'
import type { Random } from './random'

export interface ChainProxies {
  node: Map<number, FaultyRpc>
  extension: Map<number, FaultyRpc>
}

export async function startProxies(devnet: TestDevnet, random: Random): Promise<ChainProxies> {
  const node = new Map<number, FaultyRpc>()
  const extension = new Map<number, FaultyRpc>()
  for (const c of devnet.chains) {
    const both = { upstreams: [c.rpcUrl, c.rpcUrl], routing: 'random' as const }
    node.set(c.id, await startFaultyRpc({ ...both, seed: random.int(1, 2 ** 30) }))
    extension.set(c.id, await startFaultyRpc({ ...both, seed: random.int(1, 2 ** 30) }))
  }
  return { node, extension }
}

export async function closeProxies(proxies: ChainProxies | undefined): Promise<void> {
  if (!proxies) return
  await Promise.all([...proxies.node.values(), ...proxies.extension.values()].map((p) => p.close()))
}

const READS = [
  'eth_call',
  'eth_getLogs',
  'eth_getBlockByNumber',
  'eth_getTransactionReceipt',
  'eth_blockNumber',
]

/** A Multicall3 answer in which every call returned `true`: a node claiming every message was relayed. */
function lieAllRelayed(result: unknown): unknown {
  try {
    const answers = decodeFunctionResult({
      abi: multicall3Abi,
      functionName: 'aggregate3',
      data: result as Hex,
    })
    const yes = encodeAbiParameters([{ type: 'bool' }], [true])
    return encodeFunctionResult({
      abi: multicall3Abi,
      functionName: 'aggregate3',
      result: answers.map((a) => ({ success: a.success, returnData: yes })),
    })
  } catch {
    return result
  }
}

/** How many kinds of fault each catalogue has (the `switch`es below). */
export const NODE_FAULT_KINDS = 11
const EXTENSION_FAULT_KINDS = 5

/** One rule of the node-side catalogue (kind 0 … NODE_FAULT_KINDS - 1), with a short name for the log. */
function nodeFault(random: Random, kind: number): { name: string; rule?: FaultRule; lag?: number } {
  const times = random.int(1, 4)
  const methods = random.chance(0.5) ? [random.pick(READS)] : undefined
  switch (kind) {
    case 0:
      return { name: 'rpcError', rule: { fault: { kind: 'rpcError', code: -32603 }, methods, times } }
    case 1:
      return {
        name: 'http5xx',
        rule: { fault: { kind: 'http', status: random.pick([500, 502, 503]) }, times },
      }
    case 2:
      return {
        name: 'rateLimit',
        rule: { fault: { kind: 'rateLimit', retryAfterSeconds: random.int(1, 3) }, times: 1 },
      }
    case 3:
      return { name: 'hang', rule: { fault: { kind: 'hang' }, methods, times: 1 } }
    case 4:
      return { name: 'delay', rule: { fault: { kind: 'delay', ms: random.int(100, 800) }, times } }
    case 5:
      return { name: 'truncate', rule: { fault: { kind: 'truncate' }, methods, times } }
    case 6:
      return { name: 'malformed', rule: { fault: { kind: 'malformed' }, times } }
    case 7:
      return {
        name: 'wrongChainId',
        rule: { fault: { kind: 'wrongChainId', chainId: 1 }, methods: ['eth_chainId'], times: 1 },
      }
    case 8:
      return {
        name: 'lieRelayed',
        rule: {
          fault: {
            kind: 'rewrite',
            rewrite: (method, _params, result) => (method === 'eth_call' ? lieAllRelayed(result) : result),
          },
          methods: ['eth_call'],
          times: random.int(1, 6),
        },
      }
    case 9:
      return {
        name: 'lieNoLogs',
        rule: { fault: { kind: 'rewrite', rewrite: () => [] }, methods: ['eth_getLogs'], times },
      }
    default:
      return { name: 'lag', lag: random.int(2, 6) }
  }
}

function extensionFault(random: Random, kind: number): { name: string; rule?: FaultRule; lag?: number } {
  const times = random.int(1, 3)
  switch (kind) {
    case 0:
      return { name: 'rpcError', rule: { fault: { kind: 'rpcError', code: -32603 }, times } }
    case 1:
      return { name: 'http5xx', rule: { fault: { kind: 'http', status: 502 }, times } }
    case 2:
      return { name: 'rateLimit', rule: { fault: { kind: 'rateLimit', retryAfterSeconds: 1 }, times: 1 } }
    case 3:
      return { name: 'delay', rule: { fault: { kind: 'delay', ms: random.int(100, 500) }, times } }
    default:
      return { name: 'lag', lag: random.int(2, 4) }
  }
}

/** Opens fault windows and closes them; counts what it did. */
export class FaultInjector {
  windows = 0
  readonly kinds = new Map<string, number>()
  private open = false
  private readonly lags = new Map<FaultyRpc, number>()

  constructor(
    private readonly proxies: ChainProxies,
    private readonly random: Random,
  ) {}

  get isOpen(): boolean {
    return this.open
  }

  /** Kinds not injected yet, per catalogue: a window draws from these first, so every kind gets its turn. */
  private readonly unused = {
    node: Array.from({ length: NODE_FAULT_KINDS }, (_, i) => i),
    extension: Array.from({ length: EXTENSION_FAULT_KINDS }, (_, i) => i),
  }

  /** Node-side kinds never injected so far. */
  get kindsLeft(): number {
    return this.unused.node.length
  }

  private kind(side: 'node' | 'extension'): number {
    const left = this.unused[side]
    if (left.length === 0) {
      return this.random.int(0, (side === 'node' ? NODE_FAULT_KINDS : EXTENSION_FAULT_KINDS) - 1)
    }
    return left.splice(this.random.int(0, left.length - 1), 1)[0]!
  }

  /**
   * A window: `rules` rules (default 1–3) on the Node tracker's proxies, and with `withExtension` one on the
   * extension's.
   */
  openWindow(withExtension: boolean, rules = this.random.int(1, 3)): string[] {
    this.open = true
    this.windows += 1
    const names: string[] = []
    const apply = (proxy: FaultyRpc, fault: { name: string; rule?: FaultRule; lag?: number }) => {
      if (fault.rule) proxy.inject(fault.rule)
      this.kinds.set(fault.name, (this.kinds.get(fault.name) ?? 0) + 1)
      if (fault.lag) {
        proxy.setLag(1, fault.lag)
        this.lags.set(proxy, fault.lag)
        // Where, for the log: the judge reads that chain's truth as far back (world.ts).
        const id = [...this.proxies.node, ...this.proxies.extension].find(([, p]) => p === proxy)?.[0]
        names.push(`${fault.name} (${id} +${fault.lag})`)
      } else names.push(fault.name)
    }
    for (let i = rules; i > 0; i--) {
      apply(this.random.pick([...this.proxies.node.values()]), nodeFault(this.random, this.kind('node')))
    }
    if (withExtension) {
      const proxy = this.random.pick([...this.proxies.extension.values()])
      const fault = extensionFault(this.random, this.kind('extension'))
      apply(proxy, { ...fault, name: `extension-${fault.name}` })
    }
    return names
  }

  /** A one-shot fault on the next broadcast of a relay: the answer is lost, the transaction may be out. */
  loseNextBroadcast(chainId: number, random: Random): string {
    const kind = random.pick(['hang', 'truncate', 'http'] as const)
    const fault =
      kind === 'hang'
        ? ({ kind: 'hang' } as const)
        : kind === 'truncate'
          ? ({ kind: 'truncate' } as const)
          : ({ kind: 'http', status: 502 } as const)
    this.proxies.node.get(chainId)!.inject({ fault, methods: ['eth_sendRawTransaction'], times: 1 })
    this.kinds.set(`broadcast-${kind}`, (this.kinds.get(`broadcast-${kind}`) ?? 0) + 1)
    return `broadcast-${kind}`
  }

  /**
   * How many blocks behind a tracker's RPC for this chain may answer now (one of its two nodes lags): what it shows
   * may be that far in the past, so the judge reads its "before" truth that far back (world.ts).
   */
  lagOf(side: 'node' | 'extension', chainId: number): number {
    const proxy = this.proxies[side].get(chainId)
    return proxy ? (this.lags.get(proxy) ?? 0) : 0
  }

  closeWindow(): void {
    this.open = false
    this.lags.clear()
    for (const proxy of [...this.proxies.node.values(), ...this.proxies.extension.values()]) {
      proxy.clear()
      proxy.setLag(1, 0)
    }
  }

  /** Requests answered with an injected fault so far, over every proxy (a lagging node's answers not included). */
  faultedRequests(): number {
    return [...this.proxies.node.values(), ...this.proxies.extension.values()].reduce(
      (n, p) => n + p.requests.filter((r) => r.fault).length,
      0,
    )
  }
}
