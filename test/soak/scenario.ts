/**
 * The soak scenario (README "The soak"): transfers on the devnet, an autorelayer racing our relayers for about half
 * of them, the extension's service worker stopped at random moments (mid-relay too), RPC faults, source reorgs and
 * one devnet restart — with both trackers judged against the chains at every tick. Two profiles: `full`
 * (`npm run soak`) and `short` (inside `npm test`, test/e2e/soak-short.test.ts).
 */
import type { Finding } from './judge'
import { Actions } from './actions'
import { createRandom } from './random'
import type { UserName } from './users'
import { World } from './world'

export interface SoakProfile {
  name: string
  /** Transfers to send (besides the ones reorgs drop and the one sent again after the restart). */
  messages: number
  reorgs: number
  /** Chance per step that a fault window opens (when none is open). */
  faultChance: number
  /** How many rules a window injects on the Node tracker's side, at least and at most. */
  rulesPerWindow: [number, number]
  /** Chance per step that the extension's worker is stopped out of the blue. */
  workerStopChance: number
  /** Steps after the last transfer, for the last relays. */
  drainSteps: number
}

export const PROFILES: Record<'full' | 'short', SoakProfile> = {
  full: {
    name: 'full',
    messages: 50,
    reorgs: 3,
    faultChance: 0.3,
    rulesPerWindow: [1, 3],
    workerStopChance: 0.2,
    drainSteps: 10,
  },
  short: {
    name: 'short',
    messages: 10,
    reorgs: 1,
    faultChance: 0.4,
    rulesPerWindow: [3, 5],
    workerStopChance: 0.3,
    drainSteps: 4,
  },
}

export interface SoakResult {
  /** Transfers sent on chain (each send counts, doomed ones and the one sent again included). */
  messages: number
  lost: number
  duplicateRelays: number
  falseRelayed: number
  falseReady: number
  workerStops: number
  /** RPC requests answered with an injected fault (a lagging node's answers not counted). */
  faults: number
  reorgs: number
  maxConvergeTicks: number
  seed: number
  profile: string
  durationMs: number
  details: Record<string, unknown>
  findings: Finding[]
}

/** The run in one line: what `npm run soak` prints, and the short soak in `npm test` logs. */
export function summaryLine(r: SoakResult): string {
  return (
    `soak ${r.profile} seed ${r.seed}: ${r.messages} messages, lost ${r.lost}, duplicateRelays ${r.duplicateRelays}, ` +
    `falseRelayed ${r.falseRelayed}, falseReady ${r.falseReady} | workerStops ${r.workerStops}, faults ${r.faults}, ` +
    `reorgs ${r.reorgs}, maxConvergeTicks ${r.maxConvergeTicks} | ${(r.durationMs / 1000).toFixed(0)} s`
  )
}

export interface SoakOptions {
  profile: SoakProfile
  seed: number
  /** Drive the extension in Chromium (default true). */
  browser?: boolean
  log?: (line: string) => void
}

const USER_WEIGHTS: [UserName, number][] = [
  ['alice', 0.4],
  ['bob', 0.35],
  ['carol', 0.25],
]

export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const started = Date.now()
  const { profile } = options
  const random = createRandom(options.seed)
  const log = options.log ?? (() => {})
  const world = await World.create(random, options.browser ?? true, log)
  const actions = new Actions(world)
  const retryTracks = () => actions.retryTracks()
  const converged: { after: string; ticks: number }[] = []
  const converge = async (after: string) => {
    const { ticks } = await world.converge(false, retryTracks)
    converged.push({ after, ticks })
    log(`step ${world.step}: converged after ${after} in ${ticks} ticks`)
  }
  try {
    const restartAt = Math.floor(profile.messages * 0.6)
    const reorgAt = new Set(
      Array.from({ length: profile.reorgs }, (_, i) =>
        Math.floor(((i + 1) * profile.messages) / (profile.reorgs + 1)),
      ),
    )
    let sent = 0
    let windowLeft = 0
    let drain = profile.drainSteps
    while (sent < profile.messages || drain-- > 0) {
      world.step += 1
      if (sent < profile.messages) {
        // One to three users send in this step, each one transfer, all in the same block or two.
        const users = new Set<UserName>(sent === 0 ? ['alice'] : [])
        const want = Math.min(random.int(1, 3), profile.messages - sent)
        for (let tries = 0; users.size < want && tries < 10; tries++) users.add(pickUser(random.next()))
        await actions.sendAll([...users])
        sent += users.size
      }
      if (windowLeft > 0 && --windowLeft === 0) await converge('a fault window')
      else if (windowLeft === 0 && random.chance(profile.faultChance)) {
        windowLeft = random.int(2, 4)
        const rules = random.int(...profile.rulesPerWindow)
        log(`step ${world.step}: faults ${world.faults.openWindow(random.chance(0.4), rules).join(', ')}`)
      }
      if (random.chance(0.6)) await actions.nodeRelay()
      if (random.chance(0.5)) await actions.extensionRelay()
      if (world.extension && random.chance(profile.workerStopChance)) await world.extension.stopWorker()
      await retryTracks()
      await world.nodeTick()
      if (world.step % 2 === 0) await world.extensionSample()
      await world.relays.catchUp()

      if ([...reorgAt].some((at) => sent >= at)) {
        reorgAt.delete([...reorgAt].find((at) => sent >= at)!)
        windowLeft = 0
        await actions.reorg(retryTracks)
        await converge('a reorg')
      }
      if (sent >= restartAt && actions.counts.restarts === 0) {
        windowLeft = 0
        // Both trackers have seen everything the old chains hold before they go.
        await converge('the faults before the restart')
        await world.extensionAgrees(false, 30_000)
        await actions.restart()
        await converge('the restart')
      }
    }

    // Every kind of fault had its turn, and the worker was stopped at least once, however the dice fell.
    if (world.faults.kindsLeft > 0) {
      log(`step ${world.step}: faults ${world.faults.openWindow(false, world.faults.kindsLeft).join(', ')}`)
      for (let i = 0; i < 2; i++) await world.nodeTick()
      await converge('the last faults')
    }
    if (world.extension && world.extension.workerStops === 0) await world.extension.stopWorker()

    // The end: no more faults, racer done; everything must settle and agree with the chains.
    world.faults.closeWindow()
    await world.racer.settle()
    const { ticks: finalTicks, off: nodeOff } = await world.converge(true, retryTracks)
    converged.push({ after: 'the end', ticks: finalTicks })
    const extensionOff = await world.extensionAgrees(true, 60_000)
    await world.relays.catchUp()
    const duplicates = world.relays.duplicates()
    for (const d of nodeOff) {
      world.findings.push(lostFinding('node', d, world.step))
    }
    for (const d of extensionOff) {
      world.findings.push(lostFinding('extension', d, world.step))
    }
    for (const d of duplicates) {
      world.findings.push({
        tracker: 'node',
        kind: 'duplicateRelay',
        hash: d.hash,
        step: world.step,
        detail: `${d.transactions.length} relay transactions: ${d.transactions.join(', ')}`,
      })
    }
    const count = (kind: Finding['kind']) => world.findings.filter((f) => f.kind === kind).length
    return {
      messages: world.ledger.sends,
      lost: nodeOff.length + extensionOff.length,
      duplicateRelays: duplicates.length,
      falseRelayed: count('falseRelayed'),
      falseReady: count('falseReady'),
      workerStops: world.extension?.workerStops ?? 0,
      faults: world.faults.faultedRequests(),
      reorgs: actions.counts.reorgs,
      maxConvergeTicks: Math.max(0, ...converged.map((c) => c.ticks)),
      seed: options.seed,
      profile: profile.name,
      durationMs: Date.now() - started,
      details: {
        restarts: actions.counts.restarts,
        deepReorgs: actions.counts.deepReorgs,
        midRelayWorkerStops: world.extension?.midRelayStops ?? 0,
        faultWindows: world.faults.windows,
        faultKinds: Object.fromEntries(world.faults.kinds),
        relays: {
          node: actions.counts.nodeRelays,
          extension: actions.counts.extensionRelays,
          racer: world.racer.relayed,
          ourTransactions: world.relays.transactions,
        },
        tracksRetried: actions.counts.tracksRetried,
        nodeTicks: world.nodeTicks,
        samples: world.counts,
        converged,
        unknownMessages: count('unknownMessage'),
      },
      findings: world.findings,
    }
  } finally {
    await world.close()
  }
}

function pickUser(r: number): UserName {
  let acc = 0
  for (const [user, weight] of USER_WEIGHTS) {
    acc += weight
    if (r < acc) return user
  }
  return 'alice'
}

function lostFinding(
  tracker: 'node' | 'extension',
  d: { message: { hash: `0x${string}` }; status: string; truth: { exists: boolean; relayed: boolean } },
  step: number,
): Finding {
  return {
    tracker,
    kind: 'lost',
    hash: d.message.hash,
    step,
    detail: `ends ${d.status}; the chains say ${d.truth.relayed ? 'relayed' : d.truth.exists ? 'sent, not relayed' : 'gone'}`,
  }
}
