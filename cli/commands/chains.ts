/**
 * `chains [--check]`: the chains this run uses, and with --check whether each RPC answers for its chain and whether
 * interop is active there (its predeploys and messenger version, docs/ARCHITECTURE.md §4). A chain without interop
 * is not an RPC failure: it is said plainly ("interop is not active on OP Sepolia yet") and the exit code stays 0.
 */
import { readinessSentence, verifyChain } from '../../src/core'
import type { ChainsArgs, GlobalOptions } from '../args'
import { resolveChains } from '../context'
import { describeError, EXIT, type ExitCode } from '../exitCodes'
import { createOutput, type CliIo } from '../output'

type Check =
  | { ok: true; interop: 'active' | 'notActive'; messenger?: string; resend?: boolean; sentence: string }
  | { ok: false; error: string }

export async function runChains(args: ChainsArgs, global: GlobalOptions, io: CliIo): Promise<ExitCode> {
  const out = createOutput(io, global.json)
  const chains = resolveChains(global.rpc)
  // In parallel and bounded: five dead localhost ports should not take five timeouts in a row.
  const checks: (Check | undefined)[] = args.check
    ? await Promise.all(
        chains.map((c) =>
          verifyChain(c, { timeoutMs: 5_000 }).then(
            ({ interop }): Check => ({
              ok: true,
              interop: interop.state,
              ...(interop.state === 'active'
                ? { messenger: interop.messenger.version, resend: interop.messenger.resend }
                : {}),
              sentence: readinessSentence(c.name, interop),
            }),
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
    const verdict = !check
      ? ''
      : !check.ok
        ? `  ${out.style.red(check.error)}`
        : check.interop === 'active'
          ? `  ${out.style.green('OK')} · ${check.sentence}`
          : `  ${out.style.green('OK')} · ${out.style.yellow(check.sentence)}`
    out.line(
      `${String(c.id).padStart(idWidth)}  ${c.name.padEnd(nameWidth)}  ${check ? c.rpcUrl.padEnd(urlWidth) : c.rpcUrl}${verdict}`,
    )
  })
  return checks.some((c) => c && !c.ok) ? EXIT.rpc : EXIT.ok
}
