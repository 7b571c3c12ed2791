/**
 * Keyboard focus in the widget survives the tracker's redraws: a user who tabbed to a row's Relay button is still on
 * that very button after a poll brought a new transfer into the list above it (the list re-renders every row, and
 * the row moves down). Rows are keyed by message hash and never remounted on an update; if that broke, focus would
 * fall back to <body> and a keyboard user would lose their place. Debian's Chromium, the demo page, a real devnet.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import type { Page } from 'playwright-core'
import { parseAbi } from 'viem'
import { createServer, type ViteDevServer } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { getFreePort } from '../../devnet/ports'
import { demoUrl } from '../../examples/demo/settings'
import { launchChromium, type LaunchedBrowser } from '../fixtures/browser'
import { MOCK, startTestDevnet, type TestDevnet } from '../fixtures/devnet'
import { MESSAGE_ROW, messageRows } from '../fixtures/messageRows'

const repo = fileURLToPath(new URL('../..', import.meta.url))
const SHOTS = join(repo, 'test-results/widget-focus')

let devnet: TestDevnet
let demo: ViteDevServer
let demoBase: string
let browser: LaunchedBrowser

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true })
  const demoPort = await getFreePort()
  ;[devnet, browser] = await Promise.all([startTestDevnet(), launchChromium()])
  demo = await createServer({
    configFile: join(repo, 'vite.config.ts'),
    mode: 'demo',
    logLevel: 'error',
    cacheDir: join(SHOTS, '.vite'),
    server: { port: demoPort, strictPort: true, host: '127.0.0.1' },
  })
  await demo.listen()
  demoBase = `http://127.0.0.1:${demoPort}/`
  const mint = await devnet.walletClient(901, devnet.account(0)).writeContract({
    address: MOCK,
    abi: parseAbi(['function mint(address to, uint256 amount)']),
    functionName: 'mint',
    args: [devnet.accounts[0].address, 10n ** 21n],
    account: devnet.account(0),
    chain: devnet.chain(901).chain,
  })
  await devnet.publicClient(901).waitForTransactionReceipt({ hash: mint })
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await demo?.close()
  await devnet?.stop()
})

/** Marks the focused element, so "still focused" means this very node, not a look-alike drawn in its place. */
const markFocused = (page: Page) =>
  page.evaluate((row) => {
    const element = document.activeElement as (Element & { scrFocusMark?: boolean }) | null
    if (element) element.scrFocusMark = true
    return element?.closest(row)?.getAttribute('data-hash')
  }, MESSAGE_ROW)

const focusedMarked = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as (Element & { scrFocusMark?: boolean }) | null
    return { marked: !!element?.scrFocusMark, label: element?.getAttribute('aria-label') ?? element?.tagName }
  })

describe('widget: keyboard focus across redraws', () => {
  it("keeps focus on a row's Relay button when a poll adds a transfer above it", async () => {
    const page = await browser.context.newPage()
    const rpcUrls = Object.fromEntries(devnet.chains.map((c) => [c.id, c.rpcUrl]))
    await devnet.sendMock({ amount: 10n ** 19n, from: 0, to: devnet.accounts[0].address })
    await page.goto(demoUrl(demoBase, rpcUrls), { timeout: 120_000 })
    await page.getByRole('button', { name: 'Connect Devnet Test Wallet', exact: true }).click()
    // The widget watches the connected account and finds the transfer by scanning.
    const relay = page.getByRole('button', { name: /^Relay 10 MOCK to you/ })
    await relay.waitFor({ timeout: 60_000 })

    // Tab into the widget from its heading, as a keyboard user would, until the row's Relay button has focus.
    await page.locator('.widget-header h2').click()
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab')
      if ((await focusedMarked(page)).label?.startsWith('Relay 10 MOCK to you')) break
    }
    expect((await focusedMarked(page)).label).toMatch(/^Relay 10 MOCK to you/)
    const hash = await markFocused(page)
    expect(hash).toMatch(/^0x[0-9a-f]{64}$/)

    // Another transfer from the watched account: the next poll finds it and the list redraws with it on top.
    await devnet.sendMock({ amount: 2n * 10n ** 18n, from: 0, to: devnet.accounts[0].address })
    await page.getByRole('button', { name: /^Relay 2 MOCK to you/ }).waitFor({ timeout: 60_000 })
    await page.screenshot({ path: join(SHOTS, 'after-redraw.png') })

    expect(await messageRows(page).count()).toBe(2)
    expect(await focusedMarked(page)).toEqual({
      marked: true,
      label: expect.stringMatching(/^Relay 10 MOCK to you/),
    })
    // And the key still acts on it: Enter opens that message's Relay dialog.
    await page.keyboard.press('Enter')
    const dialog = page.getByRole('dialog', { name: 'Relay message' })
    await dialog.waitFor()
    expect(await dialog.textContent()).toContain('10 MOCK')
    await page.close()
  }, 240_000)
})
