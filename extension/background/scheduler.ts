/**
 * When the background polls. Two clocks:
 *
 * - `chrome.alarms`: wakes a stopped worker. Chrome refuses periods under 30 s for packed extensions (docs/ARCHITECTURE.md
 *   §6), so a published build polls every 30 s when nobody is looking; an unpacked (development) build, which has
 *   no floor, every 10 s. The alarm outlives the worker, but is made again on every start in case it was lost
 *   (browser update, extension reload); an identical existing alarm is left alone, as re-creating it would push
 *   its next firing back.
 * - A `setTimeout` loop every 2 s while the worker is alive and something is worth watching closely: a popup open,
 *   a call in flight (a relay, a MetaMask prompt), or a message on the move. Each of its ticks makes extension API
 *   calls (the badge), and since Chrome 110 those reset the 30 s idle timer, so the worker stays up exactly as long
 *   as the loop has a reason to run.
 */
import type { ExtensionHost } from './host'

export const POLL_ALARM = 'superchain-relay/poll'
export const PACKED_ALARM_MINUTES = 0.5
export const UNPACKED_ALARM_MINUTES = 10 / 60
export const FAST_POLL_MS = 2_000

/** Chrome sets `update_url` in the manifest of every store-installed extension; an unpacked one has none. */
export function alarmPeriodMinutes(manifest: { update_url?: string }): number {
  return manifest.update_url === undefined ? UNPACKED_ALARM_MINUTES : PACKED_ALARM_MINUTES
}

export async function ensureAlarm(host: ExtensionHost): Promise<void> {
  const periodInMinutes = alarmPeriodMinutes(host.runtime.getManifest())
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
  log?: (line: string) => void
}): FastLoop {
  const intervalMs = options.intervalMs ?? FAST_POLL_MS
  let timer: ReturnType<typeof setTimeout> | undefined
  let running = false
  let kicked = false
  let stopped = false

  async function run(): Promise<void> {
    timer = undefined
    running = true
    kicked = false
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
    else if (options.shouldRun()) schedule(intervalMs)
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
