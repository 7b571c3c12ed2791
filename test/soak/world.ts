/**
 * Everything a soak run holds — the devnet, the fault proxies, the Node tracker, the extension, the racing
 * autorelayer and the ledgers — and the two ways it looks at a tracker: one tick of the Node tracker, and one sample
 * of the extension, each bracketed by the truth read before and after (judge.ts says why).
 */
import { parseEther, type Address, type Hex } from 'viem'

import type { ChainConfig } from '../../src/core/chains/types'
import type { Tracker } from '../../src/core/tracker/api'
import { startTestDevnet, type TestDevnet } from '../fixtures/devnet'
import { createTestTracker, devnetChainConfigs } from '../fixtures/tracker'
import { ExtensionDriver } from './extensionDriver'
import { closeProxies, FaultInjector, startProxies, type ChainProxies } from './faults'
import { readHeads, readTruth, SentLedger, type SentMessage, type Truth } from './groundTruth'
import { disagreements, judgeSample, type Finding, type TrackerName, type TrackerView } from './judge'
import { createRacer, racerAccount, type Racer } from './racer'
import { createRandom, type Random } from './random'
import { RelayLedger } from './relayLedger'
import { DESTINATION, mintForSenders, USERS } from './users'

/** The Node tracker's scans run every this many ticks, as its poll loop's do. */
const SCAN_EVERY_TICKS = 3

export interface SampleCounts {
  samples: number
  judged: number
  stale: number
}

export class World {
  readonly ledger = new SentLedger()
  readonly findings: Finding[] = []
  readonly counts: Record<TrackerName, SampleCounts> = {
    node: { samples: 0, judged: 0, stale: 0 },
    extension: { samples: 0, judged: 0, stale: 0 },
  }
  /** The Node tracker's clock: moved to when its poll loop would wake (2 s on, or a backed-off chain's retry). */
  clock = Date.now()
  step = 0
  epoch = 0
  nodeTicks = 0
  lastNodeView: TrackerView = { messages: [], health: [] }
  lastExtensionView?: TrackerView
  extensionRelayAccount?: Address

  /**
   * For choices that depend on what a tracker shows (which message to relay, how): timing on a shared machine
   * changes those lists, so they draw from their own stream and the chaos schedule (`random`) stays the seed's.
   */
  readonly chooser: Random

  private constructor(
    readonly random: Random,
    readonly devnet: TestDevnet,
    readonly proxies: ChainProxies,
    readonly faults: FaultInjector,
    readonly node: Tracker,
    readonly nodeRelayer: Address,
    readonly relays: RelayLedger,
    readonly racer: Racer,
    readonly extension: ExtensionDriver | undefined,
    readonly log: (line: string) => void,
  ) {
    this.chooser = createRandom(random.seed ^ 0x5eed)
  }

  static async create(random: Random, withBrowser: boolean, log: (line: string) => void): Promise<World> {
    const devnet = await startTestDevnet({ blockTime: 1 })
    let proxies: ChainProxies | undefined
    let extension: ExtensionDriver | undefined
    try {
      proxies = await startProxies(devnet, random)
      const through = (side: 'node' | 'extension'): ChainConfig[] =>
        devnetChainConfigs(devnet).map((c) => ({ ...c, rpcUrl: proxies![side].get(c.id)!.url }))
      // The tracker reads the world's clock, which exists once the tracker does.
      const built: { world?: World } = {}
      const { tracker, account } = await createTestTracker(devnet, {
        chains: through('node'),
        tracker: {
          now: () => built.world?.clock ?? Date.now(),
          rpcTimeoutMs: 2_000,
          chainIdCheckMs: 10_000,
        },
      })
      await tracker.watchAccount(devnet.accounts[USERS.bob].address)
      if (withBrowser) extension = await ExtensionDriver.launch()
      const relays = new RelayLedger(devnet, [account.address])
      const world = new World(
        random,
        devnet,
        proxies,
        new FaultInjector(proxies, random),
        tracker,
        account.address,
        relays,
        createRacer(devnet),
        extension,
        log,
      )
      built.world = world
      await mintForSenders(devnet)
      await world.fundRacer()
      if (extension) {
        const names = ['Devnet L2 A', 'Devnet L2 B']
        const chains = through('extension').map((c, i) => ({ ...c, name: names[i] ?? c.name }))
        world.extensionRelayAccount = await extension.setUp(chains, devnet.accounts[USERS.carol].address)
        relays.addRelayer(world.extensionRelayAccount)
        await world.fundExtension()
      }
      return world
    } catch (error) {
      await extension?.close()
      await closeProxies(proxies)
      await devnet.stop()
      throw error
    }
  }

  /** The racer is one of anvil's funded accounts already; nothing to do but check it can pay. */
  private async fundRacer(): Promise<void> {
    const balance = await this.devnet.anvilClient(DESTINATION).getBalance({ address: racerAccount.address })
    if (balance === 0n) throw new Error(`the racing autorelayer ${racerAccount.address} has no ETH`)
  }

  /** The extension's relay account needs ETH on the destination (again after a restart). */
  async fundExtension(): Promise<void> {
    if (!this.extensionRelayAccount) return
    const hash = await this.devnet.walletClient(DESTINATION, this.devnet.account(0)).sendTransaction({
      to: this.extensionRelayAccount,
      value: parseEther('1'),
      account: this.devnet.account(0),
      chain: this.devnet.chain(DESTINATION).chain,
    })
    await this.devnet.publicClient(DESTINATION).waitForTransactionReceipt({ hash })
  }

  /** The messages each tracker is expected to have: the Node tracker all of them, the extension Carol's. */
  expected(tracker: TrackerName): SentMessage[] {
    const carol = this.devnet.accounts[USERS.carol].address.toLowerCase()
    return this.ledger.all().filter((m) => tracker === 'node' || m.from.toLowerCase() === carol)
  }

  /**
   * The truth at the chains' heads now — or, for `behindFor`'s "before" reading, as far back as that tracker's RPC
   * may lag: a lagging node shows the chain as it was up to that many blocks ago, so a relay newer than that is not
   * yet there to be seen (judge.ts: "before" must be no later than what the tracker could read).
   */
  private async truthNow(behindFor?: TrackerName): Promise<Map<Hex, Truth>> {
    const heads = await readHeads(this.devnet)
    const lagging = new Map(heads)
    for (const [id, head] of heads) {
      const lag = behindFor ? BigInt(this.faults.lagOf(behindFor, id)) : 0n
      lagging.set(id, head > lag ? head - lag : 0n)
    }
    if ([...heads].every(([id, head]) => lagging.get(id) === head))
      return readTruth(this.devnet, this.ledger.all(), heads)
    // A fresh chain has no Multicall3 state that far back: then the heads now, as without a lag.
    return readTruth(this.devnet, this.ledger.all(), lagging).catch((error: unknown) => {
      this.log(`truth at the lagging heads unreadable (${(error as Error).name}): read at the heads now`)
      return readTruth(this.devnet, this.ledger.all(), heads)
    })
  }

  private record(tracker: TrackerName, view: TrackerView, before: Map<Hex, Truth>, after: Map<Hex, Truth>) {
    const verdict = judgeSample(tracker, view, this.ledger, before, after, this.step)
    const c = this.counts[tracker]
    c.samples += 1
    c.judged += verdict.judged
    c.stale += verdict.stale
    for (const f of verdict.findings) {
      this.findings.push(f)
      this.log(`FINDING ${f.tracker} ${f.kind} ${f.hash.slice(0, 10)} step ${f.step}: ${f.detail}`)
      this.log(`  ${recordLine(view, f.hash, this.ledger.get(f.hash))}`)
    }
  }

  /** One tick of the Node tracker, judged against the truth around it. */
  async nodeTick(): Promise<{ view: TrackerView; truth: Map<Hex, Truth> }> {
    const due = (await this.node.chainHealth()).map((h) => h.retryAt ?? 0)
    this.clock = Math.max(Date.now(), this.clock + 2_000, ...due)
    this.nodeTicks += 1
    const before = await this.truthNow('node')
    if (this.nodeTicks % SCAN_EVERY_TICKS === 0) await this.node.scanAccounts()
    await this.node.poll()
    const view = { messages: await this.node.listMessages(), health: await this.node.chainHealth() }
    const after = await this.truthNow()
    this.record('node', view, before, after)
    this.lastNodeView = view
    return { view, truth: after }
  }

  /** One sample of the extension (after two refreshes), judged against the truth around it. */
  async extensionSample(): Promise<{ view: TrackerView; truth: Map<Hex, Truth> } | undefined> {
    if (!this.extension) return undefined
    const before = await this.truthNow('extension')
    const since = Date.now()
    let view: TrackerView
    try {
      view = await this.extension.view(since)
    } catch (error) {
      this.log(`extension sample failed: ${(error as Error).message.split('\n')[0]}`)
      return undefined
    }
    const after = await this.truthNow()
    this.record('extension', view, before, after)
    this.lastExtensionView = view
    return { view, truth: after }
  }

  /** Node tracker ticks, faults closed, until it agrees with the chains on every message; how many it took. */
  async converge(
    final: boolean,
    retryTracks: () => Promise<void>,
    limit = 40,
  ): Promise<{ ticks: number; off: ReturnType<typeof disagreements> }> {
    this.faults.closeWindow()
    let off: ReturnType<typeof disagreements> = []
    for (let ticks = 1; ticks <= limit; ticks++) {
      await retryTracks()
      const { view, truth } = await this.nodeTick()
      off = disagreements(view, this.expected('node'), truth, final)
      if (off.length === 0) return { ticks, off }
      await new Promise((r) => setTimeout(r, 150))
    }
    for (const d of off) {
      this.log(`node disagrees on ${d.message.hash.slice(0, 10)}: ${d.status} vs ${JSON.stringify(d.truth)}`)
    }
    return { ticks: limit + 1, off }
  }

  /** The extension polls by itself: sample it until it agrees on Carol's messages, or time runs out. */
  async extensionAgrees(final: boolean, timeoutMs: number): Promise<ReturnType<typeof disagreements>> {
    let off: ReturnType<typeof disagreements> | undefined
    const deadline = Date.now() + timeoutMs
    while (this.extension && Date.now() < deadline) {
      const sample = await this.extensionSample()
      if (sample) {
        off = disagreements(sample.view, this.expected('extension'), sample.truth, final)
        if (off.length === 0) return []
      }
      await new Promise((r) => setTimeout(r, 1_000))
    }
    if (!this.extension || off) return off ?? []
    // Never sampled: nothing shows the extension agrees, so none of its messages counts as found.
    return disagreements(
      { messages: [], health: [] },
      this.expected('extension'),
      await this.truthNow(),
      final,
    )
  }

  async close(): Promise<void> {
    this.racer.cancelAll()
    await this.racer.settle()
    await this.extension?.close()
    await closeProxies(this.proxies)
    await this.devnet.stop()
  }
}

/**
 * What the tracker held for a finding's message, for `--verbose`: enough to tell which chain its log came from
 * (the block's hash and time, the transaction) and what the tracker last knew of its chains.
 */
function recordLine(view: TrackerView, hash: Hex, sent: SentMessage | undefined): string {
  const m = view.messages.find((x) => x.hash.toLowerCase() === hash.toLowerCase())
  const text = (value: unknown) =>
    JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))
  const record = m && {
    status: m.status,
    initiatingLog: m.initiatingLog,
    sourceSafety: m.sourceSafety,
    sourceTransactionHash: m.sourceTransactionHash,
    locationChange: m.locationChange,
    relay: m.relay,
    updatedAt: m.updatedAt,
  }
  const health = view.health.map((h) => ({ chainId: h.chainId, state: h.state, lastResetAt: h.lastResetAt }))
  return `record ${text(record)}; sent in epoch ${sent?.epoch}${sent?.doomed ? ', doomed' : ''}, tx ${sent?.transactionHash}; health ${text(health)}`
}
