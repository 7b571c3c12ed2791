/** `forget <messageHash>`: remove one message from the history (a vanished one, typically). Touches no chain. */
import { UnknownMessageError } from '../../src/core'
import type { ForgetArgs, GlobalOptions } from '../args'
import { openContext } from '../context'
import { EXIT, type ExitCode } from '../exitCodes'
import { createOutput, type CliIo } from '../output'

export async function runForget(args: ForgetArgs, global: GlobalOptions, io: CliIo): Promise<ExitCode> {
  const out = createOutput(io, global.json)
  const ctx = await openContext(global, io.env)
  try {
    const message = await ctx.tracker.getMessage(args.messageHash)
    if (!message) throw new UnknownMessageError(args.messageHash)
    await ctx.tracker.forgetMessage(message.hash)
    out.document({ messageHash: message.hash, forgotten: true, status: message.status })
    out.line(
      `forgot ${message.hash} (it was ${message.status}); tracking its transaction again brings it back`,
    )
    return EXIT.ok
  } finally {
    await ctx.close()
  }
}
