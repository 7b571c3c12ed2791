/**
 * The devnet-restart story in the widget (docs/ARCHITECTURE.md §5), in Debian's Chromium on the demo dapp against a
 * real devnet: three transfers sent from the dapp wait for a relay; the devnet restarts with the history kept; the
 * old rows say plainly that the chain was reset and offer no Relay; a transfer sent after the restart — whose message
 * hash equals the first one's, because nonces start again — is tracked at its new position and relayed; one old row
 * is removed from the keyboard through its confirmation, and the reset chain's history is cleared.
 * Screenshots go to test-results/widget-restart/.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import type { Page } from 'playwright-core'
import { parseAbi, parseEther, type Hex } from 'viem'
import { createServer, type ViteDevServer } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { getFreePort } from '../../devnet/ports'
import { demoUrl } from '../../examples/demo/settings'
import { launchChromium, type LaunchedBrowser } from '../fixtures/browser'
import { MOCK, startTestDevnet, type TestDevnet } from '../fixtures/devnet'
import { messageRow, rowStatus, rowsWithStatus } from '../fixtures/messageRows'

const repo = fileURLToPath(new URL('../..', import.meta.url))
const SHOTS = join(repo, 'test-results/widget-restart')

let devnet: TestDevnet
let demo: ViteDevServer
let demoBase: string
let browser: LaunchedBrowser
let page: Page
let rpcUrls: Record<number, string>
const errors: string[] = []
/** The three transfers sent before the restart, by nonce. */
let before: Hex[] = []

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true })
  const demoPort = await getFreePort()
  ;[devnet, browser] = await Promise.all([startTestDevnet(), launchChromium()])
  rpcUrls = Object.fromEntries(devnet.chains.map((c) => [c.id, c.rpcUrl]))
  demo = await createServer({
    configFile: join(repo, 'vite.config.ts'),
    mode: 'demo',
    logLevel: 'error',
    cacheDir: join(SHOTS, '.vite'),
    server: { port: demoPort, strictPort: true, host: '127.0.0.1' },
  })
  await demo.listen()
  demoBase = `http://127.0.0.1:${demoPort}/`
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await demo?.close()
  await devnet?.stop()
})

/** 1000 MOCK for account #0 on 901, straight through the devnet (minting is not what this test is about). */
async function mint(): Promise<void> {
  const hash = await devnet.walletClient(901).writeContract({
    address: MOCK,
    abi: parseAbi(['function mint(address to, uint256 amount)']),
    functionName: 'mint',
    args: [devnet.accounts[0].address, parseEther('1000')],
    account: devnet.account(0),
    chain: devnet.chain(901).chain,
  })
  await devnet.publicClient(901).waitForTransactionReceipt({ hash })
}

async function confirmInWallet(): Promise<void> {
  const wallet = page.getByRole('dialog', { name: /confirm transaction$/ })
  await wallet.waitFor()
  await wallet.getByRole('button', { name: 'Confirm' }).click()
  await wallet.waitFor({ state: 'detached' })
}

/** Send 10 MOCK 901 → 902 from the dapp; the dapp hands the transaction to the widget, which tracks it. */
async function sendFromDapp(): Promise<void> {
  const send = page.getByRole('button', { name: 'Send 10 MOCK to Devnet L2 B' })
  await expect.poll(() => send.isEnabled(), { timeout: 20_000 }).toBe(true)
  await send.click()
  await confirmInWallet()
  await page
    .getByText(/the widget tracks 1 message/)
    .last()
    .waitFor()
}

const row = (hash: Hex) => messageRow(page, hash)
const statusOf = (hash: Hex) => rowStatus(page, hash)

async function shots(name: string): Promise<void> {
  // The demo page's own Theme picker sets the widget's theme; the page follows the colour scheme.
  const picker = page.getByLabel('Theme')
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    await picker.selectOption(scheme)
    await page.locator(`.scr-root[data-theme="${scheme}"]`).waitFor()
    await page.locator('.scr-root').screenshot({ path: join(SHOTS, `${name}-${scheme}.png`) })
  }
  await page.emulateMedia({ colorScheme: 'light' })
  await picker.selectOption('light')
}

describe('widget: restarting the devnet with the history kept', () => {
  it('before: three transfers wait for a relay', async () => {
    await mint()
    page = await browser.context.newPage()
    page.on('pageerror', (error) => errors.push(error.message))
    await page.setViewportSize({ width: 360, height: 900 })
    await page.goto(demoUrl(demoBase, rpcUrls))
    await page.getByRole('button', { name: 'Connect Devnet Test Wallet', exact: true }).click()
    await page.getByText(devnet.accounts[0].address).first().waitFor()
    for (let i = 0; i < 3; i++) await sendFromDapp()
    const ready = rowsWithStatus(page, 'ready')
    await expect.poll(() => ready.count(), { timeout: 30_000 }).toBe(3)
    before = (await ready.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-hash')))) as Hex[]
    expect(new Set(before).size).toBe(3)
  })

  it('after the restart the old rows say the chain was reset, with no Relay', async () => {
    await devnet.restart()
    for (const hash of before) {
      await expect.poll(() => statusOf(hash), { timeout: 60_000 }).toBe('vanished')
      expect(await row(hash).locator('.scr-row-note').textContent()).toBe(
        'No longer exists: Devnet L2 A was reset',
      )
      expect(
        await row(hash)
          .getByRole('button', { name: /^Relay/ })
          .count(),
      ).toBe(0)
      await row(hash)
        .getByRole('button', { name: /^Remove .* from the list…$/ })
        .waitFor()
    }
    await page
      .getByRole('status', { name: 'Reset chains' })
      .getByText('Devnet L2 A was reset: 3 transfers sent on it before no longer exist.')
      .waitFor()
    await shots('vanished-360')
  })

  it('a transfer sent after the restart, with the same hash as the first, is tracked and relays', async () => {
    await mint()
    await sendFromDapp()
    // Nonces start again at 0 on the new chain: the same sender, recipient and amount give the same message hash.
    const ready = rowsWithStatus(page, 'ready')
    await expect.poll(() => ready.count(), { timeout: 30_000 }).toBe(1)
    const again = (await ready.getAttribute('data-hash')) as Hex
    expect(before).toContain(again)
    await expect
      .poll(() => page.getByRole('status', { name: 'Reset chains' }).textContent())
      .toContain('2 transfers sent on it before no longer exist.')
    await shots('same-hash-ready-360')

    await row(again)
      .getByRole('button', { name: /^Relay 10 MOCK to you/ })
      .click()
    const dialog = page.getByRole('dialog', { name: 'Relay message' })
    await dialog.getByText('Simulation passed: the relay succeeds if sent now.').waitFor({ timeout: 20_000 })
    await dialog.getByRole('button', { name: 'Sign and relay' }).click()
    await confirmInWallet()
    await dialog.getByText('10 MOCK arrived on Devnet L2 B.').waitFor({ timeout: 30_000 })
    await dialog.getByRole('button', { name: 'Done' }).click()
    await expect.poll(() => statusOf(again)).toMatch(/^(relayed|finalized)$/)
    before = before.filter((h) => h !== again)
  })

  it('removes one old row from the keyboard, after a confirmation saying nothing on chain changes', async () => {
    const [gone, kept] = before as [Hex, Hex]
    const dialog = page.getByRole('dialog', { name: 'Remove from the list?' })
    // Enter on the focused button, from the keyboard. A poll landing between focus and key (a busy machine) may
    // redraw the row; the key is then pressed again on the redrawn button.
    const openFromKeyboard = () =>
      expect
        .poll(
          async () => {
            if (await dialog.isVisible()) return true
            await row(gone)
              .getByRole('button', { name: /^Remove .* from the list…$/ })
              .press('Enter')
            return dialog.isVisible()
          },
          { timeout: 30_000 },
        )
        .toBe(true)
    await openFromKeyboard()
    expect(await dialog.textContent()).toContain(
      'Superchain Relay stops tracking this message; nothing on chain changes.',
    )
    expect(await dialog.textContent()).toContain('Devnet L2 A was reset: this message no longer exists there')
    await shots('remove-dialog-360')
    // Escape cancels and keeps the row.
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    expect(await row(gone).count()).toBe(1)

    await openFromKeyboard()
    const remove = dialog.getByRole('button', { name: 'Remove', exact: true })
    for (
      let i = 0;
      i < 5 && !(await remove.evaluate((b) => b === (b.getRootNode() as Document).activeElement));
      i++
    ) {
      await page.keyboard.press('Tab')
    }
    await page.keyboard.press('Enter')
    await dialog.waitFor({ state: 'detached' })
    await expect.poll(() => row(gone).count()).toBe(0)
    expect(await row(kept).count()).toBe(1)
    // Focus is not lost to the page: it is back in the widget. The dialog hands it back as it closes, but the button
    // that opened it went with the removed row, so the fallback (the first row) is focused a moment after the list
    // redraws: wait for it rather than read the instant the row is gone.
    await expect
      .poll(() => page.evaluate(() => !!document.activeElement?.closest('.scr-root')), { timeout: 5_000 })
      .toBe(true)
  })

  it("clears the reset chain's history from the reset notice, naming the chain and the count", async () => {
    const [kept] = before as [Hex]
    await page.getByRole('button', { name: 'Clear the history of Devnet L2 A…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Clear the history of Devnet L2 A?' })
    await dialog.waitFor()
    // The delivered transfer and the one still gone: both are from Devnet L2 A.
    expect(await dialog.textContent()).toContain(
      'Superchain Relay stops tracking the 2 messages from or to Devnet L2 A (chain 901); nothing on chain changes.',
    )
    await shots('clear-dialog-360')
    await dialog.getByRole('button', { name: 'Clear 2 messages' }).click()
    await dialog.waitFor({ state: 'detached' })
    await expect.poll(() => row(kept).count()).toBe(0)
    expect(await page.getByRole('status', { name: 'Reset chains' }).count()).toBe(0)
    await page.setViewportSize({ width: 1280, height: 900 })
    await shots('cleared-1280')
    expect(errors).toEqual([])
  })
})
