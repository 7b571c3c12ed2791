/**
 * `clear --chain <id>`: forget every message from or to one chain, with its scan cursors and reset anchor — after
 * restarting a devnet, say. Touches no chain; asks first on a terminal.
 */
import { createInterface } from 'node:readline/promises'

import type { ClearArgs, GlobalOptions } from '../args'
import { openContext } from '../context'
import { EXIT, UsageError, type ExitCode } from '../exitCodes'
import { createOutput, type CliIo } from '../output'

export async function runClear(args: ClearArgs, global: GlobalOptions, io: CliIo): Promise<ExitCode> {
  const out = createOutput(io, global.json)
  if (!args.yes && io.stdin.isTTY !== true) {
    throw new UsageError('not clearing without confirmation: stdin is not a terminal, so pass --yes')
  }
  const ctx = await openContext(global, io.env)
  try {
    const count = (await ctx.tracker.listMessages({ chainId: args.chainId })).length
    const name = `${ctx.chainName(args.chainId)} (${args.chainId})`
    if (!args.yes) {
      const rl = createInterface({ input: io.stdin, output: io.stderr })
      const answer = await rl
        .question(`Forget ${count} message(s) from or to ${name}? [y/N] `)
        .finally(() => rl.close())
      if (!/^y(es)?$/i.test(answer.trim())) {
        out.line('cancelled: nothing was removed')
        return EXIT.ok
      }
    }
    const removed = await ctx.tracker.clearChainHistory(args.chainId)
    out.document({ chainId: args.chainId, removed })
    out.line(`forgot ${removed} message(s) from or to ${name}, and its scan positions`)
    return EXIT.ok
  } finally {
    await ctx.close()
  }
}
