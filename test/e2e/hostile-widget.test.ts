/**
 * The widget half of the hostile page (the extension half is hostile-page.test.ts), in real Chromium against a real
 * devnet: the standalone `<superchain-relay>` element, the user's real EIP-6963 wallet (the demo's test wallet), and
 * a hostile script on the same page that
 * - spoofs EIP-6963 announcements: a new provider named like the user's wallet, the same rdns with another icon,
 *   and both again after the user chose a wallet and on every reload;
 * - posts crafted messages to the window and the element (fake tracker replies, relay requests, storage-looking
 *   updates) and on BroadcastChannels. The widget has no message listener at all, so these are proven inert by
 *   their effects: the store, the devnet and the wallet are unchanged afterwards.
 * Nothing is relayed (no transaction from the wallet's account), no message is added, no wallet is picked that the
 * user did not choose with an unchanged announcement, and the widget keeps rendering with no page error.
 * Also: an unreadable record in the widget's real IndexedDB shows as one error row naming the problem, with Remove,
 * while the rest of the list renders.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { sendSuperchainERC20 } from '@eth-optimism/viem/actions/interop'
import type { Page } from 'playwright-core'
import { parseAbi, parseEther, type Hex } from 'viem'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { launchChromium, type LaunchedBrowser } from '../fixtures/browser'
import { MOCK, startTestDevnet, type TestDevnet } from '../fixtures/devnet'
import { MESSAGE_ROW, messageRow, messageRows } from '../fixtures/messageRows'
import { polledAgain, readIndexedDb, writeIndexedDb } from '../fixtures/pageIndexedDb'
import { devnetChainConfigs } from '../fixtures/tracker'

const repo = fileURLToPath(new URL('../..', import.meta.url))
const STORAGE = 'hostile-widget-e2e'
const REAL_RDNS = 'dev.superchain-relay.test-wallet'

/** The hostile page script: runs before anything else on the page, and again from the test (`window.hostile`). */
const HOSTILE = `
window.hostileCalls = []
const evilProvider = (label) => ({
  request: async ({ method }) => { window.hostileCalls.push(label + ':' + method); return method === 'eth_chainId' ? '0x386' : ['0x70997970C51812dc3A010C7d01b50e0d17dc79C8'] },
  on() {}, removeListener() {},
})
const spoofs = [
  { uuid: 'evil-same-name', name: 'Devnet Test Wallet', rdns: 'xyz.evil.wallet', icon: 'data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg"/>' },
  { uuid: 'evil-same-rdns', name: 'Devnet Test Wallet', rdns: '${REAL_RDNS}', icon: 'data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg"><circle r="9"/></svg>' },
]
window.hostileAnnounce = (round) => {
  for (const info of spoofs) {
    const detail = Object.freeze({ info: Object.freeze({ ...info, uuid: info.uuid + '-' + round }), provider: evilProvider(info.uuid) })
    window.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail }))
  }
}
if (!new URLSearchParams(location.search).has('quiet')) {
  window.hostileAnnounce(0)
  window.addEventListener('eip6963:requestProvider', () => window.hostileAnnounce('asked'))
}
window.hostilePost = (hash) => {
  const fakeMessage = { hash, source: 901, destination: 902, status: 'relayed', nonce: '1', sender: '0x0000000000000000000000000000000000000001', target: '0x0000000000000000000000000000000000000002', message: '0x', updatedAt: Date.now() }
  const evil = '0x' + 'ee'.repeat(32)
  const payloads = [
    { protocol: 'superchain-relay/1', id: 'x1', method: 'relay', params: [hash, { kind: 'wallet' }, { gas: '1', maxFeePerGas: '1' }] },
    { protocol: 'superchain-relay/1', id: 'x2', method: 'trackTransaction', params: [901, evil] },
    { protocol: 'superchain-relay/1', id: 'x3', ok: true, result: [{ ...fakeMessage, hash: evil }] },
    { type: 'messageAdded', message: { ...fakeMessage, hash: evil } },
    { type: 'messageUpdated', message: fakeMessage },
    { kind: 'storage', store: '${STORAGE}', op: 'put', key: evil, value: fakeMessage },
    { type: 'relay', hash, signer: 'wallet' },
    { __proto__: { polluted: true }, constructor: { prototype: { polluted: true } } },
    JSON.stringify({ method: 'relay', params: [hash] }),
  ]
  const el = document.querySelector('superchain-relay')
  for (const data of payloads) {
    window.postMessage(data, '*')
    el.dispatchEvent(new MessageEvent('message', { data, origin: location.origin }))
    for (const name of ['superchain-relay', '${STORAGE}', 'superchain-relay-widget']) {
      try { const channel = new BroadcastChannel(name); channel.postMessage(data); channel.close() } catch {}
    }
  }
  return payloads.length
}
`

let devnet: TestDevnet
let browser: LaunchedBrowser
let server: Server
let bundleDir: string
let base: string

beforeAll(async () => {
  bundleDir = mkdtempSync(join(tmpdir(), 'scr-hostile-widget-'))
  ;[devnet, browser] = await Promise.all([
    startTestDevnet(),
    launchChromium(),
    // The element and the wallet from the current source, as one module (the element build's own settings).
    build({
      configFile: join(repo, 'vite.config.ts'),
      mode: 'element',
      logLevel: 'error',
      build: {
        outDir: bundleDir,
        emptyOutDir: true,
        sourcemap: false,
        minify: false,
        lib: {
          entry: join(repo, 'test/e2e/hostile-widget.page.ts'),
          formats: ['es'],
          fileName: () => 'page.js',
        },
      },
    }),
  ])
  const chains = JSON.stringify(devnetChainConfigs(devnet))
  const html =
    `<!doctype html><meta charset="utf-8"><title>a page with a hostile script</title>` +
    `<script>${HOSTILE}</script>` +
    `<superchain-relay storage-name="${STORAGE}" chains='${chains}'></superchain-relay>` +
    `<script type="module" src="/page.js"></script>`
  const js = readFileSync(join(bundleDir, 'page.js'))
  server = createServer((req, res) => {
    const js_ = req.url?.startsWith('/page.js')
    res.writeHead(200, { 'content-type': js_ ? 'text/javascript' : 'text/html' })
    res.end(js_ ? js : html)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const rpc = new URLSearchParams(devnet.chains.map((c) => [`rpc${c.id}`, c.rpcUrl]))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/?${rpc}`
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await new Promise((resolve) => server?.close(resolve))
  await devnet?.stop()
  if (bundleDir) rmSync(bundleDir, { recursive: true, force: true })
})

/** The embedded element; playwright's locators pierce its shadow root. */
const widget = (page: Page) => page.locator('superchain-relay')
const walletSelect = (page: Page) => page.locator('superchain-relay select[aria-label="Wallet"]')

/** Every record in the widget's IndexedDB history, read directly. */
async function storedHashes(page: Page): Promise<string[]> {
  return (await readIndexedDb<string[]>(page, STORAGE, 'messages', 'getAllKeys')).sort()
}

async function readyTransfer(): Promise<Hex> {
  const account = devnet.account(0)
  const mint = await devnet.walletClient(901, account).writeContract({
    address: MOCK,
    abi: parseAbi(['function mint(address to, uint256 amount)']),
    functionName: 'mint',
    args: [account.address, parseEther('10')],
    account,
    chain: devnet.chain(901).chain,
  })
  await devnet.publicClient(901).waitForTransactionReceipt({ hash: mint })
  const tx = await sendSuperchainERC20(devnet.walletClient(901, account), {
    tokenAddress: MOCK,
    to: devnet.accounts[1].address,
    amount: parseEther('1'),
    chainId: 902,
    account,
    chain: devnet.chain(901).chain,
  })
  await devnet.publicClient(901).waitForTransactionReceipt({ hash: tx })
  return tx
}

describe('a hostile script on a page that embeds the widget', () => {
  const errors: string[] = []
  let page: Page
  let messageHash: string

  it('spoofed announcements: nothing is picked by itself; after the user chooses, a copy never replaces or joins the choice', async () => {
    page = await browser.context.newPage()
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto(base)
    const real = (await page.waitForFunction('window.realWallet').then((h) => h.jsonValue())) as {
      uuid: string
      address: Hex
    }
    // Three announcements (the real wallet, one with its name, one with its rdns): the user chooses.
    await expect
      .poll(() => walletSelect(page).locator('option:not([disabled])').count())
      .toBeGreaterThanOrEqual(3)
    expect(await walletSelect(page).inputValue()).toBe('')

    await walletSelect(page).selectOption(real.uuid)
    await page.evaluate('window.hostileAnnounce(1)')
    await expect.poll(() => walletSelect(page).locator('option').count()).toBeGreaterThanOrEqual(5)
    expect(await walletSelect(page).inputValue()).toBe(real.uuid)

    // On the next visit the hostile copy of the rdns is announced too: ambiguous, so nothing is picked.
    await page.reload()
    await page.waitForFunction('window.realWallet')
    await expect
      .poll(() => walletSelect(page).locator('option:not([disabled])').count())
      .toBeGreaterThanOrEqual(3)
    expect(await walletSelect(page).inputValue()).toBe('')

    // Without the hostile copies, the wallet the user chose, announced unchanged, is picked again by itself.
    await page.goto(`${base}&quiet`)
    const again = (await page.waitForFunction('window.realWallet').then((h) => h.jsonValue())) as {
      uuid: string
    }
    await expect
      .poll(() => page.locator('superchain-relay .scrw-wallet').textContent())
      .toContain('Devnet Test Wallet')
    expect(await page.evaluate('window.hostileCalls')).toEqual([])
    expect(again.uuid).not.toBe(real.uuid)
    expect(errors).toEqual([])
  })

  it('crafted messages relay nothing, add nothing to the store, ask the wallet nothing, and break nothing', async () => {
    await page.goto(base)
    await page.waitForFunction('window.realWallet')
    const tx = await readyTransfer()
    const tracked = (await page.evaluate(
      ([hash]) =>
        (
          document.querySelector('superchain-relay') as unknown as {
            track(h: string, c: number): Promise<{ hash: string }[]>
          }
        ).track(hash!, 901),
      [tx],
    )) as { hash: string }[]
    messageHash = tracked[0]!.hash
    const row = messageRow(widget(page), messageHash)
    await row.waitFor()
    await expect.poll(() => row.textContent(), { timeout: 30_000 }).toMatch(/Needs relay|Ready to relay/)
    const before = await storedHashes(page)
    expect(before).toEqual([messageHash])
    const wallet = devnet.accounts[3].address
    const nonceBefore = await devnet.publicClient(902).getTransactionCount({ address: wallet })

    expect(await page.evaluate(`window.hostilePost(${JSON.stringify(messageHash)})`)).toBeGreaterThan(5)
    // Let every listener that could exist run, and two polls of the widget happen, before looking.
    await polledAgain(page, STORAGE, 902)

    expect(await storedHashes(page)).toEqual(before)
    expect(await page.evaluate('window.realWallet.asked.length')).toBe(0)
    expect(await page.evaluate('window.hostileCalls')).toEqual([])
    expect(await devnet.publicClient(902).getTransactionCount({ address: wallet })).toBe(nonceBefore)
    expect(await row.textContent()).toMatch(/Needs relay|Ready to relay/)
    expect(await messageRows(widget(page)).count()).toBeGreaterThan(0)
    expect(errors).toEqual([])
  })

  it('an unreadable record in the IndexedDB history is one error row naming the problem, with Remove; the list still renders', async () => {
    const bad = `0x${'bd'.repeat(32)}`
    await writeIndexedDb(page, STORAGE, 'messages', {
      hash: bad,
      source: 'not a chain',
      status: 'exploded',
      nonce: -1,
    })
    await page.reload()
    const errorRows = page.locator(
      'superchain-relay ul[aria-label="Stored records that could not be read"] li',
    )
    await errorRows.first().waitFor()
    expect(await errorRows.count()).toBe(1)
    expect(await errorRows.textContent()).toMatch(
      /A stored message could not be read\. .*(source|status|nonce)/,
    )
    expect(await errorRows.textContent()).toContain(bad)
    // The readable message renders beside it.
    await messageRow(widget(page), messageHash).waitFor()

    await errorRows.getByRole('button', { name: 'Remove it' }).click()
    await errorRows.first().waitFor({ state: 'detached' })
    expect(await storedHashes(page)).toEqual([messageHash])
    await messageRow(widget(page), messageHash).waitFor()
    expect(errors).toEqual([])
  })

  it('a row that throws while rendering is caught by its boundary: a readable error row, the other rows render', async () => {
    await page.evaluate('window.mountListWithBrokenRow()')
    const list = page.locator('#list-check')
    const errorRow = list.locator('[data-row-error]')
    await errorRow.waitFor()
    expect(await errorRow.count()).toBe(1)
    expect(await errorRow.textContent()).toContain(
      'This message could not be shown. the amount of this transfer cannot be read',
    )
    expect(await list.locator(`${MESSAGE_ROW}:not([data-row-error])`).count()).toBe(2)
    expect(errors).toEqual([])
  })
})
