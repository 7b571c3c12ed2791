/**
 * When the background polls. Two clocks:
 *
 * - `chrome.alarms`: wakes a stopped worker. Browsers floor the period of an installed extension's alarm
 *   (docs/ARCHITECTURE.md §6): Chrome at 30 s, Firefox at 1 minute; a development install (unpacked in Chrome, a
 *   temporary add-on in Firefox) has no floor and polls every 10 s. Asking below the floor would only be rounded
 *   up — and the alarm read back would never match the period asked, so every start would re-create it and push
 *   its next firing back. The alarm outlives the worker, but is made again on every start in case it was lost
 *   (browser update, extension reload); an identical existing alarm is left alone.
 * - A `setTimeout` loop every 2 s while the worker is alive and something is worth watching closely: a popup open,
 *   a call in flight (a relay, a MetaMask prompt), or a message on the move. While a message moves and the chains
 *   make blocks faster than that, it follows the tracker's pace instead — once per block — so a relay by someone
 *   else shows within about a block (docs/ARCHITECTURE.md §2, "Detection pace"). Each of its ticks makes extension API
 *   calls (the badge), and since Chrome 110 those reset the 30 s idle timer, so the worker stays up exactly as long
 *   as the loop has a reason to run.
 */
import type { ExtensionHost } from './host'

export const POLL_ALARM = 'superchain-relay/poll'
export const PACKED_ALARM_MINUTES = 0.5
/** Firefox's floor for an installed (not temporary) add-on. */
export const FIREFOX_ALARM_MINUTES = 1
export const UNPACKED_ALARM_MINUTES = 10 / 60
export const FAST_POLL_MS = 2_000

type Manifest = Pick<
  ReturnType<ExtensionHost['runtime']['getManifest']>,
  'update_url' | 'browser_specific_settings'
>

/**
 * The alarm period for this install. `installType` (management.getSelf) says whether it is a development install;
 * without it, Chrome's sign: `update_url` is in the manifest of every store-installed extension and of no unpacked
 * one. Firefox sets no `update_url` on an add-on from its store, so there, unknown means installed.
 */
export function alarmPeriodMinutes(manifest: Manifest, installType?: string): number {
  const firefox = manifest.browser_specific_settings?.gecko !== undefined
  const development =
    installType !== undefined ? installType === 'development' : !firefox && manifest.update_url === undefined
  if (development) return UNPACKED_ALARM_MINUTES
  return firefox ? FIREFOX_ALARM_MINUTES : PACKED_ALARM_MINUTES
}

/** The install type, or undefined where the host cannot say (no management API, or it failed). */
async function installTypeOf(host: ExtensionHost): Promise<string | undefined> {
  try {
    return (await host.management?.getSelf())?.installType
  } catch {
    return undefined
  }
}

export async function ensureAlarm(host: ExtensionHost): Promise<void> {
  const periodInMinutes = alarmPeriodMinutes(host.runtime.getManifest(), await installTypeOf(host))
  const existing = await host.alarms.get(POLL_ALARM)
  if (existing?.periodInMinutes === periodInMinutes) return
  await host.alarms.create(POLL_ALARM, { periodInMinutes, delayInMinutes: periodInMinutes })
}

export interface FastLoop {
  /** Tick soon (now if idle) and keep going while `shouldRun()` says so. */
  kick(): void
  stop(): void
}

export function createFastLoop(options: {
  tick: () => Promise<void>
  shouldRun: () => boolean
  intervalMs?: number
  /** A shorter pace for the next tick, given how long ago the last one started (the tracker's per-block pace). */
  paceMs?: (elapsedMs: number) => number
  log?: (line: string) => void
}): FastLoop {
  const intervalMs = options.intervalMs ?? FAST_POLL_MS
  const nextDelay = (elapsedMs: number) =>
    Math.max(0, Math.min(intervalMs, options.paceMs?.(elapsedMs) ?? intervalMs))
  let timer: ReturnType<typeof setTimeout> | undefined
  let running = false
  let kicked = false
  let stopped = false

  async function run(): Promise<void> {
    timer = undefined
    running = true
    kicked = false
    const started = Date.now()
    try {
      await options.tick()
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error)
      ;(options.log ?? console.warn)(`poll failed: ${text}`)
    } finally {
      running = false
    }
    if (stopped) return
    // A kick during the tick asked for fresh data: run again at once rather than in 2 s.
    if (kicked) schedule(0)
    else if (options.shouldRun()) schedule(nextDelay(Date.now() - started))
  }

  function schedule(delay: number): void {
    if (timer !== undefined) return
    timer = setTimeout(() => void run(), delay)
  }

  return {
    kick() {
      if (stopped) return
      if (running) {
        kicked = true
        return
      }
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
      schedule(0)
    },
    stop() {
      stopped = true
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
    },
  }
}
