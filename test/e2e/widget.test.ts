/**
 * The widget end to end, in Debian's Chromium against a real devnet:
 * - the demo dapp (Vite dev server): connect the in-page test wallet, Send is off with 0 MOCK and says why, mint,
 *   send 901 → 902, the widget shows the transfer as needing a relay, Relay through the wallet (its confirm dialog
 *   shows the access list), the dialog itself says it was delivered, and Done puts focus back on the row;
 * - connecting in the widget connects the dapp too (one wallet state);
 * - the history survives a reload (IndexedDB);
 * - a wallet that drops the access list, like MetaMask, is refused in one sentence with the ways that work, and
 *   refused up front the next time;
 * - an unreachable chain gets a banner naming it (viem's text behind Details), its transfers marked as out of date;
 * - the standalone `<superchain-relay>` bundle under a hostile page stylesheet looks exactly as on a clean page.
 * Screenshots go to test-results/widget/ (the README's, docs/*.png, are refreshed by hand).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer as createHttpServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { sendETH } from '@eth-optimism/viem/actions/interop'
import type { Page } from 'playwright-core'
import { parseEther, type Hex } from 'viem'
import { build, createServer, type ViteDevServer } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { getFreePort } from '../../devnet/ports'
import { demoUrl } from '../../examples/demo/settings'
import { decodeSentMessages } from '../../src/core/protocol/decode'
import { launchChromium, type LaunchedBrowser } from '../fixtures/browser'
import { startTestDevnet, type TestDevnet } from '../fixtures/devnet'
import { MESSAGE_ROW, messageRow, messageRowSelector, rowsWithStatus } from '../fixtures/messageRows'

const repo = fileURLToPath(new URL('../..', import.meta.url))
const SHOTS = join(repo, 'test-results/widget')
const ELEMENT_BUNDLE = 'superchain-relay.element.js'

let devnet: TestDevnet
let demo: ViteDevServer
let demoBase: string
let browser: LaunchedBrowser
let elementDir: string
let rpcUrls: Record<number, string>

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true })
  elementDir = mkdtempSync(join(tmpdir(), 'scr-element-'))
  const demoPort = await getFreePort()
  ;[devnet, browser] = await Promise.all([
    startTestDevnet(),
    launchChromium(),
    // Build the element from the current source (what `npm run build:widget` ships) rather than trusting a
    // dist/ that may be stale; same config, another output directory.
    build({
      configFile: join(repo, 'vite.config.ts'),
      mode: 'element',
      logLevel: 'error',
      build: { outDir: elementDir, emptyOutDir: true, sourcemap: false },
    }),
  ])
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
  if (elementDir) rmSync(elementDir, { recursive: true, force: true })
})

function watchErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  return errors
}

/** Approve the test wallet's pending transaction, after checking what it shows. */
async function confirmInWallet(
  page: Page,
  expected: Record<string, string | RegExp> = {},
  screenshot?: string,
) {
  const dialog = page.getByRole('dialog', { name: /confirm transaction$/ })
  await dialog.waitFor()
  for (const [field, value] of Object.entries(expected)) {
    await expect.poll(() => dialog.locator(`dd[data-field="${field}"]`).textContent()).toMatch(value)
  }
  if (screenshot) await page.screenshot({ path: join(SHOTS, screenshot) })
  await dialog.getByRole('button', { name: 'Confirm' }).click()
  await dialog.waitFor({ state: 'detached' })
}

async function connectAndSend(page: Page, walletName: string) {
  await page.getByRole('button', { name: `Connect ${walletName}`, exact: true }).click()
  await page.getByText(devnet.accounts[0].address).first().waitFor()
  const send = page.getByRole('button', { name: 'Send 10 MOCK to Devnet L2 B' })
  await expect.poll(() => send.isEnabled()).toBe(true)
  await send.click()
  await confirmInWallet(page, {
    chain: /Devnet L2 A \(901\)/,
    function: /^sendERC20\(\)/,
    'access-list': 'none',
  })
  await page.getByText(/Sent 10 MOCK Devnet L2 A → Devnet L2 B; the widget tracks 1 message/).waitFor()
}

describe('widget e2e', () => {
  let relayedHash: string

  it('demo dapp: mint, send 901 → 902, relay through the test wallet, and the dialog confirms delivery', async () => {
    const page = await browser.context.newPage()
    const errors = watchErrors(page)
    // The first load waits for the demo server to bundle its dependencies, slow on a busy 2-core machine.
    await page.goto(demoUrl(demoBase, rpcUrls), { timeout: 120_000 })

    await page.getByRole('button', { name: 'Connect Devnet Test Wallet', exact: true }).click()
    await page.getByText(devnet.accounts[0].address).first().waitFor()
    // Nothing minted yet: Send cannot succeed, so it is off, and says why.
    const send = page.getByRole('button', { name: 'Send 10 MOCK to Devnet L2 B' })
    await page.getByText('Not enough MOCK on Devnet L2 A — mint first.').waitFor()
    expect(await send.isDisabled()).toBe(true)

    await page.getByRole('button', { name: 'Mint 1000 MOCK on Devnet L2 A' }).click()
    await confirmInWallet(page, { function: /^mint\(\)/, to: /0x420beeF000000000000000000000000000000001/i })
    await page.getByText('Minted 1000 MOCK on Devnet L2 A').waitFor()
    await expect.poll(() => page.locator('[data-balance="MOCK-901"]').textContent()).toBe('1,000')

    await expect.poll(() => send.isEnabled()).toBe(true)
    await send.click()
    await confirmInWallet(page, { function: /^sendERC20\(\)/, chain: 'Devnet L2 A (901)' })
    await page.getByText(/the widget tracks 1 message/).waitFor()

    // No autorelayer: the widget says the transfer needs a relay, in amber, with the button beside it.
    const relay = page.getByRole('button', { name: /^Relay 10 MOCK to you/ })
    await relay.waitFor({ timeout: 20_000 })
    // Each poll redraws the row; one that finds a chain slow to answer (a busy machine) marks the badge "(may be out
    // of date)" until the next. Wait for the plain words rather than read whichever drawing is on screen.
    const badge = page.locator('.scr-badge[data-status="ready"]')
    await expect.poll(() => badge.textContent(), { timeout: 20_000 }).toBe('Needs relay')
    relayedHash = (await rowsWithStatus(page, 'ready').getAttribute('data-hash'))!
    expect(relayedHash).toMatch(/^0x[0-9a-f]{64}$/)
    await page.screenshot({ path: join(SHOTS, 'demo-ready.png') })

    await relay.click()
    const dialog = page.getByRole('dialog', { name: 'Relay message' })
    await dialog.getByText('Simulation passed: the relay succeeds if sent now.').waitFor()
    await dialog.getByText(/^Mint 10 MOCK to 0xf39F/).waitFor()
    await page.screenshot({ path: join(SHOTS, 'demo-relay-dialog.png') })
    await dialog.getByRole('button', { name: 'Sign and relay' }).click()

    // The wallet switches to the destination and shows the relay keeps its access list (lookup + checksum keys).
    await confirmInWallet(
      page,
      {
        chain: 'Devnet L2 B (902)',
        function: /^relayMessage\(\)/,
        'access-list': /^1 entry, [23] storage keys$/,
      },
      'demo-wallet-confirm-relay.png',
    )
    // The dialog follows the message to the end instead of stopping at "sent".
    await dialog.getByText('10 MOCK arrived on Devnet L2 B.').waitFor({ timeout: 20_000 })
    expect(await dialog.locator('.scr-delivered').textContent()).toMatch(
      /^Delivered ✓ 10 MOCK arrived on Devnet L2 B\./,
    )
    expect(await dialog.locator('.scr-progress [aria-current]').count()).toBe(0)
    await page.screenshot({ path: join(SHOTS, 'demo-delivered.png') })
    await dialog.getByRole('button', { name: 'Done' }).click()
    await dialog.waitFor({ state: 'detached' })
    // Focus goes back to the transfer's row, not to <body>.
    await expect
      .poll(() =>
        page.evaluate((row) => document.activeElement?.closest(row)?.getAttribute('data-hash'), MESSAGE_ROW),
      )
      .toBe(relayedHash)

    const row = messageRow(page, relayedHash)
    await expect.poll(() => row.locator('.scr-badge').textContent(), { timeout: 20_000 }).toBe('Delivered ✓')
    await page.getByText(`relayed ${relayedHash.slice(0, 10)}…`).waitFor()
    await expect
      .poll(() => page.locator('[data-balance="MOCK-902"]').textContent(), { timeout: 10_000 })
      .toBe('10')
    await page.screenshot({ path: join(SHOTS, 'demo-relayed.png') })
    expect(errors).toEqual([])
    await page.close()
  }, 180_000)

  it('connecting in the widget connects the dapp too: one wallet state', async () => {
    const page = await browser.context.newPage()
    await page.goto(demoUrl(demoBase, rpcUrls))
    const bar = page.getByRole('group', { name: 'Wallet' })
    await bar.getByLabel('Wallet').selectOption({ label: 'Devnet Test Wallet' })
    await bar.getByRole('button', { name: 'Connect' }).click()
    // The dapp heard the wallet connect and shows the same account, without its own Connect.
    await page.locator('.connected').getByText(devnet.accounts[0].address).waitFor()
    expect(await bar.textContent()).toContain('0xf39F…2266')
    await page.close()
  })

  it('keeps the history across a reload (IndexedDB)', async () => {
    const page = await browser.context.newPage()
    await page.goto(demoUrl(demoBase, rpcUrls))
    await page.getByRole('button', { name: 'Connect Devnet Test Wallet', exact: true }).click()
    const row = messageRow(page, relayedHash)
    await row.waitFor()
    await page.reload()
    // The row is drawn from IndexedDB before the wallet reconnects: until the widget knows the account, the same
    // transfer reads "10 MOCK to 0xf39F…2266". Wait for the words, not for the first drawing.
    await expect
      .poll(() => row.locator('.scr-row-intent').textContent(), { timeout: 10_000 })
      .toBe('10 MOCK to you')
    await page.close()
  })

  it('a wallet that drops the access list is refused in one sentence, with the ways that work', async () => {
    const page = await browser.context.newPage()
    const errors = watchErrors(page)
    await page.goto(demoUrl(demoBase, rpcUrls))
    await connectAndSend(page, 'Devnet Test Wallet (drops access lists)')

    await page.getByRole('button', { name: /^Relay 10 MOCK to you/ }).click({ timeout: 20_000 })
    const dialog = page.getByRole('dialog', { name: 'Relay message' })
    await dialog.getByText('Simulation passed: the relay succeeds if sent now.').waitFor()
    await dialog.getByRole('button', { name: 'Sign and relay' }).click()
    const wallet = page.getByRole('dialog', { name: /confirm transaction$/ })
    await wallet.getByText(/This wallet drops access lists \(like MetaMask\)/).waitFor()
    await confirmInWallet(page, { 'access-list': 'none' })

    // Read the refusal's sentence until it settles rather than once: another state of the dialog (the up-front
    // block for a wallet known to drop lists) renders the same kind of callout with other words, and a read that
    // lands on a transient one would test the wrong thing. The final sentence is still checked exactly.
    const refusal = dialog.locator('[data-error-kind="accessListDropped"]')
    await expect
      .poll(() => refusal.locator('.scr-callout-text').first().textContent(), { timeout: 10_000 })
      .toBe(
        'Your wallet removed the access list this relay needs, so the relay was refused; nothing was lost and the transfer can still be relayed another way.',
      )
    expect(await dialog.getByText('Simulation passed').count()).toBe(0)
    await refusal.getByRole('button', { name: 'Copy CLI command' }).waitFor()
    await refusal.getByRole('button', { name: 'Open in the extension' }).waitFor()
    expect(await dialog.getByRole('button', { name: 'Sign and relay' }).isDisabled()).toBe(true)
    // The jargon is still there for whoever needs it, behind Details.
    await refusal.getByText('Details', { exact: true }).click()
    expect(await refusal.locator('pre').textContent()).toContain('NotInAccessList')
    await page.screenshot({ path: join(SHOTS, 'demo-access-list-dropped.png') })
    await page.getByText('error (relay) AccessListDroppedError').waitFor()

    // Next time the wallet is known: refused before anything is signed.
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await page.getByRole('button', { name: /^Relay 10 MOCK to you/ }).click()
    await dialog.getByText(/drops the access list a relay needs/).waitFor()
    expect(await dialog.getByRole('button', { name: 'Sign and relay' }).isDisabled()).toBe(true)
    expect(await dialog.getByText('Simulation passed').count()).toBe(0)
    await dialog.getByRole('button', { name: 'Show the commands' }).click()
    expect(await dialog.locator('.scr-commands').textContent()).toMatch(
      /^npx superchain-relay track --chain 901 --tx 0x[0-9a-f]{64} --rpc 901=\S+ --rpc 902=\S+\n.*read -rs SUPERCHAIN_RELAY_PRIVATE_KEY.*\nnpx superchain-relay relay 0x[0-9a-f]{64} /,
    )
    expect(errors).toEqual([])
    await page.close()
  })

  it('an unreachable chain: a banner naming it, its transfers marked as out of date, no Relay', async () => {
    const page = await browser.context.newPage()
    // A transfer to chain 902, whose RPC this page is pointed away from.
    const sent = await devnet.sendMock({ from: 2, to: devnet.accounts[2].address })
    await page.goto(demoUrl(demoBase, { ...rpcUrls, 902: 'http://127.0.0.1:1' }))
    await page.getByRole('button', { name: 'Track a transaction' }).first().click()
    await page.getByRole('textbox', { name: 'Transaction hash' }).fill(sent.transactionHash)
    await page.getByRole('button', { name: 'Track', exact: true }).click()
    // Found on 901; 902 could not be asked, and the sentence says so instead of printing viem's text.
    const outcome = page.getByRole('status').filter({ hasText: 'Found it on Devnet L2 A.' })
    await outcome.waitFor()

    const banner = page.getByRole('status', { name: 'Chain status' })
    await banner.waitFor({ timeout: 30_000 })
    const sentence = (await banner.locator('.scr-health-text').textContent()) ?? ''
    expect(sentence).toMatch(/^Can't reach Devnet L2 B \(127\.0\.0\.1:1\) — .*retrying/)
    expect(sentence).not.toMatch(/Request body|viem|eth_/)
    // This transfer's row: the origin's history also holds the transfers of the tests above, stale on 902 too.
    const hash = decodeSentMessages(901, sent.logs)[0]!.hash.toLowerCase()
    const row = page.locator(`${messageRowSelector(hash)}[data-stale="902"]`)
    await row.waitFor()
    expect(await row.locator('.scr-row-note').textContent()).toMatch(/can't reach Devnet L2 B$/)
    expect(await row.getByRole('button', { name: /^Relay / }).count()).toBe(0)
    await banner.getByText('Details', { exact: true }).click()
    expect(await banner.locator('pre').textContent()).toMatch(/HTTP request failed|fetch/i)
    await page.screenshot({ path: join(SHOTS, 'demo-chain-unreachable.png') })
    await page.close()
  })

  it('<superchain-relay>: a hostile page stylesheet does not leak into the shadow root', async () => {
    // A transfer for the element to track, from an account the pages above do not use.
    const tx = await sendETH(devnet.walletClient(901, devnet.account(3)), {
      to: devnet.accounts[3].address,
      value: parseEther('0.5'),
      chainId: 902,
      account: devnet.account(3),
      chain: devnet.chain(901).chain,
    })
    await devnet.publicClient(901).waitForTransactionReceipt({ hash: tx })

    const chains = devnet.chains.map((c) => ({
      id: c.id,
      name: c.name,
      rpcUrl: c.rpcUrl,
      nativeSymbol: 'ETH',
    }))
    const hostile = `
      * { color: red !important; font-size: 40px !important; font-family: serif !important; line-height: 3 !important;
          letter-spacing: 6px !important; text-transform: uppercase !important; font-style: italic !important;
          word-spacing: 20px !important; text-align: right !important; visibility: visible; }
      div, section, header, p, span, button, ol, li { display: none !important; }
      button { background: lime !important; border: 6px dashed blue !important; padding: 30px !important; }
      .scr-root, .scrw, .scr-row-main, .scr-button { display: none !important; background: black !important; }
      superchain-relay { text-shadow: 2px 2px yellow; cursor: wait; }`
    const page = (stylesheet: string) => `<!doctype html><html><head><meta charset="utf-8">
      <style>superchain-relay { width: 440px; --scr-accent: #ff0420; --scr-height: 420px; }</style>
      <style>${stylesheet}</style>
      <script type="module" src="/${ELEMENT_BUNDLE}"></script></head>
      <body><superchain-relay theme="light" storage-name="element-test" widget-title="Element"
        chains='${JSON.stringify(chains)}'></superchain-relay></body></html>`
    const files: Record<string, [string, string]> = {
      '/clean.html': ['text/html', page('')],
      '/hostile.html': ['text/html', page(hostile)],
      [`/${ELEMENT_BUNDLE}`]: ['text/javascript', readFileSync(join(elementDir, ELEMENT_BUNDLE), 'utf8')],
    }
    const server: Server = createHttpServer((req, res) => {
      const file = files[req.url ?? '']
      if (!file) return void res.writeHead(404).end()
      res.writeHead(200, { 'content-type': file[0] }).end(file[1])
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`

    /** Computed styles of the widget's parts, read inside the shadow root. */
    const measure = async (path: string) => {
      const tab = await browser.context.newPage()
      const errors = watchErrors(tab)
      await tab.goto(`${origin}${path}`)
      // The element's host API: a method to track, CustomEvents with a typed detail.
      const heard = await tab.evaluate(
        async ([hash]) => {
          const el = document.querySelector('superchain-relay')!
          const seen: string[] = []
          el.addEventListener('messageUpdated', (e) =>
            seen.push(`${e.detail.previousStatus ?? 'new'}→${e.detail.status}`),
          )
          const found = await el.track(hash as `0x${string}`, 901)
          return { found: found.length, hasShadow: !!el.shadowRoot, seen }
        },
        [tx as Hex],
      )
      expect(heard).toMatchObject({ found: 1, hasShadow: true })
      await tab
        .locator('superchain-relay')
        .getByRole('button', { name: /^Relay 0\.5 ETH to 0x90F7/ })
        .waitFor({ timeout: 20_000 })
      const styles = await tab.evaluate((row) => {
        const root = document.querySelector('superchain-relay')!.shadowRoot!
        const props = [
          'color',
          'font-size',
          'font-family',
          'font-style',
          'line-height',
          'letter-spacing',
          'word-spacing',
          'text-transform',
          'text-align',
          'text-shadow',
          'display',
          'background-color',
          'border-top-style',
          'padding-top',
          'cursor',
        ]
        const out: Record<string, Record<string, string>> = {}
        for (const selector of [
          '.scrw',
          '.scrw-wallet',
          '.scr-root',
          '.scr-title',
          row,
          '.scr-row-intent',
          '.scr-badge',
          '.scr-button-primary',
        ]) {
          const el = root.querySelector(selector)
          if (!el) throw new Error(`no ${selector} in the shadow root`)
          const cs = getComputedStyle(el)
          const box = el.getBoundingClientRect()
          out[selector] = Object.fromEntries([
            ...props.map((p) => [p, cs.getPropertyValue(p)]),
            ['size', `${box.width}x${box.height}`],
          ])
        }
        return out
      }, MESSAGE_ROW)
      await tab.screenshot({ path: join(SHOTS, `element-${path.slice(1, -5)}.png`) })
      expect(errors).toEqual([])
      await tab.close()
      return styles
    }

    try {
      const clean = await measure('/clean.html')
      const underAttack = await measure('/hostile.html')
      expect(underAttack).toEqual(clean)
      // Sanity: the widget is visible and styled by its own sheet, and the documented variable came through.
      expect(clean['.scr-title']).toMatchObject({
        display: 'block',
        'text-transform': 'none',
        'font-size': '14px',
      })
      expect(clean['.scr-button-primary']!['background-color']).toBe('rgb(255, 4, 32)')
      expect(clean['.scr-root']!['size']).toMatch(/^438x420$/)
    } finally {
      // Chromium keeps its connections alive; close() alone would wait for them.
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  })
})
