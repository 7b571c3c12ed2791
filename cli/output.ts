/**
 * The streams a command writes to, injected so unit tests can drive `main` without a process, and the two output
 * modes: human text (styled on a terminal) or one JSON document for scripts.
 */
import type { TrackerEventHub } from '../src/core'

import { describeError } from './exitCodes'
import { createStyle, toJson, type Style } from './format'

export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number; rows?: number }
  stderr: NodeJS.WritableStream & { isTTY?: boolean }
  stdin: NodeJS.ReadableStream & { isTTY?: boolean }
  env: Record<string, string | undefined>
}

export interface Output {
  json: boolean
  style: Style
  /** A line of human output; dropped in --json mode, where stdout holds only the JSON document. */
  line(text?: string): void
  /** The JSON document (only in --json mode). */
  document(value: unknown): void
  /** A warning on stderr, in both modes. */
  warn(text: string): void
}

export function createOutput(io: CliIo, json: boolean): Output {
  const style = createStyle(!json && io.stdout.isTTY === true && !io.env.NO_COLOR)
  return {
    json,
    style,
    line(text = '') {
      if (!json) io.stdout.write(`${text}\n`)
    },
    document(value) {
      if (json) io.stdout.write(`${toJson(value)}\n`)
    },
    warn(text) {
      io.stderr.write(`superchain-relay: warning: ${text}\n`)
    },
  }
}

export interface Warning {
  context: string
  message: string
}

/**
 * Collects the tracker's error events (a chain that did not answer a scan or a poll) as warnings, each distinct one
 * once: a watch that meets the same dead RPC every tick should say so once, not every five seconds. A chain reset
 * (a restarted devnet) is a warning too: the user should know why old transfers are now marked gone.
 */
export function collectWarnings(events: Pick<TrackerEventHub, 'on'>): {
  list(): Warning[]
  take(): Warning[]
  off(): void
} {
  const all: Warning[] = []
  let taken = 0
  const seen = new Set<string>()
  const add = (warning: Warning) => {
    // By message alone: a dead RPC fails the scan of every watched account, and one line says it all.
    if (seen.has(warning.message)) return
    seen.add(warning.message)
    all.push(warning)
  }
  const offError = events.on('error', ({ error, context }) => add({ context, message: describeError(error) }))
  const offReset = events.on('chainReset', ({ chainId, affected }) =>
    add({
      context: 'chain reset',
      message:
        `chain ${chainId} was reset (a devnet restart?): ${affected} tracked message(s) of it are checked again, and ` +
        'those it no longer holds are marked gone (superchain-relay forget <hash> removes one)',
    }),
  )
  const off = () => {
    offError()
    offReset()
  }
  return {
    list: () => [...all],
    /** Warnings not taken before. */
    take() {
      const fresh = all.slice(taken)
      taken = all.length
      return fresh
    },
    off,
  }
}
