/** `status [messageHash]`: refresh every tracked message once, then list them, or show one message's timeline. */
import type { Hex } from 'viem'

import { UnknownMessageError } from '../../src/core'
import type { GlobalOptions, StatusArgs } from '../args'
import { openContext } from '../context'
import { EXIT, type ExitCode } from '../exitCodes'
import { detailLines, newestFirst, nextStep, summaryLines } from '../format'
import { collectWarnings, createOutput, type CliIo } from '../output'

export async function runStatus(args: StatusArgs, global: GlobalOptions, io: CliIo): Promise<ExitCode> {
  const out = createOutput(io, global.json)
  const ctx = await openContext(global, io.env)
  const warnings = collectWarnings(ctx.tracker.events)
  try {
    // Fail on an unknown hash before spending RPC calls on everything else.
    if (args.messageHash && !(await ctx.tracker.getMessage(args.messageHash))) {
      throw new UnknownMessageError(args.messageHash)
    }
    const report = await ctx.tracker.poll()
    // The statuses shown are what was stored before when a chain did not answer: say so in the exit code.
    const code = report.errors.length > 0 ? EXIT.rpc : EXIT.ok

    if (args.messageHash) {
      const message = await ctx.tracker.getMessage(args.messageHash as Hex)
      if (!message) throw new UnknownMessageError(args.messageHash)
      out.document({ message, warnings: warnings.list() })
      for (const line of detailLines(message, ctx.chainName, out.style, global)) out.line(line)
    } else {
      const messages = newestFirst(await ctx.tracker.listMessages())
      out.document({ messages, warnings: warnings.list() })
      if (messages.length === 0) {
        out.line(
          'no tracked messages yet: track a transaction with `superchain-relay track --chain <id> --tx <hash>` ' +
            'or follow an account with `superchain-relay watch --account <address>`',
        )
      }
      messages.forEach((message, index) => {
        if (index > 0) out.line()
        for (const line of summaryLines(message, ctx.chainName, out.style)) out.line(line)
        const next = nextStep(message, global)
        if (next) out.line(`  next: ${next}`)
      })
    }
    for (const w of warnings.list()) out.warn(`${w.context}: ${w.message}`)
    return code
  } finally {
    warnings.off()
    await ctx.close()
  }
}
