/**
 * Faulty RPCs (docs/ARCHITECTURE.md §5), through the fault proxy (test/fixtures/faultyRpc.ts) in front of a real
 * devnet: errors, 429 with Retry-After, timeouts, truncated and malformed replies, a wrong chain id, a node that lags
 * and two nodes behind one URL that disagree. The tracker never reports relayed, finalized or ready from a read it
 * cannot trust, never takes a relay back on a lagging read, backs off with a cap (honouring Retry-After), says what
 * is wrong per chain, and converges within 3 ticks once the faults end. The clock is the tracker's own, moved past
 * each backoff, so the test waits for no timer.
 */
import {
  decodeFunctionResult,
  encodeAbiParameters,
  encodeFunctionResult,
  multicall3Abi,
  type Hex,
} from 'viem'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { ChainIdMismatchError } from '../../src/core/chains/errors'
import { decodeSentMessages } from '../../src/core/protocol/decode'
import type { MessageStatus, TrackedMessage } from '../../src/core/model/message'
import { MAX_BACKOFF_MS } from '../../src/core/tracker/chainHealth'
import type { Tracker, TrackerUpdate } from '../../src/core/tracker/api'
import { startTestDevnet, type TestDevnet } from '../fixtures/devnet'
import { startFaultyRpc, type Fault, type FaultyRpc } from '../fixtures/faultyRpc'
import { createTestTracker, devnetChainConfigs } from '../fixtures/tracker'

let devnet: TestDevnet
let destination: FaultyRpc
let clock = Date.now()
let tracker: Tracker

beforeAll(async () => {
  devnet = await startTestDevnet()
  destination = await startFaultyRpc({ upstreams: [devnet.chain(902).rpcUrl] })
  const chains = devnetChainConfigs(devnet).map((c) => (c.id === 902 ? { ...c, rpcUrl: destination.url } : c))
  ;({ tracker } = await createTestTracker(devnet, {
    chains,
    tracker: { now: () => clock, rpcTimeoutMs: 500, chainIdCheckMs: 1 },
  }))
})
beforeEach(() => {
  destination?.clear()
})
afterAll(async () => {
  await destination?.close()
  await devnet?.stop()
})

/**
 * One tick of the loop: 2 s after the last, or — when a chain backs off — at the moment it is due again, which is
 * when the poll loop wakes (pollLoop.ts). The clock is moved there; nothing waits for real.
 */
async function tick() {
  const due = (await tracker.chainHealth()).map((h) => h.retryAt ?? 0)
  clock = Math.max(clock + 2_000, ...due)
  return tracker.poll()
}

async function until(hash: Hex, statuses: MessageStatus[]): Promise<TrackedMessage> {
  for (let i = 0; i < 60; i++) {
    await tick()
    const m = await tracker.getMessage(hash)
    if (m && statuses.includes(m.status)) return m
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`${hash} never reached ${statuses.join('/')}`)
}

async function readyMessage(): Promise<{
  message: TrackedMessage
  receipt: Awaited<ReturnType<TestDevnet['sendMock']>>
}> {
  const receipt = await devnet.sendMock({ amount: 0n })
  const [message] = await tracker.trackTransaction(901, receipt.transactionHash)
  return { message: await until(message!.hash, ['ready']), receipt }
}

/** What a message's destination decides: its status, the relay, how final it is, our pending relay. */
const destinationSide = (m: TrackedMessage | undefined) => ({
  status: m?.status,
  relay: m?.relay,
  destinationSafety: m?.destinationSafety,
  pendingRelay: m?.pendingRelay,
})

const health902 = async () => (await tracker.chainHealth()).find((h) => h.chainId === 902)!

describe('a destination RPC that fails in every way', () => {
  const faults: [string, Fault][] = [
    ['a JSON-RPC error', { kind: 'rpcError', code: -32603, message: 'internal' }],
    ['HTTP 500', { kind: 'http', status: 500 }],
    ['429 with Retry-After', { kind: 'rateLimit', retryAfterSeconds: 120 }],
    ['a request that never answers', { kind: 'hang' }],
    ['a truncated reply', { kind: 'truncate' }],
    ['malformed JSON', { kind: 'malformed' }],
  ]

  it.each(faults)(
    '%s: nothing concluded, the chain reported unreachable, then back within 3 ticks',
    async (name, fault) => {
      const { message, receipt } = await readyMessage()
      destination.inject({ fault })
      // Relayed (and mined) by someone else while our reads of the destination fail.
      const relay = await devnet.sendRelay(await devnet.executingMessage(receipt))
      await devnet.publicClient(902).waitForTransactionReceipt({ hash: relay })
      const before = await tracker.getMessage(message.hash)
      for (let i = 0; i < 3; i++) {
        const report = await tick()
        // Every tick meets the fault: the chain is due again exactly when the tick comes.
        expect(report.errors.map((e) => e.chainId)).toContain(902)
        // The source (901) is healthy and still read; what only the destination can say stays as it was.
        expect(destinationSide(await tracker.getMessage(message.hash))).toEqual(destinationSide(before))
      }
      const health = await health902()
      expect(health).toMatchObject({ state: 'unreachable', chainId: 902 })
      expect(health.error).toBeTruthy()
      expect(health.retryAt! - clock).toBeLessThanOrEqual(
        name === '429 with Retry-After' ? 120_000 : MAX_BACKOFF_MS,
      )
      if (name === '429 with Retry-After') expect(health.retryAt! - clock).toBe(120_000)

      destination.clear()
      let ticks = 0
      let now: TrackedMessage | undefined
      do {
        await tick()
        ticks += 1
        now = await tracker.getMessage(message.hash)
      } while (now?.status !== 'relayed' && now?.status !== 'finalized' && ticks < 3)
      expect(now?.status).toMatch(/relayed|finalized/)
      expect(ticks).toBeLessThanOrEqual(3)
      expect((await health902()).state).toBe('ok')
    },
  )

  it('backs off 1 s, 2 s, 4 s … capped at a minute, and leaves the chain alone meanwhile', async () => {
    await readyMessage()
    destination.inject({ fault: { kind: 'http', status: 503 } })
    const waits: number[] = []
    for (let i = 0; i < 9; i++) {
      await tick()
      waits.push((await health902()).retryAt! - clock)
    }
    expect(waits.slice(0, 4)).toEqual([1_000, 2_000, 4_000, 8_000])
    expect(Math.max(...waits)).toBe(MAX_BACKOFF_MS)
    // Within the backoff the chain is not asked at all.
    const seen = destination.requests.length
    const report = await tracker.poll()
    expect(destination.requests.length).toBe(seen)
    expect(report.requests[902]).toBeUndefined()
    destination.clear()
    await tick()
    expect((await health902()).state).toBe('ok')
  })

  it('an RPC that answers for another chain is not polled, and is said to be the wrong chain', async () => {
    const { message } = await readyMessage()
    destination.inject({ fault: { kind: 'wrongChainId', chainId: 901 } })
    const updates: TrackerUpdate[] = []
    const off = tracker.subscribe((u) => updates.push(u))
    const before = await tracker.getMessage(message.hash)
    const seen = destination.requests.length
    await tick()
    await tick()
    off()
    expect(await health902()).toMatchObject({ state: 'wrongChain', servedChainId: 901 })
    expect(updates).toContainEqual(
      expect.objectContaining({
        type: 'chainHealth',
        health: expect.objectContaining({ state: 'wrongChain' }),
      }),
    )
    // Only eth_chainId was asked: nothing read from a chain that is not 902 made it into the message.
    const methods = destination.requests.slice(seen).map((r) => r.method)
    expect(new Set(methods)).toEqual(new Set(['eth_chainId']))
    expect(destinationSide(await tracker.getMessage(message.hash))).toEqual(destinationSide(before))
    // Nothing is discovered through it either: tracking a transaction "on 902" would read another chain.
    await expect(tracker.trackTransaction(902, message.sourceTransactionHash)).rejects.toBeInstanceOf(
      ChainIdMismatchError,
    )
    destination.clear()
    await tick()
    expect((await health902()).state).toBe('ok')
  })
})

describe('nodes that lag or disagree', () => {
  it('a lagging read never takes a relay back, and never makes a ready message less ready', async () => {
    const { message, receipt } = await readyMessage()
    await devnet.mine(902, 30)
    const relay = await devnet.sendRelay(await devnet.executingMessage(receipt))
    await devnet.publicClient(902).waitForTransactionReceipt({ hash: relay })
    await until(message.hash, ['relayed', 'finalized'])

    const lagging = await startFaultyRpc({
      upstreams: [devnet.chain(902).rpcUrl, devnet.chain(902).rpcUrl],
      routing: 'random',
      seed: 7,
      lag: [0, 25],
    })
    try {
      const chains = devnetChainConfigs(devnet).map((c) => (c.id === 902 ? { ...c, rpcUrl: lagging.url } : c))
      await tracker.addChain(chains.find((c) => c.id === 902)!)
      const changes: TrackerUpdate[] = []
      const off = tracker.subscribe((u) => changes.push(u))
      for (let i = 0; i < 12; i++) await tick()
      off()
      const moves = changes.filter((u) => u.type === 'messageUpdated' && u.message.hash === message.hash)
      expect(
        moves.every((u) => u.type === 'messageUpdated' && (u.to === 'relayed' || u.to === 'finalized')),
      ).toBe(true)
      expect((await tracker.getMessage(message.hash))?.relay).toBeDefined()

      // A message relayed while the two nodes disagree is seen relayed once a consistent read comes.
      const next = await readyMessage()
      const relay = await devnet.sendRelay(await devnet.executingMessage(next.receipt))
      await devnet.publicClient(902).waitForTransactionReceipt({ hash: relay })
      let seen: TrackedMessage | undefined
      for (let i = 0; i < 12 && seen?.status !== 'relayed' && seen?.status !== 'finalized'; i++) {
        await tick()
        seen = await tracker.getMessage(next.message.hash)
        expect(['ready', 'relayed', 'finalized']).toContain(seen?.status)
      }
      expect(seen?.relay).toBeDefined()
    } finally {
      await tracker.addChain(
        devnetChainConfigs(devnet).map((c) => (c.id === 902 ? { ...c, rpcUrl: destination.url } : c))[1]!,
      )
      await lagging.close()
    }
  })

  it('a node that lies "not relayed" about a relayed message is not believed', async () => {
    const { message, receipt } = await readyMessage()
    const relay = await devnet.sendRelay(await devnet.executingMessage(receipt))
    await devnet.publicClient(902).waitForTransactionReceipt({ hash: relay })
    await until(message.hash, ['relayed', 'finalized'])
    // successfulMessages → false for everything, and no RelayedMessage logs.
    destination.inject({
      fault: {
        kind: 'rewrite',
        rewrite: (method, _params, result) =>
          method === 'eth_getLogs' ? [] : method === 'eth_call' ? lieNotRelayed(result as Hex) : result,
      },
    })
    for (let i = 0; i < 4; i++) await tick()
    destination.clear()
    const after = await tracker.getMessage(message.hash)
    expect(['relayed', 'finalized']).toContain(after?.status)
    expect(after?.relay).toBeDefined()
  })
})

/** A Multicall3 aggregate3 answer in which every call returned `false` (the lie); other calls pass untouched. */
function lieNotRelayed(result: Hex): Hex {
  try {
    const answers = decodeFunctionResult({ abi: multicall3Abi, functionName: 'aggregate3', data: result })
    const no = encodeAbiParameters([{ type: 'bool' }], [false])
    return encodeFunctionResult({
      abi: multicall3Abi,
      functionName: 'aggregate3',
      result: answers.map((a) => ({ success: a.success, returnData: no })),
    })
  } catch {
    return result
  }
}

describe('account scans through a node that hides logs', () => {
  it('a scan answered with no logs (a node behind the URL that lags) finds the transfer on the next scan', async () => {
    const source = await startFaultyRpc({ upstreams: [devnet.chain(901).rpcUrl] })
    try {
      const chains = devnetChainConfigs(devnet).map((c) => (c.id === 901 ? { ...c, rpcUrl: source.url } : c))
      const scanner = (await createTestTracker(devnet, { chains })).tracker
      const carol = devnet.accounts[3].address
      await scanner.watchAccount(carol)
      await scanner.scanAccounts()
      const receipt = await devnet.sendMock({ amount: 0n, from: 3 })
      const [sent] = decodeSentMessages(901, receipt.logs)
      // Its range, and the look-up by nonce that the messenger's count then asks for, both answered with nothing.
      source.inject({ fault: { kind: 'rewrite', rewrite: () => [] }, methods: ['eth_getLogs'], times: 2 })
      await scanner.scanAccounts()
      expect(await scanner.getMessage(sent!.hash)).toBeUndefined() // hidden from this scan
      await scanner.scanAccounts()
      expect((await scanner.getMessage(sent!.hash))?.sourceTransactionHash).toBe(receipt.transactionHash)
    } finally {
      await source.close()
    }
  })

  /** A node that answers every range with no logs while it has them — it only shows a log asked for by its nonce. */
  const hideRanges: Fault = {
    kind: 'rewrite',
    rewrite: (_method, params, result) =>
      ((params[0] as { topics?: unknown[] }).topics ?? []).length <= 1 ? [] : result,
  }

  it('a node that hides ranges for good is caught by the messenger’s count: the transfer is looked up by its nonce', async () => {
    const source = await startFaultyRpc({ upstreams: [devnet.chain(901).rpcUrl] })
    try {
      const chains = devnetChainConfigs(devnet).map((c) => (c.id === 901 ? { ...c, rpcUrl: source.url } : c))
      const scanner = (await createTestTracker(devnet, { chains })).tracker
      const dave = devnet.accounts[3].address
      await scanner.watchAccount(dave)
      await scanner.scanAccounts()
      source.inject({ fault: hideRanges, methods: ['eth_getLogs'] })
      const receipt = await devnet.sendMock({ amount: 0n, from: 3 })
      const [sent] = decodeSentMessages(901, receipt.logs)
      await devnet.mine(901, 200) // past the rescanned tail: no later scan of the range would see it again
      await scanner.scanAccounts()
      expect((await scanner.getMessage(sent!.hash))?.sourceTransactionHash).toBe(receipt.transactionHash)
    } finally {
      await source.close()
    }
  })

  it('a log the node will not show even by nonce fails the scan, naming it, and is found once the node shows it — below the rescanned tail', async () => {
    const source = await startFaultyRpc({ upstreams: [devnet.chain(901).rpcUrl] })
    try {
      const chains = devnetChainConfigs(devnet).map((c) => (c.id === 901 ? { ...c, rpcUrl: source.url } : c))
      const scanner = (await createTestTracker(devnet, { chains })).tracker
      const errors: string[] = []
      scanner.subscribe((u) => void (u.type === 'error' && u.chainId === 901 && errors.push(u.message)))
      const erin = devnet.accounts[3].address
      await scanner.watchAccount(erin)
      await scanner.scanAccounts()
      const receipt = await devnet.sendMock({ amount: 0n, from: 3 })
      const [sent] = decodeSentMessages(901, receipt.logs)
      source.inject({ fault: { kind: 'rewrite', rewrite: () => [] }, methods: ['eth_getLogs'] })
      await scanner.scanAccounts()
      expect(await scanner.getMessage(sent!.hash)).toBeUndefined()
      expect(errors.join('\n')).toMatch(
        new RegExp(`did not return the SentMessage logs of nonce ${sent!.nonce}\\b`),
      )

      source.clear()
      await devnet.mine(901, 200) // the range with the transfer is now below the rescanned tail
      await scanner.scanAccounts()
      expect((await scanner.getMessage(sent!.hash))?.sourceTransactionHash).toBe(receipt.transactionHash)
    } finally {
      await source.close()
    }
  })
})
