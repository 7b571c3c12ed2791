/**
 * The timer that drives a tracker in Node and in pages (the extension drives `poll()` from chrome.alarms instead):
 * a tick, then a sleep that is short while something moves and long when idle, never longer than the moment a
 * backed-off chain is due again. `wake()` shortens a long sleep when something just started moving (a tracked tx, a
 * sent relay), so its first update does not wait up to the idle interval. While active and blocks come faster
 * than the active pace (`blockPaceMs`), it polls once per block instead, counted from the start of the last tick,
 * so a relay shows within about a block (docs/ARCHITECTURE.md §2, "Detection pace").
 */
export interface PollLoop {
  start(): void
  stop(): void
  wake(): void
  /**
   * The next tick scans the watched accounts, and comes soon: a newly watched account (a wallet just connected) is
   * looked for at once, not when the regular scan every `scanEvery` ticks comes round (minutes at the idle pace).
   */
  scanSoon(): void
  /** The delay the owner should wait before the next poll, `elapsedMs` after the last one started. */
  nextDelayMs(elapsedMs?: number): number
  /** Record whether the last tick saw something moving. */
  setActive(active: boolean): void
}

export function createPollLoop(options: {
  tick(scan: boolean): Promise<void>
  activeMs: number
  idleMs: number
  /** The earliest moment a backed-off chain may be read again (ms since epoch), if any. */
  nextRetryAt(): number | undefined
  now(): number
  /** The chains' block time (ms), when known: the active pace when it is shorter. */
  blockPaceMs?(): number | undefined
  /** Scan accounts every this many ticks. */
  scanEvery?: number
}): PollLoop {
  let active = false
  let running = false
  let timer: ReturnType<typeof setTimeout> | undefined
  let ticks = 0
  let scanRequested = false

  const nextDelayMs = (elapsedMs = 0) => {
    const block = options.blockPaceMs?.()
    const perBlock = active && block !== undefined && block < options.activeMs
    // Per block: from the start of the last tick (a tick's own time must not push the next past the block), yet
    // never less than half a block after its end.
    const base = perBlock
      ? Math.max(block - elapsedMs, block / 2)
      : active
        ? options.activeMs
        : options.idleMs
    const retryAt = options.nextRetryAt()
    if (retryAt === undefined) return base
    return Math.max(Math.min(base, options.activeMs), Math.min(base, retryAt - options.now()))
  }

  const schedule = (ms: number) => {
    if (timer) clearTimeout(timer)
    timer = setTimeout(() => void loop(), ms)
  }

  async function loop(): Promise<void> {
    if (!running) return
    if (timer) clearTimeout(timer)
    timer = undefined
    const started = options.now()
    const scan = ticks++ % (options.scanEvery ?? 10) === 0 || scanRequested
    scanRequested = false
    await options.tick(scan)
    if (running) schedule(nextDelayMs(options.now() - started))
  }

  return {
    start() {
      if (running) return
      running = true
      void loop()
    },
    stop() {
      running = false
      if (timer) clearTimeout(timer)
      timer = undefined
    },
    wake() {
      active = true
      if (running) schedule(500)
    },
    scanSoon() {
      scanRequested = true
      if (running) schedule(500)
    },
    nextDelayMs,
    setActive(value) {
      active = value
    },
  }
}
