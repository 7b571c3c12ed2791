/**
 * One poll of the background (a fast-loop tick or an alarm) and the state that decides when the next one runs:
 * whether the watched accounts are due a scan, how many calls keep the worker awake, and whether a message is on
 * the move. The clocks themselves are scheduler.ts's.
 */
import { updateBadge } from './badge'
import type { ExtensionHost } from './host'
import { createFastLoop, FAST_POLL_MS } from './scheduler'
import type { BootedTracker } from './trackerBoot'

/** A fast-loop tick scans the watched accounts every this many ticks (10 s); polling is cheap, log scans less so. */
const SCAN_EVERY_TICKS = 5
/** A message on the move longer than this is probably stuck (a dropped tx): leave it to the alarm. */
const MOVING_WINDOW_MS = 10 * 60_000

export interface PollCycleOptions {
  host: ExtensionHost
  ready: () => Promise<BootedTracker>
  now: () => number
  log: (line: string) => void
  /** Someone is watching (an open page, a MetaMask prompt): keep the fast loop running. */
  watched: () => boolean
  /** Tell the user about what this poll changed (notifier.ts). */
  notify: () => Promise<void>
  fastPollMs?: number | undefined
}

export function createPollCycle(options: PollCycleOptions) {
  const { host, ready, now } = options
  let busyCalls = 0
  let moving = false
  let scanRequested = true
  let ticks = 0
  let chainNames = new Map<number, string>()
  let paceMs: ((elapsedMs: number) => number) | undefined

  async function tick(): Promise<{ found: number; updated: number }> {
    const { store, tracker } = await ready()
    paceMs = (elapsedMs) => tracker.nextPollDelayMs(elapsedMs)
    chainNames = new Map((await tracker.listChains()).map((c) => [c.id, c.name]))
    let found = 0
    ticks += 1
    if (scanRequested || ticks % SCAN_EVERY_TICKS === 0) {
      scanRequested = false
      found = await tracker.scanAccounts()
    }
    const report = await tracker.poll()
    await updateBadge(host, store)
    await options.notify()
    const t = now()
    moving = (await store.list({ statuses: ['pending', 'initiated', 'relaying'] })).some(
      (m) => t - m.updatedAt < MOVING_WINDOW_MS,
    )
    return { found, updated: report.updated }
  }

  const loop = createFastLoop({
    log: options.log,
    tick: async () => {
      await tick()
    },
    shouldRun: () => options.watched() || busyCalls > 0 || moving,
    intervalMs: options.fastPollMs ?? FAST_POLL_MS,
    paceMs: (elapsedMs) => paceMs?.(elapsedMs) ?? FAST_POLL_MS,
  })

  return {
    tick,
    /** Poll soon; with `scan`, also scan the watched accounts. */
    wake(o?: { scan?: boolean }): void {
      if (o?.scan) scanRequested = true
      loop.kick()
    },
    /** Count a call the worker must stay awake for (a relay, a MetaMask prompt). */
    async busy<T>(task: () => Promise<T>): Promise<T> {
      busyCalls += 1
      loop.kick()
      try {
        return await task()
      } finally {
        busyCalls -= 1
      }
    },
    /** A chain's name as of the last poll, for notifications. */
    chainName: (id: number) => chainNames.get(id) ?? `chain ${id}`,
    state: () => ({ busyCalls, moving }),
    stop: () => loop.stop(),
  }
}

export type PollCycle = ReturnType<typeof createPollCycle>
