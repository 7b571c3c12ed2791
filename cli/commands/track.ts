/** `track --chain <id> --tx <hash>`: start tracking the messages a source transaction sent, and show them. */
import type { GlobalOptions, TrackArgs } from '../args'
import { openContext, requireChain, verifyChains } from '../context'
import { EXIT, type ExitCode } from '../exitCodes'
import { newestFirst, nextStep, summaryLines } from '../format'
import { collectWarnings, createOutput, type CliIo } from '../output'
import { type TrackedMessage } from '../../src/core'

export async function runTrack(args: TrackArgs, global: GlobalOptions, io: CliIo): Promise<ExitCode> {
  const out = createOutput(io, global.json)
  const ctx = await openContext(global, io.env)
  const warnings = collectWarnings(ctx.tracker.events)
  try {
    const source = requireChain(ctx, args.chainId, 'source')
    await verifyChains([source])
    const tracked = await ctx.tracker.trackTransaction(args.chainId, args.transactionHash)
    // Discovery only decodes the receipt; one poll makes the statuses current (initiated, ready, relayed…).
    if (tracked.length > 0) await ctx.tracker.poll()
    const messages: TrackedMessage[] = []
    for (const m of tracked) messages.push((await ctx.tracker.getMessage(m.hash)) ?? m)
    const pending = tracked.length === 0

    out.document({
      chainId: args.chainId,
      transactionHash: args.transactionHash,
      pending,
      messages,
      warnings: warnings.list(),
    })
    const where = `${source.name} (${source.id})`
    if (pending) {
      out.line(
        `transaction ${args.transactionHash} is still pending on ${where}: it is remembered, and its messages ` +
          'will be picked up by the next status or watch',
      )
    } else {
      const count = messages.length === 1 ? '1 message' : `${messages.length} messages`
      out.line(`tracking ${count} sent by ${args.transactionHash} on ${where}`)
      for (const message of newestFirst(messages)) {
        out.line()
        for (const line of summaryLines(message, ctx.chainName, out.style)) out.line(line)
        const next = nextStep(message, global)
        if (next) out.line(`  next: ${next}`)
      }
    }
    for (const w of warnings.list()) out.warn(`${w.context}: ${w.message}`)
    return EXIT.ok
  } finally {
    warnings.off()
    await ctx.close()
  }
}
