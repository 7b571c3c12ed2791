/** Bench results: a printed table and a JSON file (bench-results/bench.json), so numbers can be compared across runs. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export interface BenchRow {
  /**
   * Stable across runs and wording changes (e.g. 'popup.firstRender.cold.1000'): what tools and the README compare
   * by. Dot-separated lower camelCase words, a count or size last; a row's meaning never changes under its id.
   */
  id: string
  group: string
  name: string
  value: number
  unit: string
  /** Context, e.g. the naive figure this row is compared with. */
  note?: string
}

/** 'widget.component.gzipKiB', 'cli.help', 'popup.firstRender.cold.10000'. */
export const BENCH_ID = /^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)+$/

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

export function printTable(rows: BenchRow[]): void {
  const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(v < 10 ? 2 : 1))
  const cells = rows.map((r) => [r.id, r.name, `${fmt(r.value)} ${r.unit}`, r.note ?? ''])
  const header = ['id', 'measure', 'value', 'note']
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)))
  const line = (c: string[]) => c.map((x, i) => x.padEnd(widths[i]!)).join('  ')
  console.log(line(header))
  console.log(widths.map((w) => '-'.repeat(w)).join('  '))
  for (const c of cells) console.log(line(c))
}

/** Writes the rows, keeping rows of groups not run this time (`npm run bench -- poller` updates only the poller). */
export function writeJson(rows: BenchRow[], file = join('bench-results', 'bench.json')): string {
  const ids = rows.map((r) => r.id)
  const bad = ids.filter((id, i) => !BENCH_ID.test(id) || ids.indexOf(id) !== i)
  if (bad.length)
    throw new Error(`bench rows need unique ids like 'popup.firstRender.cold.1000': ${bad.join(', ')}`)
  mkdirSync('bench-results', { recursive: true })
  const groups = new Set(rows.map((r) => r.group))
  let kept: BenchRow[] = []
  if (existsSync(file)) {
    try {
      // A row from before ids existed cannot be compared with anything: it is dropped, not kept unnamed.
      kept = (JSON.parse(readFileSync(file, 'utf8')) as { rows: BenchRow[] }).rows.filter(
        (r) => !groups.has(r.group) && typeof r.id === 'string' && BENCH_ID.test(r.id),
      )
    } catch {
      kept = []
    }
  }
  const document = { at: new Date().toISOString(), node: process.version, rows: [...kept, ...rows] }
  writeFileSync(file, JSON.stringify(document, null, 2) + '\n')
  return file
}
