/**
 * `npm run bench`: speed and size goals, measured (never asserted in tests — these 2-core machines are shared).
 * Prints a table and writes bench-results/bench.json. `npm run bench -- devnet poller` runs only those groups
 * (`npm run bench -- detect.background`: only the background detection bench, about 5 minutes).
 */
import { benchAccountScan } from './accountScan.bench'
import { benchCli } from './cli.bench'
import { benchDetect } from './detect.bench'
import { benchDetectBackground } from './detectBackground.bench'
import { benchDevnetStart } from './devnetStart.bench'
import { benchExtension } from './extension.bench'
import { benchPoller } from './poller.bench'
import { printTable, writeJson, type BenchRow } from './report'
import { benchWidget } from './widget.bench'

const SUITES: Record<string, () => Promise<BenchRow[]>> = {
  devnet: () => benchDevnetStart(),
  poller: () => benchPoller(),
  detect: () => benchDetect(),
  'detect.background': () => benchDetectBackground(),
  scan: () => benchAccountScan(),
  extension: () => benchExtension(),
  widget: () => benchWidget(),
  cli: () => benchCli(),
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'))
  const unknown = wanted.filter((w) => !(w in SUITES))
  if (unknown.length) {
    console.error(`unknown bench suite(s): ${unknown.join(', ')}; known: ${Object.keys(SUITES).join(', ')}`)
    process.exit(2)
  }
  const rows: BenchRow[] = []
  for (const [name, run] of Object.entries(SUITES)) {
    if (wanted.length && !wanted.includes(name)) continue
    console.error(`running ${name}…`)
    rows.push(...(await run()))
  }
  printTable(rows)
  console.log(`\nwritten ${writeJson(rows)}`)
}

main().catch((error: Error) => {
  console.error(error)
  process.exit(1)
})
