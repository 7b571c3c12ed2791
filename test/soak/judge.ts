/**
 * The soak's verdicts, defined once (README "The soak" repeats them):
 *
 * - falseRelayed: a tracker said relayed/finalized while its destination, at the heads of that tick, said not
 *   relayed.
 * - falseReady: a tracker offered Relay (core's `isRelayable`: ready or failed, with a live log, nothing in flight)
 *   for a message that was already relayed at the heads of that tick, or whose initiating log did not exist then.
 * - A message whose chain the tracker itself reports as not answering (`staleChainsOf`: the UI shows "status from
 *   …" and no Relay) makes no claim about now and is not judged in that sample.
 *
 * "The heads of that tick": the tracker read its heads at some moment during the tick. The soak reads the truth at
 * the heads just before the tick (`before`) and just after it (`after`), straight from anvil. Between two chaos
 * actions "relayed" and "exists" only ever turn true, so: not relayed `after` ⇒ not relayed at the tracker's head
 * (falseRelayed is certain); relayed `before` ⇒ relayed at its head, and no log `after` ⇒ no log at its head
 * (falseReady is certain). A change inside the tick leaves the tracker free to have seen either side, and is not
 * counted against it. A tracker whose RPC lags (a fault window's lagging node) may show a chain up to that many
 * blocks in the past, so its `before` is read that far back (world.ts) — or a relay newer than anything that node
 * could show would count as a Relay offered for a relayed message.
 */
import type { Hex } from 'viem'

import type { TrackedMessage } from '../../src/core/model/message'
import { isRelayable } from '../../src/core/model/progress'
import { staleChainsOf, type ChainHealth } from '../../src/core/tracker/chainHealth'
import type { SentLedger, SentMessage, Truth } from './groundTruth'

export type TrackerName = 'node' | 'extension'

/** What one tracker showed at one moment. */
export interface TrackerView {
  messages: readonly TrackedMessage[]
  health: readonly ChainHealth[]
}

export interface Finding {
  tracker: TrackerName
  kind: 'falseRelayed' | 'falseReady' | 'lost' | 'duplicateRelay' | 'unknownMessage'
  hash: Hex
  step: number
  detail: string
}

export interface SampleVerdict {
  findings: Finding[]
  /** Message claims compared with the truth. */
  judged: number
  /** Skipped: a chain of the message reported as not answering. */
  stale: number
}

const key = (hash: Hex) => hash.toLowerCase() as Hex

export function judgeSample(
  tracker: TrackerName,
  view: TrackerView,
  ledger: SentLedger,
  before: ReadonlyMap<Hex, Truth>,
  after: ReadonlyMap<Hex, Truth>,
  step: number,
): SampleVerdict {
  const verdict: SampleVerdict = { findings: [], judged: 0, stale: 0 }
  for (const m of view.messages) {
    const sent = ledger.get(m.hash)
    const b = before.get(key(m.hash))
    const a = after.get(key(m.hash))
    if (!sent || !a || !b) {
      verdict.findings.push({
        tracker,
        kind: 'unknownMessage',
        hash: m.hash,
        step,
        detail: `tracked ${m.status}, but the soak never sent it`,
      })
      continue
    }
    if (staleChainsOf(m, view.health).length > 0) {
      verdict.stale += 1
      continue
    }
    verdict.judged += 1
    const claimsRelayed = m.status === 'relayed' || m.status === 'finalized'
    if (claimsRelayed && !a.relayed) {
      verdict.findings.push({
        tracker,
        kind: 'falseRelayed',
        hash: m.hash,
        step,
        detail: `said ${m.status}; the destination had not relayed it`,
      })
    }
    if (isRelayable(m) && (b.relayed || !a.exists)) {
      verdict.findings.push({
        tracker,
        kind: 'falseReady',
        hash: m.hash,
        step,
        detail: `offered Relay (${m.status}); ${b.relayed ? 'already relayed' : 'its log did not exist'}`,
      })
    }
  }
  return verdict
}

/**
 * Does the tracker's record agree with the chain? While things move (`final` false), a message that exists and is
 * not relayed may also be initiated (just sent) or relaying (our transaction on its way); at the end it must be
 * settled: ready or failed, never stuck relaying.
 */
export function agrees(m: TrackedMessage | undefined, truth: Truth, final: boolean): boolean {
  if (!m) return false
  if (truth.relayed) return m.status === 'relayed' || m.status === 'finalized'
  if (!truth.exists) return m.status === 'vanished'
  const settled = m.status === 'ready' || m.status === 'failed'
  return final ? settled : settled || m.status === 'initiated' || m.status === 'relaying'
}

/** The messages a tracker disagrees with the chain about (or does not have at all). */
export function disagreements(
  view: TrackerView,
  expected: readonly SentMessage[],
  truth: ReadonlyMap<Hex, Truth>,
  final: boolean,
): { message: SentMessage; status: string; truth: Truth }[] {
  const byHash = new Map(view.messages.map((m) => [key(m.hash), m]))
  const out: { message: SentMessage; status: string; truth: Truth }[] = []
  for (const sent of expected) {
    const t = truth.get(key(sent.hash))!
    const m = byHash.get(key(sent.hash))
    if (!agrees(m, t, final)) out.push({ message: sent, status: m?.status ?? 'not tracked', truth: t })
  }
  return out
}
