/// <reference types="chrome" />
/**
 * The built extension in Debian's Chromium, driven the way a user and Chrome do: the popup's Relay dialog signs with
 * the built-in relay account, and the service worker is stopped (CDP `ServiceWorker.stopAllWorkers`, what Chrome
 * does to an idle worker) at random moments — between steps, and right after "Sign and relay" is clicked.
 *
 * Setup and sampling go over the extension's own messaging protocol from an extension page (the same requests the
 * options page sends), which is faster than the forms and is not what is under test here.
 */
import { execSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import type { Page } from 'playwright-core'
import type { Address, Hex } from 'viem'

import type { ChainConfig, ChainHealth, TrackedMessage } from '../../src/core'
import { decode, encode } from '../../extension/messaging/codec'
import { PROTOCOL } from '../../extension/messaging/protocol'
import { launchChromium, type LaunchedBrowser } from '../fixtures/browser'
import { messageRow } from '../fixtures/messageRows'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
export const EXTENSION_DIR = `${ROOT}dist/extension`
const PASSWORD = 'soak soak soak soak'

export type PopupRelayOutcome =
  /** The dialog said the relay was sent (or delivered). */
  | 'sent'
  /** No Relay button on the row (not ready for this tracker, or already in flight). */
  | 'noButton'
  /** The plan could not be made or its simulation failed (relayed meanwhile, an RPC fault). */
  | 'notPrepared'
  /** Signing or sending failed, and the dialog said why. */
  | 'failed'
  /** The dialog said neither in time. */
  | 'timeout'

export class ExtensionDriver {
  workerStops = 0
  midRelayStops = 0
  private requestCounter = 0

  private constructor(
    private readonly browser: LaunchedBrowser,
    readonly id: string,
    private readonly probe: Page,
    private popup: Page,
  ) {}

  static async launch(): Promise<ExtensionDriver> {
    if (!existsSync(`${EXTENSION_DIR}/manifest.json`)) {
      execSync('npm run build:extension', { cwd: ROOT, stdio: 'inherit', timeout: 180_000 })
    }
    const browser = await launchChromium({ extensionDir: EXTENSION_DIR })
    const id = browser.extension!.id
    const probe = await browser.context.newPage()
    await probe.goto(`chrome-extension://${id}/options.html`)
    const popup = await browser.context.newPage()
    return new ExtensionDriver(browser, id, probe, popup)
  }

  /**
   * One request to the background, as an extension page sends it. A stopped worker is woken by the message; while
   * it starts (no listener yet) or after it was stopped mid-call, the request is sent again — reads only.
   */
  async call<T>(method: string, ...params: unknown[]): Promise<T> {
    const deadline = Date.now() + 30_000
    for (;;) {
      const id = `soak-${++this.requestCounter}`
      const request = JSON.stringify({ protocol: PROTOCOL, id, method, params: encode(params) })
      const answer: unknown = await this.probe
        .evaluate(async (text: string) => {
          try {
            return { response: (await chrome.runtime.sendMessage(JSON.parse(text))) as unknown }
          } catch (error) {
            return { error: String(error) }
          }
        }, request)
        .catch((error: unknown) => ({ error: String(error) }))
      const response = (
        answer as { response?: { id?: string; ok?: boolean; result?: unknown; error?: unknown } }
      ).response
      if (response?.id === id) {
        if (response.ok) return decode(response.result) as T
        throw new Error(`${method}: ${JSON.stringify(response.error)}`)
      }
      if (Date.now() > deadline)
        throw new Error(`${method}: no answer from the background (${JSON.stringify(answer)})`)
      await new Promise((r) => setTimeout(r, 200))
    }
  }

  /** Chains (through the extension's proxies), the watched account, and a relay account; returns its address. */
  async setUp(chains: ChainConfig[], account: Address): Promise<Address> {
    for (const chain of chains) await this.call('addChain', chain)
    await this.call('watchAccount', account)
    const status = await this.call<{ address: Address }>('createRelayAccount', PASSWORD)
    await this.popup.setViewportSize({ width: 380, height: 600 })
    await this.popup.goto(`chrome-extension://${this.id}/popup.html`)
    return status.address
  }

  /** Stop every service worker, as Chrome does to an idle one. */
  async stopWorker(): Promise<void> {
    const cdp = await this.browser.context.newCDPSession(this.probe)
    await cdp.send('ServiceWorker.enable')
    await cdp.send('ServiceWorker.stopAllWorkers')
    await cdp.detach()
    this.workerStops += 1
  }

  /**
   * What the extension shows now, once it polled by itself three times after `since` (ms since epoch, taken after
   * the caller read the heads). The background answers no request that polls: its own loop (every 2 s with the
   * popup open) does, and each tick stamps every chain it read in `chainHealth().lastOkAt`. A tick stamps health
   * before it writes messages, so three stamps after `since` mean the second of those ticks — which started after
   * the first ended, so after `since` — has written everything it read (judge.ts). A chain reported as not
   * answering needs no stamps: its messages are not judged. No three stamps within 30 s: no sample.
   */
  async view(since: number): Promise<{ messages: TrackedMessage[]; health: ChainHealth[] }> {
    const deadline = Date.now() + 30_000
    const stamps = new Map<number, Set<number>>()
    for (;;) {
      const health = await this.call<ChainHealth[]>('chainHealth')
      for (const h of health) {
        if (h.lastOkAt === undefined || h.lastOkAt <= since) continue
        const seen = stamps.get(h.chainId) ?? new Set<number>()
        stamps.set(h.chainId, seen.add(h.lastOkAt))
      }
      const polled = health.every(
        (h) =>
          h.state === 'unreachable' || h.state === 'wrongChain' || (stamps.get(h.chainId)?.size ?? 0) >= 3,
      )
      if (polled) {
        const messages = await this.call<TrackedMessage[]>('listMessages')
        return { messages, health: await this.call<ChainHealth[]>('chainHealth') }
      }
      if (Date.now() > deadline) throw new Error('the background did not poll three times in 30 s')
      await new Promise((r) => setTimeout(r, 200))
    }
  }

  /** The row of a message in the popup's list, scrolled into the window if it is not rendered. */
  private async row(hash: Hex) {
    const row = messageRow(this.popup, hash)
    if ((await row.count()) > 0) return row
    const list = this.popup.locator('.scr-list').first()
    if ((await list.count()) === 0) return row
    for (let top = 0; top < 20_000; top += 300) {
      await list.evaluate((el, y) => void (el.scrollTop = y), top)
      await this.popup.waitForTimeout(50)
      if ((await row.count()) > 0) return row
    }
    return row
  }

  /**
   * Relay through the popup's dialog with the relay account. With `stopAfterMs`, the worker is stopped that long
   * after "Sign and relay" was clicked: mid-relay.
   */
  async relay(hash: Hex, stopAfterMs?: number): Promise<PopupRelayOutcome> {
    if (this.popup.isClosed() || !this.popup.url().includes('popup.html')) await this.reopenPopup()
    // A relay dialog the popup reopened with (one in flight when the worker was stopped) would take the click.
    await this.closeDialog()
    const button = (await this.row(hash)).locator('.scr-row-action button')
    if ((await button.count()) === 0 || !(await button.isEnabled())) return 'noButton'
    const label = (await button.getAttribute('aria-label')) ?? ''
    if (!/^(Relay|Retry relaying) /.test(label)) return 'noButton'
    // The row may lose its Relay between the look and the click (an autorelayer won the race, a poll redrew it):
    // then there was nothing to click, as a user would find.
    if (
      !(await button.click({ timeout: 5_000 }).then(
        () => true,
        () => false,
      ))
    )
      return 'noButton'
    const dialog = this.popup.getByRole('dialog')
    try {
      const outcome = await this.waitFor(dialog, 20_000, [
        ['passed', () => dialog.getByText('Simulation passed').count()],
        ['refused', () => dialog.locator('[data-error-kind]').count()],
        ['gone', async () => ((await dialog.count()) === 0 ? 1 : 0)],
      ])
      if (outcome !== 'passed') return 'notPrepared'
      await dialog.getByRole('button', { name: 'Sign and relay' }).click()
      if (stopAfterMs !== undefined) {
        await new Promise((r) => setTimeout(r, stopAfterMs))
        await this.stopWorker()
        this.midRelayStops += 1
      }
      const done = await this.waitFor(dialog, 45_000, [
        ['sent', async () => (((await dialog.textContent()) ?? '').match(/Relay sent|Delivered ✓/) ? 1 : 0)],
        ['failed', () => dialog.locator('[data-error-kind]').count()],
        ['gone', async () => ((await dialog.count()) === 0 ? 1 : 0)],
      ])
      return done === 'sent' ? 'sent' : done === 'failed' ? 'failed' : done === 'gone' ? 'sent' : 'timeout'
    } finally {
      await this.closeDialog()
    }
  }

  private async waitFor(
    _dialog: unknown,
    timeoutMs: number,
    checks: [string, () => Promise<number>][],
  ): Promise<string | undefined> {
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      for (const [name, check] of checks) if ((await check().catch(() => 0)) > 0) return name
      await new Promise((r) => setTimeout(r, 150))
    }
    return undefined
  }

  private async closeDialog(): Promise<void> {
    const dialog = this.popup.getByRole('dialog')
    for (let i = 0; i < 3 && (await dialog.count().catch(() => 0)) > 0; i++) {
      const done = dialog.getByRole('button', { name: /^(Done|Cancel|Hide)$/ })
      if ((await done.count()) > 0)
        await done
          .first()
          .click({ timeout: 2_000 })
          .catch(() => undefined)
      else await this.popup.keyboard.press('Escape')
      await this.popup.waitForTimeout(100)
    }
    if ((await dialog.count().catch(() => 0)) > 0) await this.reopenPopup()
  }

  async reopenPopup(): Promise<void> {
    if (!this.popup.isClosed()) await this.popup.close().catch(() => undefined)
    this.popup = await this.browser.context.newPage()
    await this.popup.setViewportSize({ width: 380, height: 600 })
    await this.popup.goto(`chrome-extension://${this.id}/popup.html`)
    // The first paint draws rows as plain DOM before React loads; a click there only expands a row once React is
    // in. Act on React's tree, as a user's click a moment later would.
    await this.popup
      .waitForFunction(
        () => {
          const root = document.getElementById('root')
          return !!root && Object.keys(root).some((key) => key.startsWith('__reactContainer'))
        },
        undefined,
        { timeout: 30_000 },
      )
      .catch(() => undefined)
  }

  async close(): Promise<void> {
    await this.browser.close()
  }
}
