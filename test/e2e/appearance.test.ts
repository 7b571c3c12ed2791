/**
 * How the popup, the options page and the widget look, checked in Debian's Chromium against a real devnet:
 * - at 320 px and 360 px nothing scrolls sideways, no control or badge is cut off, every button label and select
 *   choice fits (test/fixtures/layout.ts);
 * - in the light and the dark theme every piece of visible text meets WCAG AA contrast against what is painted behind
 *   it (test/fixtures/contrast.ts) — including the widget's wallet bar on a light page with theme="dark" and "auto".
 * The extension is built for this devnet's ports the way `npm start -- --port N` builds it
 * (VITE_SUPERCHAIN_RELAY_DEVNET_RPC), so it starts with the right chains and no options are filled in by hand.
 * Screenshots go to test-results/appearance/.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import type { Page } from 'playwright-core'
import { parseAbi } from 'viem'
import { build, createServer, type ViteDevServer } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { getFreePort } from '../../devnet/ports'
import { DEVNET_RPC_ENV } from '../../examples/demo/settings'
import { launchChromium, type LaunchedBrowser } from '../fixtures/browser'
import { findLowContrast } from '../fixtures/contrast'
import { MOCK, startTestDevnet, type TestDevnet } from '../fixtures/devnet'
import { findLayoutProblems } from '../fixtures/layout'

const repo = fileURLToPath(new URL('../..', import.meta.url))
const SHOTS = join(repo, 'test-results/appearance')
const WIDTHS = [320, 360] as const
const SCHEMES = ['light', 'dark'] as const

let devnet: TestDevnet
let browser: LaunchedBrowser
let demo: ViteDevServer
let demoBase: string
let extensionDir: string
let extensionId: string
/** A transfer from account #0 that needs a relay, and one to account #0 that was relayed. */
let outgoingTx: string
let incomingTx: string
const previousEnv = process.env[DEVNET_RPC_ENV]

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true })
  devnet = await startTestDevnet()
  process.env[DEVNET_RPC_ENV] = JSON.stringify(Object.fromEntries(devnet.chains.map((c) => [c.id, c.rpcUrl])))
  extensionDir = mkdtempSync(join(tmpdir(), 'scr-extension-'))
  await build({
    configFile: join(repo, 'vite.config.ts'),
    mode: 'extension',
    logLevel: 'error',
    build: { outDir: extensionDir, emptyOutDir: true },
  })
  const demoPort = await getFreePort()
  demo = await createServer({
    configFile: join(repo, 'vite.config.ts'),
    mode: 'demo',
    logLevel: 'error',
    cacheDir: join(SHOTS, '.vite'),
    server: { port: demoPort, strictPort: true, host: '127.0.0.1' },
  })
  await demo.listen()
  demoBase = `http://127.0.0.1:${demoPort}/`
  browser = await launchChromium({ extensionDir })
  extensionId = browser.extension!.id

  // Something in each state worth looking at: a transfer that needs a relay, and one that arrived.
  for (const from of [0, 1]) {
    const mint = await devnet.walletClient(901, devnet.account(from)).writeContract({
      address: MOCK,
      abi: parseAbi(['function mint(address to, uint256 amount)']),
      functionName: 'mint',
      args: [devnet.accounts[from]!.address, 10n ** 21n],
      account: devnet.account(from),
      chain: devnet.chain(901).chain,
    })
    await devnet.publicClient(901).waitForTransactionReceipt({ hash: mint })
  }
  outgoingTx = (await devnet.sendMock({ amount: 10n ** 19n, from: 0, to: devnet.accounts[1].address }))
    .transactionHash
  const incoming = await devnet.sendMock({ amount: 10n ** 18n, from: 1, to: devnet.accounts[0].address })
  await devnet.increaseTime(902, 2) // the relay must land in a later second than the transfer
  const relay = await devnet.sendRelay(await devnet.executingMessage(incoming), { from: 2 })
  await devnet.publicClient(902).waitForTransactionReceipt({ hash: relay })
  incomingTx = incoming.transactionHash
}, 120_000)

afterAll(async () => {
  if (previousEnv === undefined) delete process.env[DEVNET_RPC_ENV]
  else process.env[DEVNET_RPC_ENV] = previousEnv
  await browser?.close()
  await demo?.close()
  await devnet?.stop()
  if (extensionDir) rmSync(extensionDir, { recursive: true, force: true })
})

async function expectGoodLayout(page: Page, root: string, name: string) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true })
  expect(await page.evaluate(findLayoutProblems, root), name).toEqual([])
}

async function expectGoodContrast(page: Page, root: string, name: string) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true })
  expect(await page.evaluate(findLowContrast, root), name).toEqual([])
}

describe('the extension', () => {
  let options: Page
  let popup: Page

  it('starts with the chains of the devnet it was built for, and watches an account', async () => {
    options = await browser.context.newPage()
    await options.goto(`chrome-extension://${extensionId}/options.html`)
    for (const chain of devnet.chains) {
      await expect
        .poll(() => options.locator(`li[data-chain-id="${chain.id}"]`).textContent())
        .toContain(chain.rpcUrl)
    }
    await options.getByLabel('Account address', { exact: true }).fill(devnet.accounts[0].address)
    await options.getByRole('button', { name: 'Add account' }).click()
    await options.getByLabel('New password').fill('correct horse battery')
    await options.getByLabel('Repeat the password').fill('correct horse battery')
    await options.getByRole('button', { name: 'Create relay account' }).click()
    await options.getByRole('button', { name: 'Copy address' }).waitFor()
    // An error on the page too, so its colours are checked.
    await options.getByLabel('Account address', { exact: true }).fill('0x1234')
    await options.getByRole('button', { name: 'Add account' }).click()
    await options.locator('.opt-error').first().waitFor()
  })

  it.each(WIDTHS)('options page at %i px: nothing cut off or scrolling sideways', async (width) => {
    await options.setViewportSize({ width, height: 900 })
    await expectGoodLayout(options, 'body', `options-${width}`)
  })

  it.each(SCHEMES)('options page in %s: every text meets AA contrast', async (scheme) => {
    await options.setViewportSize({ width: 900, height: 900 })
    await options.emulateMedia({ colorScheme: scheme })
    await expectGoodContrast(options, 'body', `options-${scheme}`)
  })

  it('popup lists both transfers', async () => {
    popup = await browser.context.newPage()
    await popup.goto(`chrome-extension://${extensionId}/popup.html`)
    await popup.locator('[data-status="ready"]').waitFor({ timeout: 30_000 })
    await popup.getByRole('tab', { name: /Incoming/ }).click()
    await popup
      .locator('[data-status="relayed"], [data-status="finalized"]')
      .first()
      .waitFor({ timeout: 30_000 })
    await popup.getByRole('tab', { name: /Outgoing/ }).click()
    await popup.locator('.scr-row-summary').first().click()
  })

  for (const width of WIDTHS) {
    it(`popup at ${width} px: rows, badges, Relay and Options all fit`, async () => {
      await popup.setViewportSize({ width, height: 600 })
      await expectGoodLayout(popup, 'body', `popup-${width}`)
      await popup.getByRole('button', { name: /^Relay / }).click()
      await popup
        .getByRole('dialog')
        .getByText(/Simulation passed/)
        .waitFor({ timeout: 20_000 })
      await expectGoodLayout(popup, 'body', `popup-dialog-${width}`)
      await popup.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click()
    })
  }

  it.each(SCHEMES)('popup in %s: every text meets AA contrast', async (scheme) => {
    await popup.setViewportSize({ width: 380, height: 600 })
    await popup.emulateMedia({ colorScheme: scheme })
    await expectGoodContrast(popup, 'body', `popup-${scheme}`)
    await popup.getByRole('tab', { name: /Incoming/ }).click()
    await expectGoodContrast(popup, 'body', `popup-incoming-${scheme}`)
    await popup.getByRole('tab', { name: /Outgoing/ }).click()
    await popup.getByRole('button', { name: /^Relay / }).click()
    await popup
      .getByRole('dialog')
      .getByText(/Simulation passed/)
      .waitFor({ timeout: 20_000 })
    await expectGoodContrast(popup, 'body', `popup-dialog-${scheme}`)
    await popup.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click()
  })
})

describe('the widget on the demo page', () => {
  let page: Page

  it('tracks earlier transfers by their hash alone, whichever chain they were sent on', async () => {
    page = await browser.context.newPage()
    // The demo was served for this devnet: the plain address works, no ?rpc= needed.
    await page.goto(demoBase)
    await page.getByRole('button', { name: 'Connect Devnet Test Wallet', exact: true }).click()
    await page.getByRole('button', { name: 'Track a transaction' }).first().click()
    for (const hash of [incomingTx, outgoingTx]) {
      await page.getByRole('textbox', { name: 'Transaction hash' }).fill(hash)
      await page.getByRole('button', { name: 'Track', exact: true }).click()
      await page.getByRole('status').filter({ hasText: 'Found it on Devnet L2 A.' }).waitFor()
    }
    await page.locator('.scr-root [data-status="ready"]').waitFor({ timeout: 30_000 })
    await page.getByRole('button', { name: 'Close', exact: true }).click()
  })

  for (const width of WIDTHS) {
    it(`at ${width} px: the page, the wallet bar and the list fit`, async () => {
      await page.setViewportSize({ width, height: 1200 })
      await expectGoodLayout(page, 'body', `demo-${width}`)
    })
  }

  // The page stays light; the widget's own theme changes. 'auto' follows the system: dark here.
  it.each(['light', 'dark', 'auto'] as const)(
    'theme="%s" on a light page: every text meets AA',
    async (theme) => {
      await page.setViewportSize({ width: 1280, height: 900 })
      await page.emulateMedia({ colorScheme: theme === 'auto' ? 'dark' : 'light' })
      await page.getByLabel('Theme').selectOption(theme)
      await expectGoodContrast(page, '.widget-column', `demo-theme-${theme}`)
      const bar = await page.locator('.scrw-wallet').evaluate((el) => getComputedStyle(el).backgroundColor)
      expect(bar).not.toBe('rgba(0, 0, 0, 0)')
    },
  )
})
