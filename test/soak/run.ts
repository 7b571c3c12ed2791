/**
 * `npm run soak`: the full soak (scenario.ts), or `-- --profile short`; `--seed N` replays a run's choices,
 * `--messages N` changes how many transfers, `--verbose` prints what happens step by step. Writes
 * bench-results/soak.json and prints one summary line; exits 1 when a goal (lost, duplicateRelays, falseRelayed,
 * falseReady all 0) is missed.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

import { randomSeed } from './random'
import { PROFILES, runSoak, summaryLine, type SoakResult } from './scenario'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** bench-results/soak.json: these nine numbers, nothing else. */
export function headline(r: SoakResult) {
  const {
    messages,
    lost,
    duplicateRelays,
    falseRelayed,
    falseReady,
    workerStops,
    faults,
    reorgs,
    maxConvergeTicks,
  } = r
  return {
    messages,
    lost,
    duplicateRelays,
    falseRelayed,
    falseReady,
    workerStops,
    faults,
    reorgs,
    maxConvergeTicks,
  }
}

export function metGoal(r: SoakResult): boolean {
  return r.lost === 0 && r.duplicateRelays === 0 && r.falseRelayed === 0 && r.falseReady === 0
}

const since = (started: number) => `${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s`

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      profile: { type: 'string', default: 'full' },
      seed: { type: 'string' },
      messages: { type: 'string' },
      verbose: { type: 'boolean', default: false },
      'no-browser': { type: 'boolean', default: false },
    },
  })
  const base = PROFILES[values.profile as keyof typeof PROFILES]
  if (!base) throw new Error(`--profile must be full or short, got ${values.profile}`)
  const messages = values.messages === undefined ? base.messages : Number(values.messages)
  if (!Number.isInteger(messages) || messages < 3) throw new Error(`--messages must be a whole number ≥ 3`)
  const seed = values.seed === undefined ? randomSeed() : Number(values.seed)
  if (!Number.isSafeInteger(seed)) throw new Error(`--seed must be a whole number, got ${values.seed}`)
  console.log(`soak: profile ${base.name}, seed ${seed} (replay with --seed ${seed})`)
  const started = Date.now()
  const result = await runSoak({
    profile: { ...base, messages },
    seed,
    browser: !values['no-browser'],
    log: values.verbose ? (line) => console.log(`  ${since(started)} ${line}`) : undefined,
  })
  mkdirSync(`${ROOT}bench-results`, { recursive: true })
  writeFileSync(`${ROOT}bench-results/soak.json`, `${JSON.stringify(headline(result), null, 2)}\n`)
  // What else the run saw (seed, findings, relays, fault kinds, convergence), for whoever replays it.
  writeFileSync(`${ROOT}bench-results/soak-details.json`, `${JSON.stringify(result, null, 2)}\n`)
  for (const f of result.findings)
    console.log(`  ${f.tracker} ${f.kind} ${f.hash} (step ${f.step}): ${f.detail}`)
  console.log(summaryLine(result))
  process.exitCode = metGoal(result) ? 0 : 1
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 2
})
