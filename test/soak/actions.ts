/**
 * What happens to the world between two ticks: transfers are sent (and handed to the trackers), our relayers relay,
 * the extension's worker is stopped, the source chain is reorged (snapshot, a transfer or two, revert), the devnet
 * restarts. Each action runs to completion before the next tick, so every tick is judged against a still world —
 * except for what runs by itself: the racing autorelayer, and the extension's own polling.
 */
import type { Hex, TransactionReceipt } from 'viem'

import { isRelayable } from '../../src/core/model/progress'
import { staleChainsOf } from '../../src/core/tracker/chainHealth'
import { relayApproved } from '../fixtures/tracker'
import type { SentMessage } from './groundTruth'
import type { TrackerView } from './judge'
import {
  DESTINATION,
  planTransfer,
  sendTransfer,
  sentRecord,
  SOURCE,
  mintForSenders,
  type SendPlan,
  type UserName,
} from './users'
import type { World } from './world'

export interface ActionCounts {
  nodeRelays: Record<string, number>
  extensionRelays: Record<string, number>
  reorgs: number
  deepReorgs: number
  restarts: number
  tracksRetried: number
}

export class Actions {
  readonly counts: ActionCounts = {
    nodeRelays: {},
    extensionRelays: {},
    reorgs: 0,
    deepReorgs: 0,
    restarts: 0,
    tracksRetried: 0,
  }
  private serial = 0
  /** Transfers the dapp could not hand to the Node tracker yet (its RPC failed): it tries again, as a user would. */
  private untracked: SentMessage[] = []

  constructor(private readonly world: World) {}

  private bump(table: Record<string, number>, key: string): void {
    table[key] = (table[key] ?? 0) + 1
  }

  /** Hand a transfer to the Node tracker, as the dapp does; kept for later when the tracker's RPC fails. */
  private async track(message: SentMessage): Promise<boolean> {
    try {
      await this.world.node.trackTransaction(SOURCE, message.transactionHash)
      return true
    } catch (error) {
      this.world.log(`track ${message.hash.slice(0, 10)} failed: ${(error as Error).name}`)
      return false
    }
  }

  async retryTracks(): Promise<void> {
    const waiting = this.untracked.splice(0)
    for (const m of waiting) {
      this.counts.tracksRetried += 1
      if (m.epoch === this.world.epoch && !(await this.track(m))) this.untracked.push(m)
    }
  }

  /** Send one transfer (a new one, or `again`: the very same one, after a restart) and hand it over. */
  async send(user: UserName, fields: { doomed?: boolean; again?: SendPlan } = {}): Promise<SentMessage> {
    const plan = fields.again ?? planTransfer(this.world.random, user, this.serial++)
    return this.handOver(plan, await sendTransfer(this.world.devnet, plan), fields.doomed ?? false)
  }

  /**
   * Transfers from different users at once (one block's wait for all of them), handed over in order, so the
   * schedule's draws do not depend on which receipt came first.
   */
  async sendAll(users: readonly UserName[]): Promise<void> {
    const plans = users.map((user) => planTransfer(this.world.random, user, this.serial++))
    const receipts = await Promise.all(plans.map((plan) => sendTransfer(this.world.devnet, plan)))
    for (const [i, plan] of plans.entries()) await this.handOver(plan, receipts[i]!, false)
  }

  private async handOver(plan: SendPlan, receipt: TransactionReceipt, doomed: boolean): Promise<SentMessage> {
    const { world } = this
    const user = plan.user
    const relayBy = doomed
      ? 'nobody'
      : user === 'carol'
        ? 'extension'
        : world.random.chance(0.1)
          ? 'nobody'
          : 'node'
    const race = !doomed && world.random.chance(0.5)
    const message = sentRecord(receipt, plan, { epoch: world.epoch, relayBy, race, doomed })
    world.ledger.add(message)
    if (race) world.racer.schedule(message.hash, receipt, SOURCE, DESTINATION, world.random.int(500, 6_000))
    if (message.discovery === 'track' && !(await this.track(message))) this.untracked.push(message)
    world.log(
      `step ${world.step}: ${user} sent ${message.hash.slice(0, 10)} (${plan.kind}, ${relayBy}${race ? ', raced' : ''}${doomed ? ', doomed' : ''})`,
    )
    return message
  }

  private relayable(view: TrackerView | undefined, role: 'node' | 'extension'): Hex[] {
    if (!view) return []
    const mine = new Set(
      this.world.ledger
        .all()
        .filter((m) => m.relayBy === role && m.epoch === this.world.epoch)
        .map((m) => m.hash.toLowerCase()),
    )
    return view.messages
      .filter(
        (m) => mine.has(m.hash.toLowerCase()) && isRelayable(m) && staleChainsOf(m, view.health).length === 0,
      )
      .map((m) => m.hash)
  }

  /** The Node tracker relays one of its messages, sometimes with the broadcast's answer lost on the way. */
  async nodeRelay(): Promise<void> {
    const { world } = this
    const candidates = this.relayable(world.lastNodeView, 'node')
    if (candidates.length === 0) return
    const hash = world.chooser.pick(candidates)
    if (world.chooser.chance(0.3)) world.faults.loseNextBroadcast(DESTINATION, world.chooser)
    try {
      await relayApproved(world.node, hash)
      this.bump(this.counts.nodeRelays, 'sent')
    } catch (error) {
      this.bump(this.counts.nodeRelays, (error as Error).name)
    }
  }

  /** The extension relays one of Carol's messages from the popup; usually its worker is stopped mid-relay. */
  async extensionRelay(): Promise<void> {
    const { world } = this
    if (!world.extension) return
    const candidates = this.relayable(world.lastExtensionView, 'extension')
    if (candidates.length === 0) return
    const hash = world.chooser.pick(candidates)
    const stopAfter = world.chooser.chance(0.7) ? world.chooser.int(0, 600) : undefined
    const outcome = await world.extension.relay(hash, stopAfter)
    this.bump(this.counts.extensionRelays, outcome)
    world.log(
      `step ${world.step}: extension relay ${hash.slice(0, 10)}: ${outcome}${stopAfter === undefined ? '' : ` (worker stopped after ${stopAfter} ms)`}`,
    )
  }

  /**
   * A source reorg: snapshot, one or two transfers the Node tracker is told about and sees, then revert — above
   * finality, or (deep) past the finalized block, which the trackers treat as a reset of the chain.
   */
  async reorg(retryTracks: () => Promise<void>): Promise<void> {
    const { world } = this
    const deep = world.random.chance(0.5)
    const snapshot = await world.devnet.snapshot(SOURCE)
    const doomed: SentMessage[] = []
    for (let n = world.random.int(1, 2); n > 0; n--) doomed.push(await this.send('alice', { doomed: true }))
    for (let i = 0; i < 10 && this.untracked.some((m) => doomed.includes(m)); i++) await retryTracks()
    if (deep) await world.devnet.mine(SOURCE, 8)
    await world.nodeTick()
    const abandoned = await world.devnet.anvilClient(SOURCE).getBlockNumber()
    await world.devnet.revert(SOURCE, snapshot)
    // As in a real reorg, the new branch is longer than the one it replaces: a chain that only got shorter, its
    // head's time no later, is what a lagging node looks like, and a tracker rightly keeps what it knew.
    const head = await world.devnet.anvilClient(SOURCE).getBlockNumber()
    await world.devnet.mine(SOURCE, Number(abandoned - head) + 1)
    this.counts.reorgs += 1
    if (deep) this.counts.deepReorgs += 1
    world.log(
      `step ${world.step}: reverted ${SOURCE} (${deep ? 'past' : 'above'} finality), dropping ${doomed.length}`,
    )
  }

  /**
   * The devnet restarts (fresh chains on the same ports): senders get MOCK again, the extension's relay account ETH,
   * and the first transfer of the run is sent again — nonce 0 again, so the same message hash at a new position.
   */
  async restart(): Promise<void> {
    const { world } = this
    world.racer.cancelAll()
    await world.racer.settle()
    await world.relays.catchUp()
    world.relays.restarted()
    await world.devnet.restart()
    world.epoch += 1
    this.counts.restarts += 1
    this.untracked = []
    await mintForSenders(world.devnet)
    await world.fundExtension()
    const first = world.ledger.all().find((m) => m.epoch === 0 && !m.doomed)
    if (first) await this.send(first.replay.user, { again: first.replay })
    world.log(`step ${world.step}: devnet restarted`)
  }
}
