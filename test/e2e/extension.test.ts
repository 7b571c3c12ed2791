/// <reference types="chrome" />
/**
 * The built extension (dist/extension) in Debian's Chromium against a devnet with no autorelayer: configure it from
 * the options page, send a SuperchainERC20 transfer, see it stuck in the popup (and notified), relay it with the
 * built-in relay account from the popup's Relay dialog, and follow it to finalized — stopping the service worker
 * before it has polled and again in the middle of the relay, to show nothing lives only in its memory.
 */
import { execSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import { sendSuperchainERC20 } from '@eth-optimism/viem/actions/interop'
import type { Page } from 'playwright-core'
import { parseAbi, parseEther, type Address, type Hex } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { launchChromium, type LaunchedBrowser } from '../fixtures/browser'
import { startTestDevnet, type TestDevnet } from '../fixtures/devnet'
import { messageRow, messageRows, rowStatus } from '../fixtures/messageRows'
import { readIndexedDb, writeIndexedDb } from '../fixtures/pageIndexedDb'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const EXTENSION_DIR = `${ROOT}dist/extension`
const SCREENSHOTS = `${ROOT}test-results/extension`
const TOKEN = '0x420beeF000000000000000000000000000000001' as const
const tokenAbi = parseAbi([
  'function mint(address to, uint256 amount)',
  'function balanceOf(address) view returns (uint256)',
])
const PASSWORD = 'correct horse battery'

let devnet: TestDevnet
let browser: LaunchedBrowser
let extensionId: string
let options: Page
let popup: Page
let sender: Address
let recipient: Address
let relayAccount: Address
let messageHash: Hex

/** How many times the background's worker started (it counts itself in chrome.storage.session). */
async function workerStarts(page: Page): Promise<number> {
  return page.evaluate(async () =>
    Number((await chrome.storage.session.get('workerStarts')).workerStarts ?? 0),
  )
}

/** Stop every service worker, as Chrome does to an idle one; the next event must bring everything back. */
async function stopServiceWorkers(page: Page): Promise<void> {
  const cdp = await browser.context.newCDPSession(page)
  await cdp.send('ServiceWorker.enable')
  await cdp.send('ServiceWorker.stopAllWorkers')
  await cdp.detach()
}

/** Reads chrome.storage / chrome.action from an extension page (the worker may be stopped). */
async function extensionState(page: Page) {
  return page.evaluate(async () => ({
    notified: ((await chrome.storage.local.get('notified')).notified ?? {}) as Record<
      string,
      { kind: string }
    >,
    badge: await chrome.action.getBadgeText({}),
  }))
}

beforeAll(async () => {
  if (!existsSync(`${EXTENSION_DIR}/manifest.json`)) {
    execSync('npm run build:extension', { cwd: ROOT, stdio: 'inherit', timeout: 120_000 })
  }
  devnet = await startTestDevnet()
  sender = devnet.accounts[0].address
  recipient = devnet.accounts[1].address
  const mint = await devnet.walletClient(901).writeContract({
    address: TOKEN,
    abi: tokenAbi,
    functionName: 'mint',
    args: [sender, parseEther('1000')],
    account: devnet.account(0),
    chain: devnet.chain(901).chain,
  })
  await devnet.publicClient(901).waitForTransactionReceipt({ hash: mint })
  browser = await launchChromium({ extensionDir: EXTENSION_DIR })
  extensionId = browser.extension!.id
  mkdirSync(SCREENSHOTS, { recursive: true })
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await devnet?.stop()
})

describe('the extension', () => {
  it('is configured from the options page, with clear errors for a bad RPC and a bad address', async () => {
    options = await browser.context.newPage()
    await options.goto(`chrome-extension://${extensionId}/options.html`)
    const chainForm = options.getByRole('form', { name: 'Add a chain' })

    // The devnet runs on free ports: point chains 901 and 902 at it (same id = replace the preset's URL).
    for (const chain of devnet.chains) {
      await chainForm.getByLabel('Chain id').fill(String(chain.id))
      await chainForm.getByLabel('Name').fill(chain.name.replace(/^Supersim /, 'Devnet '))
      await chainForm.getByLabel('RPC URL').fill(chain.rpcUrl)
      await chainForm.getByRole('button', { name: 'Add chain' }).click()
      await expect
        .poll(() => options.locator(`li[data-chain-id="${chain.id}"]`).textContent())
        .toContain(chain.rpcUrl)
    }

    await chainForm.getByLabel('Chain id').fill('903')
    await chainForm.getByLabel('Name').fill('Nowhere')
    await chainForm.getByLabel('RPC URL').fill('http://127.0.0.1:1')
    await chainForm.getByRole('button', { name: 'Add chain' }).click()
    await expect
      .poll(() => options.getByRole('alert').allTextContents())
      .toContainEqual(expect.stringMatching(/RPC http:\/\/127\.0\.0\.1:1 is unreachable/))
    expect(await options.locator('li[data-chain-id="903"]').count()).toBe(0)

    await chainForm.getByLabel('RPC URL').fill('not a url')
    await chainForm.getByRole('button', { name: 'Add chain' }).click()
    await expect
      .poll(() => options.getByRole('alert').allTextContents())
      .toContainEqual(expect.stringMatching(/rpcUrl must be an http\/https\/ws\/wss URL/))

    const address = options.getByLabel('Account address')
    await address.fill('0x1234')
    await options.getByRole('button', { name: 'Add account' }).click()
    await expect
      .poll(() => options.getByRole('alert').allTextContents())
      .toContainEqual(expect.stringMatching(/'0x1234' is not an account address/))
    await address.fill(sender)
    await options.getByRole('button', { name: 'Add account' }).click()
    await expect
      .poll(() => options.getByRole('list', { name: 'Watched accounts' }).textContent())
      .toContain(sender) // checksummed, as wallets show it

    // No MetaMask in this profile: the background's provider says so instead of waiting forever.
    await options.getByRole('button', { name: 'Add from MetaMask' }).click()
    await expect
      .poll(() => options.getByRole('alert').allTextContents(), { timeout: 15_000 })
      .toContainEqual(expect.stringMatching(/MetaMask is not reachable: it is not installed/))

    // Notify at once instead of after a minute: this devnet has no autorelayer to wait for.
    await options.getByLabel('Grace period in seconds').fill('0')
    await options.getByRole('button', { name: 'Save' }).click()
    await expect.poll(() => options.getByText('Saved.').count()).toBe(1)
  })

  it('creates the relay account, locks and unlocks it, and reads its balance once funded', async () => {
    await options.getByLabel('New password').fill(PASSWORD)
    await options.getByLabel('Repeat the password').fill(PASSWORD)
    await options.getByRole('button', { name: 'Create relay account' }).click()
    const shown = options.getByLabel('Relay account address')
    await expect.poll(() => shown.count()).toBe(1)
    relayAccount = (await shown.textContent()) as Address
    expect(relayAccount).toMatch(/^0x[0-9a-fA-F]{40}$/)

    await options.getByRole('button', { name: 'Lock', exact: true }).click()
    await options.getByLabel('Password', { exact: true }).fill('not the password')
    await options.getByRole('button', { name: 'Unlock' }).click()
    await expect
      .poll(() => options.getByRole('alert').allTextContents())
      .toContainEqual(expect.stringMatching(/wrong password/))
    await options.getByLabel('Password', { exact: true }).fill(PASSWORD)
    await options.getByRole('button', { name: 'Unlock' }).click()
    await expect
      .poll(() => options.getByText(/^Unlocked · locks at \d{1,2}:\d{2}.* if unused$/).count())
      .toBe(1)

    const fund = await devnet.walletClient(902).sendTransaction({
      to: relayAccount,
      value: parseEther('1'),
      account: devnet.account(0),
      chain: devnet.chain(902).chain,
    })
    await devnet.publicClient(902).waitForTransactionReceipt({ hash: fund })
    await options.getByRole('button', { name: 'Refresh balances' }).click()
    await expect
      .poll(() => options.locator('li[data-chain-id="902"]').last().textContent())
      .toContain('1 ETH')
  })

  it('shows a stuck transfer as ready in the popup, badges and notifies it, after a worker restart', async () => {
    const tx = await sendSuperchainERC20(devnet.walletClient(901), {
      tokenAddress: TOKEN,
      to: recipient,
      amount: parseEther('10'),
      chainId: 902,
      account: devnet.account(0),
      chain: devnet.chain(901).chain,
    })
    await devnet.publicClient(901).waitForTransactionReceipt({ hash: tx })
    // Before the worker has polled: whatever it learns next must come from storage and the chains.
    const starts = await workerStarts(options)
    await stopServiceWorkers(options)

    popup = await browser.context.newPage()
    await popup.setViewportSize({ width: 380, height: 600 })
    await popup.goto(`chrome-extension://${extensionId}/popup.html`)
    const row = messageRows(popup).first()
    await expect
      .poll(() => row.locator('[data-status]').getAttribute('data-status'), { timeout: 20_000 })
      .toBe('ready')
    messageHash = (await row.getAttribute('data-hash')) as Hex
    expect(await workerStarts(popup)).toBeGreaterThan(starts)
    expect(await row.textContent()).toContain('10 MOCK')

    await expect
      .poll(async () => (await extensionState(popup)).notified[`ready:${messageHash}`]?.kind)
      .toBe('ready')
    expect((await extensionState(popup)).badge).toBe('1')
    await popup.screenshot({ path: `${SCREENSHOTS}/popup-ready-light.png` })
  })

  it('relays it with the relay account from the Relay dialog, surviving a worker stop mid-relay', async () => {
    await popup.getByRole('button', { name: /^Relay 10 MOCK/ }).click()
    const dialog = popup.getByRole('dialog')
    await expect.poll(() => dialog.textContent(), { timeout: 15_000 }).toContain('Simulation passed')
    expect(await dialog.getByRole('radio', { name: /Relay account/ }).isChecked()).toBe(true)
    await popup.emulateMedia({ colorScheme: 'dark' })
    await popup.screenshot({ path: `${SCREENSHOTS}/popup-relay-dialog-dark.png` })
    await popup.emulateMedia({ colorScheme: 'light' })

    const starts = await workerStarts(popup)
    await dialog.getByRole('button', { name: 'Sign and relay' }).click()
    await stopServiceWorkers(popup)
    await expect
      .poll(() => dialog.textContent(), { timeout: 30_000 })
      .toMatch(/Relay sent on Devnet L2 B|Delivered ✓/)
    expect(await workerStarts(popup)).toBeGreaterThan(starts)
    await dialog.getByRole('button', { name: 'Done' }).click()

    await expect
      .poll(() => rowStatus(popup, messageHash), { timeout: 20_000 })
      .toMatch(/^(relayed|finalized)$/)
    const balance = await devnet.publicClient(902).readContract({
      address: TOKEN,
      abi: tokenAbi,
      functionName: 'balanceOf',
      args: [recipient],
    })
    expect(balance).toBe(parseEther('10'))

    await devnet.mine(902, 6)
    await devnet.mine(901, 6)
    await expect.poll(() => rowStatus(popup, messageHash), { timeout: 20_000 }).toBe('finalized')
    // The popup hears of a status as the poll writes it; the same tick sets the badge and notifies only after the
    // poll (pollCycle.ts). If that tick also saw the relay land, both are a moment behind the row: wait for them.
    await expect
      .poll(async () => (await extensionState(popup)).notified[`relayed:${messageHash}`]?.kind, {
        timeout: 20_000,
      })
      .toBe('relayed')
    await expect.poll(async () => (await extensionState(popup)).badge, { timeout: 20_000 }).toBe('')

    await messageRow(popup, messageHash).locator('.scr-row-summary').click()
    await popup.screenshot({ path: `${SCREENSHOTS}/popup-light.png` })
    await popup.emulateMedia({ colorScheme: 'dark' })
    await popup.screenshot({ path: `${SCREENSHOTS}/popup-dark.png` })
  })

  it('exports the history, and rejects a bad import without losing anything', async () => {
    const history = options.getByRole('region', { name: 'History' })
    const download = options.waitForEvent('download')
    await history.getByRole('button', { name: 'Export history' }).click()
    const file = await (await download).path()
    const exported = JSON.parse(readFileSync(file, 'utf8')) as {
      messages: { hash: string; status: string }[]
    }
    expect(exported.messages).toMatchObject([{ hash: messageHash, status: 'finalized' }])

    const input = history.getByLabel('History file')
    await input.setInputFiles({
      name: 'bad.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format": 1'),
    })
    await expect
      .poll(() => history.getByRole('alert').allTextContents())
      .toContainEqual(
        expect.stringMatching(/^Nothing was imported: not a history file: the text is not valid JSON/),
      )
    await input.setInputFiles({
      name: 'history.json',
      mimeType: 'application/json',
      buffer: readFileSync(file),
    })
    await expect
      .poll(() => history.getByRole('status').textContent())
      .toBe('Imported: 0 added, 0 updated, 1 skipped.')
    await expect.poll(() => rowStatus(popup, messageHash)).toBe('finalized')
  })
  it('shows an unreadable record in its IndexedDB as one error row beside the list, and removes it', async () => {
    const bad = `0x${'bd'.repeat(32)}`
    // Written from an extension page, as a damaged profile or an older build's bug would leave it.
    await writeIndexedDb(options, 'superchain-relay', 'messages', {
      hash: bad,
      source: 'not a chain',
      status: 'exploded',
      nonce: -1,
    })
    await popup.reload()
    const errorRows = popup.locator('ul[aria-label="Stored records that could not be read"] li')
    await errorRows.first().waitFor({ timeout: 30_000 })
    expect(await errorRows.count()).toBe(1)
    expect(await errorRows.textContent()).toMatch(
      /A stored message could not be read\. .*(source|status|nonce)/,
    )
    expect(await errorRows.textContent()).toContain(bad)
    // The readable message still renders beside it: never a blank popup.
    await messageRow(popup, messageHash).waitFor()

    await errorRows.getByRole('button', { name: 'Remove it' }).click()
    await errorRows.first().waitFor({ state: 'detached', timeout: 30_000 })
    // Gone from the store, not only from this drawing: after a reload the error rows are read a moment after the
    // list, so an empty look there alone could not tell "removed" from "not read yet".
    const stored = async (hash: string) =>
      (await readIndexedDb<number>(options, 'superchain-relay', 'messages', 'count', hash)) > 0
    expect(await stored(bad)).toBe(false)
    expect(await stored(messageHash)).toBe(true)
    await popup.reload()
    await messageRow(popup, messageHash).waitFor()
    expect(await errorRows.count()).toBe(0)
  })
})
