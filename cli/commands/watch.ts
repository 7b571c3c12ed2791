/**
 * `watch`: follow accounts' messages. Each tick scans the chains for new messages (resuming from the stored
 * cursors) and polls the ones in flight; the tracker does the work, this file only draws.
 *
 * Three renderings: a live view redrawn in place on a terminal (the alternate screen, like `top`, so the user's
 * scrollback is left as it was); appended lines when stdout is a pipe or a file, one per change; and with --json,
 * one JSON object per line (or a single document with --once).
 */
import type { Address } from 'viem'

import { type TrackedMessage, type TrackerUpdate } from '../../src/core'

import type { GlobalOptions, WatchArgs } from '../args'
import { openContext, type CliContext } from '../context'
import { EXIT, UsageError, type ExitCode } from '../exitCodes'
import {
  type FollowUp,
  newestFirst,
  nextStep,
  progressText,
  shortAddressList,
  statusText,
  summaryLines,
  toJson,
} from '../format'
import { collectWarnings, createOutput, wrapLine, type CliIo, type Output, type Warning } from '../output'

export async function runWatch(args: WatchArgs, global: GlobalOptions, io: CliIo): Promise<ExitCode> {
  const out = createOutput(io, global.json)
  const ctx = await openContext(global, io.env)
  const warnings = collectWarnings(ctx.tracker.events)
  try {
    for (const account of args.accounts) await ctx.tracker.watchAccount(account)
    const accounts = args.accounts.length > 0 ? args.accounts : await ctx.tracker.listAccounts()
    if (accounts.length === 0) {
      throw new UsageError(
        `watch needs an account: --account <address> (none is remembered in ${ctx.store.path})`,
      )
    }
    const list = async () => newestFirst(await ctx.tracker.listMessages({ accounts }))
    return args.once
      ? await watchOnce(ctx, out, accounts, list, warnings, global)
      : await watchLoop(ctx, io, out, accounts, list, warnings, args.intervalMs, global)
  } finally {
    warnings.off()
    await ctx.close()
  }
}

type Warnings = ReturnType<typeof collectWarnings>

async function watchOnce(
  ctx: CliContext,
  out: Output,
  accounts: Address[],
  list: () => Promise<TrackedMessage[]>,
  warnings: Warnings,
  run: FollowUp,
): Promise<ExitCode> {
  // Everything tracked before, for any account: a message tracked by its transaction earlier is not new when the
  // scan finds it for this account.
  const known = new Set((await ctx.tracker.listMessages()).map((m) => m.hash))
  await ctx.tracker.scanAccounts()
  const report = await ctx.tracker.poll()
  const messages = await list()
  // Counted here rather than taken from the scan, which also counts messages it re-finds (tracked by tx before).
  const found = messages.filter((m) => !known.has(m.hash)).length
  out.document({ accounts, found, messages, warnings: warnings.list() })
  out.line(
    `${messages.length} message${messages.length === 1 ? '' : 's'} for ${shortAddressList(accounts)}` +
      (found > 0 ? ` (${found} new)` : ''),
  )
  for (const message of messages) {
    out.line()
    for (const line of summaryLines(message, ctx.chainName, out.style)) out.line(line)
    const next = nextStep(message, run)
    if (next) out.line(`  next: ${next}`)
  }
  for (const w of warnings.list()) out.warn(`${w.context}: ${w.message}`)
  // A chain that failed a scan may simply be unused (the default list has five devnet chains); a chain that failed
  // the poll holds one of the messages shown, whose status may therefore be stale.
  return report.errors.length > 0 ? EXIT.rpc : EXIT.ok
}

interface View {
  /** After every tick (and on the first draw). */
  render(messages: TrackedMessage[], fresh: Warning[], all: Warning[]): void
  /** A tracker update, as it happens. */
  update(update: TrackerUpdate): void
  close(): void
}

async function watchLoop(
  ctx: CliContext,
  io: CliIo,
  out: Output,
  accounts: Address[],
  list: () => Promise<TrackedMessage[]>,
  warnings: Warnings,
  intervalMs: number,
  run: FollowUp,
): Promise<ExitCode> {
  const view: View = out.json
    ? jsonLinesView(io, accounts)
    : io.stdout.isTTY
      ? liveView(io, out, ctx, accounts, intervalMs, run)
      : lineView(io, out, ctx, accounts, run)

  let stop: () => void = () => undefined
  const stopped = new Promise<void>((resolve) => (stop = resolve))
  let stopping = false
  const onSignal = () => {
    // A second Ctrl-C while a slow RPC call holds the first one up: leave at once (writes are atomic anyway).
    if (stopping) {
      view.close()
      process.exit(EXIT.ok)
    }
    stopping = true
    stop()
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  // The poll refreshes every tracked message (some were tracked by tx, for no watched account): show only ours.
  const watched = new Set(accounts.map((a) => a.toLowerCase()))
  const off = ctx.tracker.subscribe((update) => {
    if (
      (update.type === 'messageAdded' || update.type === 'messageUpdated') &&
      update.message.accounts.some((a) => watched.has(a.toLowerCase()))
    ) {
      view.update(update)
    }
  })
  try {
    view.render(await list(), [], [])
    while (!stopping) {
      const tick = (async () => {
        await ctx.tracker.scanAccounts()
        await ctx.tracker.poll()
        view.render(await list(), warnings.take(), warnings.list())
      })()
      // A tick still running when the user quits is abandoned: its store writes are atomic, and we exit next.
      tick.catch(() => undefined)
      await Promise.race([tick, stopped])
      if (stopping) break
      let timer: ReturnType<typeof setTimeout> | undefined
      await Promise.race([new Promise((r) => (timer = setTimeout(r, intervalMs))), stopped])
      clearTimeout(timer)
    }
    return EXIT.ok
  } finally {
    off()
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
    view.close()
  }
}

function time(): string {
  return new Date().toTimeString().slice(0, 8)
}

/** Pipes and files: the current list once, then one line per change. */
function lineView(io: CliIo, out: Output, ctx: CliContext, accounts: Address[], run: FollowUp): View {
  const shown = new Set<string>()
  let first = true
  const describe = (m: TrackedMessage) =>
    `${m.hash} ${summaryLines(m, ctx.chainName, out.style)[1]!.trim()} · ${progressText(m.status, out.style)}`
  return {
    render(messages, fresh) {
      if (first) {
        first = false
        out.line(`[${time()}] watching ${shortAddressList(accounts)}: ${messages.length} known message(s)`)
        for (const m of messages) {
          shown.add(m.hash)
          out.line(`[${time()}] ${statusText(m.status, out.style)} ${describe(m)}`)
        }
      }
      for (const w of fresh) out.warn(`${w.context}: ${w.message}`)
    },
    update(update) {
      if (update.type === 'messageAdded' && !shown.has(update.message.hash)) {
        shown.add(update.message.hash)
        out.line(
          `[${time()}] new ${statusText(update.message.status, out.style)} ${describe(update.message)}`,
        )
      } else if (update.type === 'messageUpdated' && update.from !== update.to) {
        shown.add(update.message.hash)
        out.line(
          `[${time()}] ${update.message.hash} ${update.from} → ${statusText(update.to, out.style)} · ${progressText(update.to, out.style)}`,
        )
        const next = nextStep(update.message, run)
        if (next) out.line(`[${time()}]   next: ${next}`)
      }
    },
    close() {},
  }
}

/** --json without --once: newline-delimited JSON, one object per event. */
function jsonLinesView(io: CliIo, accounts: Address[]): View {
  const emit = (value: unknown) => io.stdout.write(`${toJson(value, 0)}\n`)
  let first = true
  const added = new Set<string>()
  return {
    render(messages, fresh) {
      if (first) {
        first = false
        for (const m of messages) added.add(m.hash)
        emit({ type: 'snapshot', accounts, messages })
      }
      for (const w of fresh) emit({ type: 'warning', ...w })
    },
    update(update) {
      // One scan may find a message twice (its sender and its recipient are both watched): announce it once.
      if (update.type === 'messageAdded') {
        if (added.has(update.message.hash)) return
        added.add(update.message.hash)
      }
      emit(update)
    },
    close() {},
  }
}

const ESC = '\x1b['

/**
 * A terminal: the whole view redrawn in place after each tick. Long lines are wrapped, never cut (a hint holds a
 * command to copy), and the view counts the rows they take so the redraw stays aligned.
 */
function liveView(
  io: CliIo,
  out: Output,
  ctx: CliContext,
  accounts: Address[],
  intervalMs: number,
  run: FollowUp,
): View {
  const stdout = io.stdout
  // Alternate screen + hidden cursor, restored in close() (also on Ctrl-C, which ends in close()).
  stdout.write(`${ESC}?1049h${ESC}?25l`)
  let last: { messages: TrackedMessage[]; warnings: Warning[] } = { messages: [], warnings: [] }
  const draw = () => {
    const { style } = out
    const lines = [
      `${style.bold('superchain-relay watch')} · ${shortAddressList(accounts)} · ${last.messages.length} message(s) · ` +
        `refreshed ${time()} (every ${intervalMs / 1000} s) · Ctrl-C to quit`,
      '',
    ]
    if (last.messages.length === 0)
      lines.push(style.dim('no messages yet: new transfers show up here as they are sent'))
    for (const m of last.messages) {
      lines.push(...summaryLines(m, ctx.chainName, style))
      const next = nextStep(m, run)
      if (next) lines.push(style.dim(`  next: ${next}`))
      lines.push('')
    }
    if (last.warnings.length > 0) {
      lines.push(style.yellow('warnings:'))
      // The message names the RPC; the context (which account was being scanned) would push it off the line.
      for (const w of last.warnings.slice(-5)) lines.push(style.yellow(`  ${w.message}`))
    }
    // 0 when the terminal does not report a size (some ptys): assume the classic 80×24.
    const rows = stdout.rows || 24
    const columns = stdout.columns || 80
    const wrapped = lines.flatMap((line) => wrapLine(line, columns))
    const visible =
      wrapped.length > rows - 1
        ? [...wrapped.slice(0, rows - 2), style.dim(`… ${wrapped.length - rows + 2} more lines`)]
        : wrapped
    // Overwrite in place (each line cleared to its end, then everything below): no blank frame, so no flicker.
    stdout.write(`${ESC}H${visible.map((l) => `${l}${ESC}K`).join('\n')}${ESC}J`)
  }
  const onResize = () => draw()
  stdout.on('resize', onResize)
  return {
    render(messages, _fresh, all) {
      last = { messages, warnings: all }
      draw()
    },
    update() {
      // Drawn once per tick: redrawing per event would flicker through a batch of updates.
    },
    close() {
      stdout.off('resize', onResize)
      stdout.write(`${ESC}?25h${ESC}?1049l`)
      // Leave the final state in the normal scrollback, where the user can still read it.
      out.line(`watched ${shortAddressList(accounts)}: ${last.messages.length} message(s)`)
      for (const m of last.messages) {
        out.line(`  ${statusText(m.status, out.style)} ${m.hash}`)
      }
    },
  }
}
