/**
 * The Firefox build (dist/firefox) in Debian's Firefox ESR, driven over WebDriver BiDi, against a devnet with no
 * autorelayer: the background starts as an event page, is unloaded when idle and comes back with its state (the
 * tracked messages, chains and accounts in IndexedDB; the unlocked relay account in storage.session); the popup
 * lists a transfer sent on the devnet; and a relay with the built-in relay account goes ready → relayed.
 *
 * Firefox unloads an idle event page after `extensions.background.idle.timeout` (30 s by default); the test lowers
 * it so the unload happens within seconds. How a test reaches the pages: test/fixtures/firefox.ts.
 */
import { execSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import type { Page } from 'puppeteer-core'
import { parseAbi, parseEther, type Address, type Hex } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { MOCK, startTestDevnet, type TestDevnet } from '../fixtures/devnet'
import { launchFirefox, type LaunchedFirefox } from '../fixtures/firefox'
import { MESSAGE_ROW, messageRowSelector, ROW_STATUS } from '../fixtures/messageRows'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const EXTENSION_DIR = `${ROOT}dist/firefox`
const SCREENSHOTS = `${ROOT}test-results/firefox`
const PASSWORD = 'correct horse battery'
/** Short enough to see the background unloaded within the test, long enough for any one call to finish. */
const IDLE_TIMEOUT_MS = 2_000
const tokenAbi = parseAbi([
  'function mint(address to, uint256 amount)',
  'function balanceOf(address) view returns (uint256)',
])

let devnet: TestDevnet
let firefox: LaunchedFirefox
let options: Page
let popup: Page
let relayAccount: Address
let messageHash: Hex

/** The WebExtension API of an extension page (Firefox's own `browser`), for reading state the test checks. */
declare const browser: {
  storage: { session: { get(key: string): Promise<Record<string, unknown>> } }
  action: { getBadgeText(details: object): Promise<string> }
  tabs: { create(options: { url: string }): Promise<unknown> }
}

/** How many times the background started (it counts itself in storage.session; reading it does not wake it). */
function backgroundStarts(page: Page): Promise<number> {
  return page.evaluate(async () =>
    Number((await browser.storage.session.get('workerStarts')).workerStarts ?? 0),
  )
}

const text = (page: Page, selector: string) =>
  page.$eval(selector, (element) => element.textContent ?? '').catch(() => '')
const alerts = (page: Page) =>
  page.$$eval('[role="alert"]', (elements) => elements.map((element) => element.textContent ?? ''))

async function fill(page: Page, selector: string, value: string): Promise<void> {
  await page.locator(selector).fill(value)
}

beforeAll(async () => {
  if (!existsSync(`${EXTENSION_DIR}/manifest.json`)) {
    execSync('npm run build:firefox', { cwd: ROOT, stdio: 'inherit', timeout: 120_000 })
  }
  devnet = await startTestDevnet()
  const mint = await devnet.walletClient(901).writeContract({
    address: MOCK,
    abi: tokenAbi,
    functionName: 'mint',
    args: [devnet.accounts[0].address, parseEther('1000')],
    account: devnet.account(0),
    chain: devnet.chain(901).chain,
  })
  await devnet.publicClient(901).waitForTransactionReceipt({ hash: mint })
  firefox = await launchFirefox({ extensionDir: EXTENSION_DIR, backgroundIdleTimeoutMs: IDLE_TIMEOUT_MS })
  mkdirSync(SCREENSHOTS, { recursive: true })
}, 120_000)

afterAll(async () => {
  await firefox?.close()
  await devnet?.stop()
})

describe('the extension in Firefox', () => {
  it('starts its background on install and opens the options page, where it is configured', async () => {
    // Opened by the extension itself on install (BiDi cannot navigate to a moz-extension:// page).
    options = await firefox.extensionPage('options.html')
    expect(await backgroundStarts(options)).toBeGreaterThanOrEqual(1)

    for (const chain of devnet.chains) {
      await fill(options, '#chain-id', String(chain.id))
      await fill(options, '#chain-name', chain.name.replace(/^Supersim /, 'Devnet '))
      await fill(options, '#chain-rpc', chain.rpcUrl)
      await options.locator('form[aria-label="Add a chain"] button[type="submit"]').click()
      await expect.poll(() => text(options, `li[data-chain-id="${chain.id}"]`)).toContain(chain.rpcUrl)
    }

    await fill(options, '[aria-label="Account address"]', '0x1234')
    await options.locator('::-p-text(Add account)').click()
    await expect
      .poll(() => alerts(options))
      .toContainEqual(expect.stringMatching(/'0x1234' is not an account address/))
    await fill(options, '[aria-label="Account address"]', devnet.accounts[0].address)
    await options.locator('::-p-text(Add account)').click()
    await expect
      .poll(() => text(options, '[aria-label="Watched accounts"]'))
      .toContain(devnet.accounts[0].address) // checksummed, as wallets show it

    await fill(options, '[aria-label="Grace period in seconds"]', '0')
    await options.locator('::-p-text(Save)').click()
    await expect.poll(() => text(options, 'body')).toContain('Saved.')
  })

  it('creates the relay account (WebCrypto PBKDF2 + AES-GCM in Firefox) and reads its balance once funded', async () => {
    await fill(options, '[aria-label="New password"]', PASSWORD)
    await fill(options, '[aria-label="Repeat the password"]', PASSWORD)
    await options.locator('::-p-text(Create relay account)').click()
    await expect
      .poll(() => text(options, '[aria-label="Relay account address"]'), { timeout: 15_000 })
      .toMatch(/^0x[0-9a-fA-F]{40}$/)
    relayAccount = (await text(options, '[aria-label="Relay account address"]')) as Address

    const fund = await devnet.walletClient(902).sendTransaction({
      to: relayAccount,
      value: parseEther('1'),
      account: devnet.account(0),
      chain: devnet.chain(902).chain,
    })
    await devnet.publicClient(902).waitForTransactionReceipt({ hash: fund })
    await options.locator('::-p-text(Refresh balances)').click()
    await expect
      .poll(() => text(options, '[aria-label="Relay account balances"] li[data-chain-id="902"]'))
      .toContain('1 ETH')
  })

  it('is unloaded when idle and comes back with its state: the popup lists a transfer sent meanwhile', async () => {
    const starts = await backgroundStarts(options)
    // Nothing talks to the background now: Firefox unloads it after the idle timeout.
    await new Promise((resolve) => setTimeout(resolve, IDLE_TIMEOUT_MS * 3))
    const receipt = await devnet.sendMock({ amount: parseEther('10') })
    expect(receipt.status).toBe('success')

    // Opening the popup wakes the background: a new start, rebuilt from storage.
    await options.evaluate(async () => {
      await browser.tabs.create({ url: '/popup.html' })
    })
    popup = await firefox.extensionPage('popup.html')
    await popup.setViewport({ width: 380, height: 600 })
    await expect
      .poll(
        () =>
          popup.$eval(`${MESSAGE_ROW} ${ROW_STATUS}`, (e) => e.getAttribute('data-status')).catch(() => null),
        {
          timeout: 30_000,
        },
      )
      .toBe('ready')
    expect(await backgroundStarts(popup)).toBeGreaterThan(starts)
    messageHash = (await popup.$eval(MESSAGE_ROW, (e) => e.getAttribute('data-hash'))) as Hex
    expect(await text(popup, MESSAGE_ROW)).toContain('10 MOCK')
    await expect.poll(() => popup.evaluate(() => browser.action.getBadgeText({}))).toBe('1')
    await popup.screenshot({ path: `${SCREENSHOTS}/popup-ready.png` })
  }, 120_000)

  it('relays it with the relay account, still unlocked after the restart: ready → relayed', async () => {
    await popup.locator('button[aria-label^="Relay 10 MOCK"]').click()
    await expect
      .poll(() => text(popup, '[role="dialog"]'), { timeout: 20_000 })
      .toContain('Simulation passed')
    expect(
      await popup.$eval(
        '[role="dialog"] input[type="radio"]:checked',
        (e) => e.closest('label')?.textContent ?? '',
      ),
    ).toMatch(/Relay account/)
    await popup.screenshot({ path: `${SCREENSHOTS}/popup-relay-dialog.png` })

    await popup.locator('[role="dialog"] ::-p-text(Sign and relay)').click()
    await expect
      .poll(() => text(popup, '[role="dialog"]'), { timeout: 30_000 })
      .toMatch(/Relay sent on Devnet L2 B|Delivered ✓/)
    await popup.locator('[role="dialog"] ::-p-text(Done)').click()

    const status = () =>
      popup
        .$eval(`${messageRowSelector(messageHash)} ${ROW_STATUS}`, (e) => e.getAttribute('data-status'))
        .catch(() => null)
    await expect.poll(status, { timeout: 30_000 }).toMatch(/^(relayed|finalized)$/)
    const balance = await devnet.publicClient(902).readContract({
      address: MOCK,
      abi: tokenAbi,
      functionName: 'balanceOf',
      args: [devnet.accounts[1].address],
    })
    expect(balance).toBe(parseEther('10'))
    await expect.poll(() => popup.evaluate(() => browser.action.getBadgeText({}))).toBe('')
    await popup.screenshot({ path: `${SCREENSHOTS}/popup-relayed.png` })
  })
})
