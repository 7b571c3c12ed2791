/**
 * The widget: gzip size of the React component build (react, react-dom, viem excluded) and of the standalone
 * element bundle; first render of the element with 100 stored messages in headless Chromium.
 */
import { execSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { extname, join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'

import { build } from 'vite'

import { launchChromium } from '../fixtures/browser'
import { getFreePort } from '../../devnet/ports'
import { median, type BenchRow } from './report'

const DIST = resolve('dist/widget')
const ELEMENT = join(DIST, 'superchain-relay.element.js')

function gzipOf(file: string): { raw: number; gzip: number } {
  const bytes = readFileSync(file)
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length }
}

export async function benchWidget(runs = 5, count = 100): Promise<BenchRow[]> {
  if (!existsSync(ELEMENT) || !existsSync(join(DIST, 'index.js')))
    execSync('npm run build:widget', { stdio: 'inherit' })
  const component = gzipOf(join(DIST, 'index.js'))
  const element = gzipOf(ELEMENT)
  const rows: BenchRow[] = [
    {
      group: 'widget',
      name: 'React component build (gzip, peers excluded)',
      value: component.gzip / 1024,
      unit: 'KiB',
      note: `${(component.raw / 1024).toFixed(0)} KiB raw, unminified ESM`,
    },
    {
      group: 'widget',
      name: 'standalone <superchain-relay> element (gzip)',
      value: element.gzip / 1024,
      unit: 'KiB',
      note: `${(element.raw / 1024).toFixed(0)} KiB raw, React + viem inside`,
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
