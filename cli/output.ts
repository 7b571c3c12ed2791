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
  /**
   * A line saying something is under way ("waiting for it on Devnet L2 B…"). On a terminal it is replaced in place
   * by `done(text)`, so no "…" is left on screen once it is over; in a pipe both lines are kept. `done()` without
   * text just ends the line (call it in a finally).
   */
  pending(text: string): { done(text?: string): void }
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
    pending(text) {
      if (json) return { done() {} }
      const inPlace = io.stdout.isTTY === true
      io.stdout.write(inPlace ? text : `${text}\n`)
      let open = true
      return {
        done(final) {
          if (!open) return
          open = false
          if (inPlace) io.stdout.write(final === undefined ? '\n' : `\r\x1b[2K${final}\n`)
          else if (final !== undefined) io.stdout.write(`${final}\n`)
        },
      }
    },
  }
}

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g

/**
 * A line cut into pieces of at most `columns` characters, at spaces where it can, the pieces after the first
 * indented under the first: a terminal view must not cut a line (it may hold a command to copy), and must know how
 * many rows it takes. A wrapped line loses its colours; one that fits keeps them.
 */
export function wrapLine(line: string, columns: number): string[] {
  const plain = line.replace(ANSI, '')
  if (plain.length <= columns) return [line]
  const indent = ' '.repeat(Math.min(plain.length - plain.trimStart().length + 2, Math.floor(columns / 3)))
  const out: string[] = []
  let rest = plain
  let prefix = ''
  while (prefix.length + rest.length > columns) {
    const room = columns - prefix.length
    const space = rest.lastIndexOf(' ', room)
    const cut = space > 0 ? space : room
    out.push(`${prefix}${rest.slice(0, cut)}`.trimEnd())
    rest = rest.slice(cut).trimStart()
    prefix = indent
  }
  out.push(`${prefix}${rest}`)
  return out
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
