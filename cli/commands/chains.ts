/** `chains [--check]`: the chains this run uses, and with --check whether each RPC answers for its chain. */
import { verifyRpc } from '../../src/core'
import type { ChainsArgs, GlobalOptions } from '../args'
import { resolveChains } from '../context'
import { describeError, EXIT, type ExitCode } from '../exitCodes'
import { createOutput, type CliIo } from '../output'

type Check = { ok: true } | { ok: false; error: string }

export async function runChains(args: ChainsArgs, global: GlobalOptions, io: CliIo): Promise<ExitCode> {
  const out = createOutput(io, global.json)
  const chains = resolveChains(global.rpc)
  // In parallel and bounded: five dead localhost ports should not take five timeouts in a row.
  const checks: (Check | undefined)[] = args.check
    ? await Promise.all(
        chains.map((c) =>
          verifyRpc(c, { timeoutMs: 5_000 }).then(
            (): Check => ({ ok: true }),
            (error: unknown): Check => ({ ok: false, error: describeError(error) }),
          ),
        ),
      )
    : chains.map(() => undefined)

  out.document({ chains: chains.map((c, i) => (checks[i] ? { ...c, check: checks[i] } : c)) })
  const idWidth = Math.max(...chains.map((c) => String(c.id).length))
  const nameWidth = Math.max(...chains.map((c) => c.name.length))
  const urlWidth = Math.max(...chains.map((c) => c.rpcUrl.length))
  chains.forEach((c, i) => {
    const check = checks[i]
    const verdict = !check ? '' : check.ok ? `  ${out.style.green('OK')}` : `  ${out.style.red(check.error)}`
    out.line(
      `${String(c.id).padStart(idWidth)}  ${c.name.padEnd(nameWidth)}  ${check ? c.rpcUrl.padEnd(urlWidth) : c.rpcUrl}${verdict}`,
    )
  })
  return checks.some((c) => c && !c.ok) ? EXIT.rpc : EXIT.ok
}
