/**
 * The extension in headless Chromium: popup first render with 1,000 stored messages, and the gzip size of what the
 * background and the popup load.
 */
import { execSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'

import { launchChromium } from '../fixtures/browser'
import { historyJson } from './fixtures'
import { median, type BenchRow } from './report'

const DIST = resolve('dist/extension')

/** Every JS file an entry loads statically (following relative imports), with the gzip size of their sum. */
export function loadedBytes(entry: string): { files: number; raw: number; gzip: number } {
  const seen = new Set<string>()
  const visit = (file: string) => {
    if (seen.has(file) || !existsSync(file)) return
    seen.add(file)
    const code = readFileSync(file, 'utf8')
    for (const m of code.matchAll(/(?:import|from)\s*\(?\s*["'](\.{1,2}\/[^"']+\.js)["']/g))
      visit(join(dirname(file), m[1]!))
    for (const m of code.matchAll(/["'](\/assets\/[^"']+\.js)["']/g)) visit(join(DIST, m[1]!))
  }
  visit(entry)
  const all = Buffer.concat([...seen].map((f) => readFileSync(f)))
  return { files: seen.size, raw: all.length, gzip: gzipSync(all, { level: 9 }).length }
}

function htmlEntry(html: string): string {
  const src = /<script[^>]+src="([^"]+)"/.exec(readFileSync(join(DIST, html), 'utf8'))?.[1]
  if (!src) throw new Error(`no script in ${html}`)
  return join(DIST, src)
}

export async function benchExtension(runs = 5): Promise<BenchRow[]> {
  if (!existsSync(join(DIST, 'manifest.json'))) execSync('npm run build:extension', { stdio: 'inherit' })
  const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8')) as {
    background: { service_worker: string }
  }
  const background = loadedBytes(join(DIST, manifest.background.service_worker))
  const popup = loadedBytes(htmlEntry('popup.html'))
  const rows: BenchRow[] = [
    {
      group: 'extension',
      name: 'background bundle (gzip)',
      value: background.gzip / 1024,
      unit: 'KiB',
      note: `${(background.raw / 1024).toFixed(0)} KiB raw, ${background.files} files`,
    },
    {
      group: 'extension',
      name: 'popup bundle (gzip)',
      value: popup.gzip / 1024,
      unit: 'KiB',
      note: `${(popup.raw / 1024).toFixed(0)} KiB raw, ${popup.files} files`,
    },
  ]

  const browser = await launchChromium({ extensionDir: DIST })
  try {
    const id = browser.extension!.id
    const page = await browser.context.newPage()
    await page.goto(`chrome-extension://${id}/options.html`)
    const json = await historyJson(1000, '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266')
    const imported = await page.evaluate(
      (history) =>
        chrome.runtime.sendMessage({
          protocol: 'superchain-relay/1',
          id: 'bench',
          method: 'importHistory',
          params: [history],
        }),
      json,
    )
    if (JSON.stringify(imported).includes('"error"'))
      throw new Error(`import failed: ${JSON.stringify(imported)}`)
    const times: number[] = []
    for (let i = 0; i < runs; i++) {
      const popupPage = await browser.context.newPage()
      await popupPage.goto(`chrome-extension://${id}/popup.html`)
      await popupPage.waitForSelector('.scr-row-main', { timeout: 30_000 })
      times.push(await popupPage.evaluate(() => performance.now()))
      await popupPage.close()
    }
    rows.push({
      group: 'extension',
      name: `popup first render, 1,000 messages (median of ${runs})`,
      value: median(times),
      unit: 'ms',
      note: 'navigation start → first message row',
    })
  } finally {
    await browser.close()
  }
  return rows
}
