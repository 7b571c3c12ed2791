/**
 * CLI start-up as a user meets it: `node bin/superchain-relay.mjs …` as a process, wall time to exit. `cli.help`
 * loads no chain code at all; `cli.status` loads core and viem, opens an empty state file and polls nothing, so it
 * is module loading plus the state file. Goals: ≤ 300 ms and ≤ 800 ms (they were 1.6–2 s and ~3.5 s while the bin
 * compiled TypeScript with tsx at every start). The note gives the same command run from the sources, for scale.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { median, type BenchRow } from './report'

const BIN = 'bin/superchain-relay.mjs'

function timeRun(args: string[], env: Record<string, string> = {}): number {
  const started = performance.now()
  const run = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  const elapsed = performance.now() - started
  if (run.status !== 0) throw new Error(`${args.join(' ')} exited ${run.status}: ${String(run.stderr)}`)
  return elapsed
}

/** Node itself starting and exiting: the floor under both rows on this machine. */
function bareNode(): number {
  const started = performance.now()
  spawnSync(process.execPath, ['-e', '0'], { stdio: 'ignore' })
  return performance.now() - started
}

export async function benchCli(runs = 7): Promise<(BenchRow & { id: string })[]> {
  if (!existsSync('dist/cli/main.js')) execFileSync('npm', ['run', 'build:cli'], { stdio: 'inherit' })
  const dir = mkdtempSync(join(tmpdir(), 'scr-cli-bench-'))
  try {
    const cases = [
      { id: 'cli.help', name: '--help', args: ['--help'] },
      { id: 'cli.status', name: 'status, empty state', args: ['status', '--state', join(dir, 'state.json')] },
    ]
    const rows: (BenchRow & { id: string })[] = []
    for (const { id, name, args } of cases) {
      timeRun(args) // warm the file cache once
      const times = Array.from({ length: runs }, () => timeRun(args))
      const fromSource = timeRun(args, { SUPERCHAIN_RELAY_FROM_SOURCE: '1' })
      const baseline = median(Array.from({ length: 3 }, bareNode))
      rows.push({
        id,
        group: 'cli',
        name: `${name}, process wall time (median of ${runs})`,
        value: median(times),
        unit: 'ms',
        note: `min ${Math.min(...times).toFixed(0)} / max ${Math.max(...times).toFixed(0)} ms; from the TypeScript sources (tsx) ${fromSource.toFixed(0)} ms; bare \`node\` ${baseline.toFixed(0)} ms`,
      })
    }
    return rows
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
