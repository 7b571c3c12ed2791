/// <reference types="chrome" />
/**
 * The devnet-restart story in the extension popup (docs/ARCHITECTURE.md §5), with the built extension
 * (dist/extension) in Debian's Chromium against a real devnet: three transfers of the watched account wait for a
 * relay; the devnet restarts with the history kept; the old rows say plainly that the chain was reset and offer no
 * Relay; a transfer sent after the restart — whose message hash equals the first one's — is found by the account
 * scan at its new position and relayed with the relay account; one old row is removed from the keyboard through
 * its confirmation, and the reset chain's history is cleared. The popup is 360 px wide; screenshots in light and
 * dark go to test-results/popup-restart/.
 */
import { execSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import type { Page } from 'playwright-core'
import { parseEther, type Address, type Hex } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { launchChromium, type LaunchedBrowser } from '../fixtures/browser'
import { findLowContrast } from '../fixtures/contrast'
import { startTestDevnet, type TestDevnet } from '../fixtures/devnet'
import { callBackground } from '../fixtures/extensionRequests'
import { findLayoutProblems } from '../fixtures/layout'
import { messageRow, rowStatus, rowsWithStatus } from '../fixtures/messageRows'
import { readIndexedDb, scannedSince, writeIndexedDb } from '../fixtures/pageIndexedDb'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const EXTENSION_DIR = `${ROOT}dist/extension`
const SHOTS = `${ROOT}test-results/popup-restart`
const PASSWORD = 'correct horse battery'
/** The extension's IndexedDB. */
const DB = 'superchain-relay'

let devnet: TestDevnet
let browser: LaunchedBrowser
let extensionId: string
let options: Page
let popup: Page
let relayAccount: Address
/** The three transfers sent before the restart. */
let before: Hex[] = []

beforeAll(async () => {
  if (!existsSync(`${EXTENSION_DIR}/manifest.json`)) {
    execSync('npm run build:extension', { cwd: ROOT, stdio: 'inherit', timeout: 120_000 })
  }
  ;[devnet, browser] = await Promise.all([startTestDevnet(), launchChromium({ extensionDir: EXTENSION_DIR })])
  extensionId = browser.extension!.id
  mkdirSync(SHOTS, { recursive: true })
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await devnet?.stop()
})

const row = (hash: Hex) => messageRow(popup, hash)
const statusOf = (hash: Hex) => rowStatus(popup, hash)

/**
 * Screenshots in light and dark at 360 px, after checking what appearance.test.ts checks for the plain list: at 320
 * and 360 px nothing is cut off or scrolls sideways, and in both themes every text meets WCAG AA.
 */
async function shots(name: string): Promise<void> {
  for (const width of [320, 360]) {
    await popup.setViewportSize({ width, height: 600 })
    expect(await popup.evaluate(findLayoutProblems, 'body'), `${name} at ${width} px`).toEqual([])
  }
  for (const scheme of ['light', 'dark'] as const) {
    await popup.emulateMedia({ colorScheme: scheme })
    await popup.screenshot({ path: `${SHOTS}/${name}-${scheme}.png` })
    expect(await popup.evaluate(findLowContrast, 'body'), `${name} in ${scheme}`).toEqual([])
  }
  await popup.emulateMedia({ colorScheme: 'light' })
}

describe('popup: restarting the devnet with the history kept', () => {
  it('before: the watched account sends three transfers; the popup shows them waiting for a relay', async () => {
    options = await browser.context.newPage()
    await options.goto(`chrome-extension://${extensionId}/options.html`)
    const chainForm = options.getByRole('form', { name: 'Add a chain' })
    for (const chain of devnet.chains) {
      await chainForm.getByLabel('Chain id').fill(String(chain.id))
      await chainForm.getByLabel('Name').fill(chain.name.replace(/^Supersim /, 'Devnet '))
      await chainForm.getByLabel('RPC URL').fill(chain.rpcUrl)
      await chainForm.getByRole('button', { name: 'Add chain' }).click()
      await expect
        .poll(() => options.locator(`li[data-chain-id="${chain.id}"]`).textContent())
        .toContain(chain.rpcUrl)
    }
    await options.getByLabel('Account address').fill(devnet.accounts[0].address)
    await options.getByRole('button', { name: 'Add account' }).click()
    await options
      .getByRole('list', { name: 'Watched accounts' })
      .getByText(devnet.accounts[0].address)
      .waitFor()
    await options.getByLabel('New password').fill(PASSWORD)
    await options.getByLabel('Repeat the password').fill(PASSWORD)
    await options.getByRole('button', { name: 'Create relay account' }).click()
    const shown = options.getByLabel('Relay account address')
    await expect.poll(() => shown.count()).toBe(1)
    relayAccount = (await shown.textContent()) as Address

    for (let i = 0; i < 3; i++) await devnet.sendMock()
    popup = await browser.context.newPage()
    await popup.setViewportSize({ width: 360, height: 600 })
    await popup.goto(`chrome-extension://${extensionId}/popup.html`)
    const ready = rowsWithStatus(popup, 'ready')
    await expect.poll(() => ready.count(), { timeout: 40_000 }).toBe(3)
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
    }
    await popup
      .getByRole('status', { name: 'Reset chains' })
      .getByText('Devnet L2 A was reset: 3 transfers sent on it before no longer exist.')
      .waitFor()
    // The restart's one-off "Can't reach" goes once the chain answers again, rather than staying on screen.
    await expect.poll(() => popup.getByText(/Can.t reach/).count(), { timeout: 30_000 }).toBe(0)
    await shots('vanished-360')
  })

  it('a transfer sent after the restart, with the same hash as the first, is found and relays', async () => {
    const fund = await devnet.walletClient(902).sendTransaction({
      to: relayAccount,
      value: parseEther('1'),
      account: devnet.account(0),
      chain: devnet.chain(902).chain,
    })
    await devnet.publicClient(902).waitForTransactionReceipt({ hash: fund })
    await devnet.sendMock()
    // Found by the account scan (its cursors were reset with the chain), at its new position, under the old hash.
    const ready = rowsWithStatus(popup, 'ready')
    await expect.poll(() => ready.count(), { timeout: 60_000 }).toBe(1)
    const again = (await ready.getAttribute('data-hash')) as Hex
    expect(before).toContain(again)
    await shots('same-hash-ready-360')
    // Any row, not only a gone one, can be removed: expanded, it offers "Remove from list…" under its timeline.
    await row(again).locator('.scr-row-summary').click()
    await popup
      .getByRole('button', { name: /^Remove 0 MOCK to .* from the list…$/ })
      .last()
      .waitFor()
    await shots('expanded-ready-360')
    await row(again).locator('.scr-row-summary').click()

    await row(again)
      .getByRole('button', { name: /^Relay / })
      .click()
    const dialog = popup.getByRole('dialog', { name: 'Relay message' })
    await expect.poll(() => dialog.textContent(), { timeout: 20_000 }).toContain('Simulation passed')
    await dialog.getByRole('button', { name: 'Sign and relay' }).click()
    await expect
      .poll(() => dialog.textContent(), { timeout: 30_000 })
      .toMatch(/Relay sent on Devnet L2 B|Delivered ✓/)
    await dialog.getByRole('button', { name: 'Done' }).click()
    await expect.poll(() => statusOf(again), { timeout: 30_000 }).toMatch(/^(relayed|finalized)$/)
    before = before.filter((h) => h !== again)
  })

  it('removes one old row from the keyboard, after a confirmation saying nothing on chain changes', async () => {
    const [gone, kept] = before as [Hex, Hex]
    await row(gone)
      .getByRole('button', { name: /^Remove .* from the list…$/ })
      .focus()
    await popup.keyboard.press('Enter')
    const dialog = popup.getByRole('dialog', { name: 'Remove from the list?' })
    await dialog.waitFor()
    expect(await dialog.textContent()).toContain(
      'Superchain Relay stops tracking this message; nothing on chain changes.',
    )
    await shots('remove-dialog-360')
    const remove = dialog.getByRole('button', { name: 'Remove', exact: true })
    for (let i = 0; i < 5 && !(await remove.evaluate((b) => b === document.activeElement)); i++) {
      await popup.keyboard.press('Tab')
    }
    await popup.keyboard.press('Enter')
    await dialog.waitFor({ state: 'detached' })
    await expect.poll(() => row(gone).count()).toBe(0)
    expect(await row(kept).count()).toBe(1)
  })

  it("clears the reset chain's history, naming the chain and the count", async () => {
    const [kept] = before as [Hex]
    await popup.getByRole('button', { name: 'Clear the history of Devnet L2 A…' }).click()
    const dialog = popup.getByRole('dialog', { name: 'Clear the history of Devnet L2 A?' })
    await dialog.waitFor()
    expect(await dialog.textContent()).toContain(
      'Superchain Relay stops tracking the 2 messages from or to Devnet L2 A (chain 901); nothing on chain changes.',
    )
    await shots('clear-dialog-360')
    const clearedAt = Date.now()
    await dialog.getByRole('button', { name: 'Clear 2 messages' }).click()
    await dialog.waitFor({ state: 'detached' })
    await expect.poll(() => row(kept).count()).toBe(0)
    expect(await popup.getByRole('status', { name: 'Reset chains' }).count()).toBe(0)
    // Gone for good: a vanished transfer is not on the chain, so no scan brings it back — looked at after one has run.
    await scannedSince(options, DB, 901, clearedAt)
    expect(await row(kept).count()).toBe(0)
    await shots('cleared-360')
  })

  it("clears a chain's history from the options page too, where the chains are managed", async () => {
    const history = options.getByRole('region', { name: 'History' })
    await history.getByLabel('Chain to clear').selectOption('902')
    await history.getByRole('button', { name: 'Clear history…' }).click()
    const confirm = history.getByRole('group', { name: 'Clear the history of Devnet L2 B' })
    // Whatever the scan found again since: the count is the store's, and the words say what clearing means.
    await expect
      .poll(() => confirm.textContent())
      .toMatch(
        /(Stop tracking the \d+ messages? from or to Devnet L2 B \(chain 902\)\? Nothing on chain changes\.|No message from or to Devnet L2 B is tracked)/,
      )
    await confirm.getByRole('button', { name: /^Clear/ }).click()
    await expect
      .poll(() => history.getByRole('status').textContent())
      .toMatch(/^Cleared \d+ messages? from or to Devnet L2 B\.$/)
    await options.screenshot({ path: `${SHOTS}/options-cleared.png`, fullPage: true })
  })

  it('tells once that a retired network’s chains were removed, in the options page and the popup', async () => {
    // What the start-up migration leaves in the store after dropping the interop-alpha chains.
    await writeIndexedDb(
      options,
      DB,
      'settings',
      [
        {
          id: 'retired:interopAlpha',
          kind: 'retiredNetwork',
          network: 'Interop alpha testnet',
          chains: [{ id: 420120000, name: 'Interop Alpha 0' }],
          at: Date.now(),
          text: 'Removed Interop Alpha 0 (420120000) from your chains.',
        },
      ],
      'chainNotices',
    )
    const sentence =
      'Interop alpha testnet was retired; its chain was removed. No message of yours was tracked on it.'
    const notices = (page: Page) => page.getByRole('list', { name: 'Changes to your chains' })
    await popup.reload()
    await notices(popup).getByText(sentence).waitFor()
    await options.reload()
    await notices(options).getByText(sentence).waitFor()
    await options.getByRole('button', { name: 'Dismiss: Interop alpha testnet was retired' }).click()
    await expect.poll(() => notices(options).count()).toBe(0)
    // Dismissed in the store: the setting is empty, and neither page shows it again.
    const stored = () => readIndexedDb(options, DB, 'settings', 'get', 'chainNotices')
    await expect.poll(stored).toEqual([])
    for (const page of [options, popup]) {
      await page.reload()
      await page.getByRole('heading').first().waitFor()
      // What the page's list is drawn from: once that is empty, no drawing of this page can show the notice.
      expect(await callBackground(page, 'chainNotices')).toEqual([])
      expect(await notices(page).count()).toBe(0)
    }
  })
})
