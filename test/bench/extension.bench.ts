/**
 * The extension in headless Chromium: the gzip size of what the background and the popup load, and the popup's
 * first render measured cold — the service worker stopped first (CDP `ServiceWorker.stopAllWorkers`, as Chrome
 * stops an idle worker), then the popup page opened: navigation start → first message row in the DOM, with 1,000
 * and 10,000 messages stored in the extension's IndexedDB. The first row is the first paint's (plain DOM from the
 * stored snapshot); `popup.interactive.cold.*` times the same start to React's rows replacing it.
 *
 * `npm run bench -- extension` runs only this file.
 */
import { execSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'

import type { Page } from 'playwright-core'

import { launchChromium, type LaunchedBrowser } from '../fixtures/browser'
import { callBackground as call } from '../fixtures/extensionRequests'
import { MESSAGE_ROW } from '../fixtures/messageRows'
import { historyJson } from './fixtures'
import { median, type BenchRow } from './report'

const DIST = resolve('dist/extension')
const ACCOUNT = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'

/** Every JS file an entry loads statically (following relative imports), with the gzip size of their sum. */
export function loadedBytes(entry: string): { files: number; raw: number; gzip: number } {
  const seen = new Set<string>()
  const visit = (file: string) => {
    if (seen.has(file) || !existsSync(file)) return
    seen.add(file)
    const code = readFileSync(file, 'utf8')
    // Static imports only: `import x from "./a.js"`, `import "./a.js"`, `export … from "./a.js"` — not `import("./a.js")`.
    for (const m of code.matchAll(/(?:\bimport|\bfrom)\s*["'](\.{1,2}\/[^"']+\.js)["']/g))
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

const SEED_BATCH = 500

/**
 * A profile with `count` messages of one watched account. The default chains are removed so the background polls
 * nothing: other engineers' devnets may listen on the default ports, and a poll that changed the seeded statuses
 * would make runs differ. Rendering is the same work with or without them.
 */
async function seed(browser: LaunchedBrowser, count: number): Promise<void> {
  const page = await browser.context.newPage()
  // An extension page that renders nothing: a page with the list open would re-render on every imported message.
  // The first install opens the options page, which can take over this fresh tab: then it is loaded again.
  const icon = `chrome-extension://${browser.extension!.id}/icons/icon-16.png`
  await page.goto(icon).catch(() => page.goto(icon))
  for (const chainId of [901, 902]) await call(page, 'removeChain', chainId)
  await call(page, 'watchAccount', ACCOUNT)
  // In parts: the background announces each imported message, ~50 ms apiece on a loaded 2-core machine, and one
  // 10,000-message call would outlast what a browser lets one extension message take.
  const messages = JSON.parse(await historyJson(count, ACCOUNT)) as { messages: unknown[] }
  for (let from = 0; from < count; from += SEED_BATCH) {
    const part = { ...messages, messages: messages.messages.slice(from, from + SEED_BATCH) }
    await call(page, 'importHistory', JSON.stringify(part))
  }
  const listed = (await call(page, 'listMessages')) as unknown[]
  if (listed.length !== count) throw new Error(`seeded ${listed.length} messages, expected ${count}`)
  await page.close()
}

/**
 * Stops every service worker and waits until CDP reports ours stopped. A worker still starting (the last popup's
 * React woke it) can miss the request, so it is repeated each second; on a loaded machine that can take a while.
 */
export async function stopWorkers(browser: LaunchedBrowser, blank: Page): Promise<void> {
  const cdp = await browser.context.newCDPSession(blank)
  const running = new Map<string, string>()
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const v of versions) running.set(v.versionId, v.runningStatus)
  })
  await cdp.send('ServiceWorker.enable')
  const deadline = Date.now() + 30_000
  let askedAt = 0
  while (askedAt === 0 || [...running.values()].some((s) => s !== 'stopped')) {
    if (Date.now() > deadline)
      throw new Error(`the service worker did not stop: ${JSON.stringify([...running])}`)
    if (Date.now() - askedAt > 1_000) {
      askedAt = Date.now()
      await cdp.send('ServiceWorker.stopAllWorkers')
    }
    await new Promise((r) => setTimeout(r, 20))
  }
  await cdp.detach()
}

declare global {
  interface Window {
    __firstRowAt?: number
    __reactRowAt?: number
  }
}

/** The first row in the DOM, and the first one in a tree React rendered (its container then carries React's key). */
const FIRST_ROW_PROBE = `
  new MutationObserver((_, observer) => {
    if (!document.querySelector('${MESSAGE_ROW}')) return
    window.__firstRowAt ??= performance.now()
    const root = document.getElementById('root')
    if (root && Object.keys(root).some((key) => key.startsWith('__reactContainer'))) {
      window.__reactRowAt = performance.now()
      observer.disconnect()
    }
  }).observe(document, { childList: true, subtree: true })
`

interface ColdTimes {
  firstRow: number[]
  reactRow: number[]
  /** The first-paint script starting, and its storage read answered (its performance marks). */
  scriptStart: number[]
  readDone: number[]
}

const mark = (name: string) => `performance.getEntriesByName('${name}')[0]?.startTime ?? NaN`

/** Ms from navigation start to the first message row and to React's, each run with the worker stopped first. */
async function coldFirstRender(browser: LaunchedBrowser, runs: number): Promise<ColdTimes> {
  const blank = await browser.context.newPage()
  const times: ColdTimes = { firstRow: [], reactRow: [], scriptStart: [], readDone: [] }
  for (let i = 0; i < runs; i++) {
    // Let the background finish what the last run started (its snapshot write, a tick), as an idle one would.
    await new Promise((r) => setTimeout(r, 1_500))
    await stopWorkers(browser, blank)
    const popup = await browser.context.newPage()
    await popup.goto(`chrome-extension://${browser.extension!.id}/popup.html`)
    await popup.waitForFunction(() => window.__reactRowAt !== undefined, undefined, { timeout: 60_000 })
    times.firstRow.push(await popup.evaluate(() => window.__firstRowAt!))
    times.reactRow.push(await popup.evaluate(() => window.__reactRowAt!))
    times.scriptStart.push((await popup.evaluate(mark('scr-first-paint-start'))) as number)
    times.readDone.push((await popup.evaluate(mark('scr-first-paint-read'))) as number)
    await popup.close()
  }
  await blank.close()
  return times
}

async function popupRows(count: number, runs: number): Promise<BenchRow[]> {
  const browser = await launchChromium({ extensionDir: DIST })
  try {
    // Runs in every page before its own scripts: the moment the first row enters the DOM, on the page's clock.
    // A string, not a function: tsx would wrap a function's inner closures in a helper the page does not have.
    await browser.context.addInitScript({ content: FIRST_ROW_PROBE })
    await seed(browser, count)
    const times = await coldFirstRender(browser, runs)
    const runList = (list: number[]) => list.map((t) => t.toFixed(0)).join(', ')
    const messages = `${count.toLocaleString('en')} messages (median of ${runs})`
    return [
      {
        id: `popup.firstRender.cold.${count}`,
        group: 'extension',
        name: `popup first render, cold, ${messages}`,
        value: median(times.firstRow),
        unit: 'ms',
        note: `worker stopped first; navigation start → first message row; runs ${runList(times.firstRow)} (first-paint script started at ${runList(times.scriptStart)}; its storage read answered at ${runList(times.readDone)})`,
      },
      {
        id: `popup.interactive.cold.${count}`,
        group: 'extension',
        name: `popup rows rendered by React, cold, ${messages}`,
        value: median(times.reactRow),
        unit: 'ms',
        note: `navigation start → React's rows replace the first paint; runs ${runList(times.reactRow)}`,
      },
    ]
  } finally {
    await browser.close()
  }
}

export async function benchExtension(runs = 5, counts = [1_000, 10_000]): Promise<BenchRow[]> {
  if (!existsSync(join(DIST, 'manifest.json'))) execSync('npm run build:extension', { stdio: 'inherit' })
  const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8')) as {
    background: { service_worker: string }
  }
  const background = loadedBytes(join(DIST, manifest.background.service_worker))
  const popup = loadedBytes(htmlEntry('popup.html'))
  // The rest of the popup (React, core, the messaging client) is imported by the first paint once it is drawn.
  const mainChunk = /[`"']\/?(assets\/main-[^`"']+\.js)[`"']/.exec(
    readFileSync(htmlEntry('popup.html'), 'utf8'),
  )?.[1]
  const rest = mainChunk ? loadedBytes(join(DIST, mainChunk)) : undefined
  const rows: BenchRow[] = [
    {
      id: 'extension.background.gzipKiB',
      group: 'extension',
      name: 'background bundle (gzip)',
      value: background.gzip / 1024,
      unit: 'KiB',
      note: `${(background.raw / 1024).toFixed(0)} KiB raw, ${background.files} files`,
    },
    {
      id: 'extension.popup.gzipKiB',
      group: 'extension',
      name: 'popup bundle (gzip, loaded at start)',
      value: popup.gzip / 1024,
      unit: 'KiB',
      note: `${(popup.raw / 1024).toFixed(0)} KiB raw, ${popup.files} files (the first paint); then ${
        rest ? `${(rest.gzip / 1024).toFixed(1)} KiB gzip (React, core)` : 'nothing'
      } after it is drawn; dialogs on first use`,
    },
  ]
  for (const count of counts) rows.push(...(await popupRows(count, runs)))
  return rows
}
