/**
 * The widget: gzip size of the React component build (react, react-dom, viem excluded) and of the standalone
 * element bundle, each with what it is made of (bundleAnalysis.ts: top parts by gzip, from the source maps); first
 * render of the element with 100 stored messages in headless Chromium.
 */
import { execSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { basename, dirname, extname, join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'

import { build } from 'vite'

import { launchChromium } from '../fixtures/browser'
import { getFreePort } from '../../devnet/ports'
import { analyzeBundle, topModulesNote } from './bundleAnalysis'
import { median, type BenchRow } from './report'

const DIST = resolve('dist/widget')
const ELEMENT = join(DIST, 'superchain-relay.element.js')

function gzipOf(file: string): { raw: number; gzip: number } {
  const bytes = readFileSync(file)
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length }
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`

/**
 * The component build's files: its entry and the chunks it loads on demand (the dialogs). A dapp's bundler ships
 * them all, so the row counts them all; the note says how much the first render needs.
 */
function componentFiles(): string[] {
  return readdirSync(DIST)
    .filter((f) => f.endsWith('.js') && f !== basename(ELEMENT))
    .map((f) => join(DIST, f))
}

/**
 * What the first render loads: the entry and every chunk it imports statically, transitively (`import … from
 * "./x.js"`; an `import("./x.js")` loads on demand and is left out).
 */
function firstRenderFiles(entry: string): string[] {
  const seen = new Set<string>()
  const visit = (file: string) => {
    if (seen.has(file)) return
    seen.add(file)
    for (const [, path] of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*["'`](\.\/[^"'`]+)["'`]/g))
      visit(join(dirname(file), path!))
  }
  visit(entry)
  return [...seen]
}

/** Top modules by gzip, by package and by file, printed in full and kept short in the note. */
function analysis(label: string, files: string[]): string {
  const byPackage = files.flatMap((f) => analyzeBundle(f, { group: 'package' }))
  const byFile = files.flatMap((f) => analyzeBundle(f, { group: 'file' })).sort((a, b) => b.gzip - a.gzip)
  const merged = new Map<string, { module: string; raw: number; gzip: number }>()
  for (const m of byPackage) {
    const seen = merged.get(m.module)
    merged.set(m.module, seen ? { ...seen, raw: seen.raw + m.raw, gzip: seen.gzip + m.gzip } : { ...m })
  }
  const packages = [...merged.values()].sort((a, b) => b.gzip - a.gzip)
  console.error(`\n${label}: top parts by gzip (KiB; each part compressed alone)`)
  for (const m of packages.slice(0, 12))
    console.error(`  ${(m.gzip / 1024).toFixed(2).padStart(7)}  ${m.module}`)
  console.error(`${label}: top modules`)
  for (const m of byFile.slice(0, 15))
    console.error(`  ${(m.gzip / 1024).toFixed(2).padStart(7)}  ${m.module}`)
  return `top: ${topModulesNote(packages, 5)}; top files: ${topModulesNote(byFile, 5)}`
}

export async function benchWidget(runs = 5, count = 100): Promise<BenchRow[]> {
  if (!existsSync(ELEMENT) || !existsSync(join(DIST, 'index.js')))
    execSync('npm run build:widget', { stdio: 'inherit' })
  const files = componentFiles()
  const sizes = files.map(gzipOf)
  const component = { raw: sizes.reduce((a, s) => a + s.raw, 0), gzip: sizes.reduce((a, s) => a + s.gzip, 0) }
  const entry = gzipOf(join(DIST, 'index.js'))
  const firstRender = firstRenderFiles(join(DIST, 'index.js'))
  const firstRenderGzip = firstRender.map(gzipOf).reduce((a, s) => a + s.gzip, 0)
  const element = gzipOf(ELEMENT)
  const rows: BenchRow[] = [
    {
      id: 'widget.component.gzipKiB',
      group: 'widget',
      name: 'React component build (gzip, react/react-dom/viem excluded)',
      value: component.gzip / 1024,
      unit: 'KiB',
      note:
        `${kib(component.raw)} raw minified, ${files.length} files; entry ${kib(entry.gzip)}, first render ` +
        `${kib(firstRenderGzip)} (${firstRender.length} file${firstRender.length === 1 ? '' : 's'}), the rest ` +
        `loads with the dialogs; ${analysis('component', files)}`,
    },
    {
      id: 'widget.element.gzipKiB',
      group: 'widget',
      name: 'standalone <superchain-relay> element (gzip)',
      value: element.gzip / 1024,
      unit: 'KiB',
      note: `${kib(element.raw)} raw minified, React + viem inside; ${analysis('element', [ELEMENT])}`,
    },
  ]

  const out = mkdtempSync(join(tmpdir(), 'scr-widget-bench-'))
  await build({
    root: resolve('test/bench/widget-harness'),
    logLevel: 'error',
    build: { outDir: out, emptyOutDir: true, rollupOptions: { external: ['/superchain-relay.element.js'] } },
  })
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' }
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!
    const file =
      path === '/superchain-relay.element.js' ? ELEMENT : join(out, path === '/' ? 'index.html' : path)
    if (!existsSync(file)) return void res.writeHead(404).end()
    res
      .writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' })
      .end(readFileSync(file))
  })
  const port = await getFreePort()
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r))
  const browser = await launchChromium()
  try {
    const times: number[] = []
    for (let i = 0; i < runs; i++) {
      const page = await browser.context.newPage()
      await page.goto(`http://127.0.0.1:${port}/?count=${count}`)
      await page.waitForFunction(() => window.benchResult !== undefined, undefined, { timeout: 60_000 })
      const result = await page.evaluate(() => window.benchResult!)
      if ('error' in result) throw new Error(`widget bench page: ${result.error}`)
      times.push(result.renderMs)
      await page.close()
    }
    rows.push({
      id: `widget.element.firstRender.${count}`,
      group: 'widget',
      name: `element first render, ${count} messages (median of ${runs})`,
      value: median(times),
      unit: 'ms',
      note: 'element created → first message row (bundle already parsed)',
    })
  } finally {
    await browser.close()
    server.close()
  }
  return rows
}
