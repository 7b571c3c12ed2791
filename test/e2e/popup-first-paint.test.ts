/// <reference types="chrome" />
/**
 * The popup's first paint (docs/ARCHITECTURE.md §3), with the built extension in Debian's Chromium: with the
 * worker stopped, the popup shows the stored snapshot's rows as plain DOM before React is loaded, and React takes
 * the same rows over without a moment with no row on screen. No devnet: the default chains are removed and a
 * history is imported, so nothing polls.
 */
import { execSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { historyJson } from '../bench/fixtures'
import { launchChromium, type LaunchedBrowser } from '../fixtures/browser'
import { callBackground as call } from '../fixtures/extensionRequests'
import { MESSAGE_ROW, messageRows } from '../fixtures/messageRows'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const EXTENSION_DIR = `${ROOT}dist/extension`
const ACCOUNT = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'

let browser: LaunchedBrowser

/**
 * Every DOM change of the popup, seen from the page: the rows on screen after each batch of changes, and whether
 * React had its container by then (it marks it with its own key).
 */
const RECORDER = `
  window.__rowLog = []
  new MutationObserver(() => {
    const root = document.getElementById('root')
    window.__rowLog.push({
      rows: [...document.querySelectorAll('${MESSAGE_ROW}')].map((row) => row.getAttribute('data-hash')),
      react: !!root && Object.keys(root).some((key) => key.startsWith('__reactContainer')),
      theme: document.documentElement.dataset.theme,
      listTop: document.querySelector('.scr-list')?.getBoundingClientRect().top,
      preview: !!document.querySelector('.scr-as-of'),
    })
  }).observe(document, { childList: true, subtree: true })
`

interface LogEntry {
  rows: string[]
  react: boolean
  theme?: string
  listTop?: number
  preview: boolean
}

async function rowLog(popup: Page): Promise<LogEntry[]> {
  return (await popup.evaluate(() => (window as unknown as { __rowLog: unknown }).__rowLog)) as LogEntry[]
}

async function stopWorkers(page: Page): Promise<void> {
  const cdp = await browser.context.newCDPSession(page)
  await cdp.send('ServiceWorker.enable')
  await cdp.send('ServiceWorker.stopAllWorkers')
  await cdp.detach()
}

beforeAll(async () => {
  if (!existsSync(`${EXTENSION_DIR}/manifest.json`)) {
    execSync('npm run build:extension', { cwd: ROOT, stdio: 'inherit', timeout: 120_000 })
  }
  browser = await launchChromium({ extensionDir: EXTENSION_DIR })
  await browser.context.addInitScript({ content: RECORDER })
  const page = await browser.context.newPage()
  await page.goto(`chrome-extension://${browser.extension!.id}/icons/icon-16.png`)
  for (const chainId of [901, 902]) await call(page, 'removeChain', chainId)
  await call(page, 'watchAccount', ACCOUNT)
  await call(page, 'importHistory', await historyJson(300, ACCOUNT))
  // The snapshot is rewritten a quarter second after the last change.
  const deadline = Date.now() + 30_000
  while (
    !(await page.evaluate(async () => (await chrome.storage.local.get('popupSnapshot')).popupSnapshot))
  ) {
    if (Date.now() > deadline) throw new Error('the background wrote no popup snapshot')
    await new Promise((r) => setTimeout(r, 100))
  }
  await new Promise((r) => setTimeout(r, 1_000))
  await stopWorkers(page)
  await page.close()
}, 120_000)

afterAll(async () => {
  await browser?.close()
})

describe('popup first paint', () => {
  it("shows the snapshot's rows before React, and React takes them over with a row on screen throughout", async () => {
    const popup = await browser.context.newPage()
    await popup.setViewportSize({ width: 360, height: 600 })
    await popup.goto(`chrome-extension://${browser.extension!.id}/popup.html`)
    await expect.poll(() => messageRows(popup).count()).toBeGreaterThan(8)
    const log = (await popup.evaluate(
      () => (window as unknown as { __rowLog: unknown }).__rowLog,
    )) as LogEntry[]
    const shown = log.filter((entry) => entry.rows.length > 0)
    const firstPaint = shown.filter((entry) => !entry.react)
    const react = shown.filter((entry) => entry.react)
    // The first rows on screen were the first paint's, from the snapshot: the rows React then shows first.
    expect(firstPaint.length).toBeGreaterThan(0)
    expect(react.length).toBeGreaterThan(0)
    expect(firstPaint[0]!.rows.length).toBe(8)
    expect(react[0]!.rows.slice(0, 8)).toEqual(firstPaint[0]!.rows)
    // From the first row on, no batch of changes left the popup without one.
    const from = log.indexOf(shown[0]!)
    expect(log.slice(from).filter((entry) => entry.rows.length === 0)).toEqual([])
    // One popup, not the first paint beside React's.
    expect(await popup.locator('.scr-root').count()).toBe(1)
    expect(await popup.locator('.popup-footer').count()).toBe(1)
    await popup.close()
  })

  it('is one classic script, and draws the stored theme from the first row on', async () => {
    // The page names the first paint alone: no module, no preload of React's bundle fetched beside it.
    const html = readFileSync(`${EXTENSION_DIR}/popup.html`, 'utf8')
    expect([...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])).toEqual([
      '<script src="popup-first-paint.js">',
    ])
    expect(html).not.toMatch(/modulepreload|type="module"/)

    const page = await browser.context.newPage()
    await page.goto(`chrome-extension://${browser.extension!.id}/icons/icon-16.png`)
    await call(page, 'updateSettings', { theme: 'dark' })
    await stopWorkers(page)
    const popup = await browser.context.newPage()
    await popup.goto(`chrome-extension://${browser.extension!.id}/popup.html`)
    await expect.poll(() => messageRows(popup).count()).toBeGreaterThan(8)
    const log = (await popup.evaluate(
      () => (window as unknown as { __rowLog: unknown }).__rowLog,
    )) as LogEntry[]
    const firstPaint = log.find((entry) => entry.rows.length > 0)
    expect(firstPaint).toMatchObject({ react: false, theme: 'dark' })
    await call(page, 'updateSettings', { theme: 'auto' })
    await popup.close()
    await page.close()
  })

  it('keeps the rows where they are at 360 px, from the first paint through React to the live list', async () => {
    const popup = await browser.context.newPage()
    await popup.setViewportSize({ width: 360, height: 600 })
    await popup.goto(`chrome-extension://${browser.extension!.id}/popup.html`)
    // The live list is in once React's header drops its "as of" (the preview's mark) — once it was drawn: before
    // the first paint there is no "as of" either, and a look that early would take an empty page for the live list.
    await expect
      .poll(async () => (await rowLog(popup)).some((entry) => entry.rows.length > 0 && entry.preview), {
        timeout: 10_000,
      })
      .toBe(true)
    await expect.poll(() => popup.locator('.scr-as-of').count()).toBe(0)
    await expect.poll(() => messageRows(popup).count()).toBeGreaterThan(8)
    const shown = (await rowLog(popup)).filter((entry) => entry.rows.length > 0)
    expect(shown.some((entry) => !entry.react && entry.preview)).toBe(true)
    expect(shown.some((entry) => entry.react && !entry.preview)).toBe(true)
    const tops = new Set(shown.map((entry) => entry.listTop))
    expect([...tops]).toHaveLength(1)
    // The "as of" is in the footer while a preview is shown, and gone with the live list.
    expect(await popup.locator('.popup-footer .popup-as-of').isVisible()).toBe(false)
    await popup.close()
  })

  it('never paints a removed message: the first screen the popup reads follows the removal', async () => {
    const page = await browser.context.newPage()
    await page.goto(`chrome-extension://${browser.extension!.id}/icons/icon-16.png`)
    const before = await page.evaluate(
      async () => (await chrome.storage.local.get('popupFirstScreen')).popupFirstScreen,
    )
    const removed = (before as { screen: { rows: { hash: string }[] } }).screen.rows[0]!.hash
    await call(page, 'forgetMessage', removed)
    await expect
      .poll(async () =>
        JSON.stringify(
          await page.evaluate(
            async () => (await chrome.storage.local.get('popupFirstScreen')).popupFirstScreen,
          ),
        ),
      )
      .not.toContain(removed)
    await stopWorkers(page)
    const popup = await browser.context.newPage()
    await popup.goto(`chrome-extension://${browser.extension!.id}/popup.html`)
    await expect.poll(() => messageRows(popup).count()).toBeGreaterThan(8)
    const firstPaint = (await rowLog(popup)).find((entry) => entry.rows.length > 0)
    expect(firstPaint?.react).toBe(false)
    expect(firstPaint?.rows).toHaveLength(8)
    expect(firstPaint?.rows).not.toContain(removed)
    await popup.close()
    await page.close()
  })
})
