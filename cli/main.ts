/**
 * superchain-relay: a thin command-line shell over src/core (docs/ARCHITECTURE.md §1). This file parses the command line,
 * loads the one command asked for, and turns whatever it throws into one line on stderr and an exit code
 * (exitCodes.ts). Commands, and that mapping, are imported lazily: core pulls in viem, which takes a while to load through tsx, and a
 * mistyped flag should not wait for it.
 */
import { parseCommandLine } from './args'
import type { ExitCode } from './exit'
import { helpText } from './help'
import type { CliIo } from './output'

export type { CliIo } from './output'

export async function main(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  try {
    const line = parseCommandLine(argv)
    if (line.kind === 'help') {
      io.stdout.write(helpText(line.command))
      return 0
    }
    switch (line.command) {
      case 'track':
        return await (await import('./commands/track')).runTrack(line.args, line.global, io)
      case 'status':
        return await (await import('./commands/status')).runStatus(line.args, line.global, io)
      case 'watch':
        return await (await import('./commands/watch')).runWatch(line.args, line.global, io)
      case 'relay':
        return await (await import('./commands/relay')).runRelay(line.args, line.global, io)
      case 'chains':
        return await (await import('./commands/chains')).runChains(line.args, line.global, io)
      case 'forget':
        return await (await import('./commands/forget')).runForget(line.args, line.global, io)
      case 'clear':
        return await (await import('./commands/clear')).runClear(line.args, line.global, io)
    }
  } catch (error) {
    // The mapping knows core's error classes: loaded only now, so a mistyped flag does not wait for core.
    const { describeError, exitCodeFor } = await import('./exitCodes')
    io.stderr.write(`superchain-relay: ${describeError(error)}\n`)
    if (io.env.DEBUG && io.env.DEBUG !== '0') io.stderr.write(`${debugText(error)}\n`)
    return exitCodeFor(error)
  }
}

/** The stack and every cause's, for bug reports. */
function debugText(error: unknown): string {
  const parts: string[] = []
  for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 10; depth++) {
    parts.push(e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e))
    e = e instanceof Error ? e.cause : undefined
  }
  return parts.join('\ncaused by: ')
}
