/**
 * A hostile web page next to the built extension, in real Chromium: it tries to reach the background with
 * `chrome.runtime.sendMessage` / `connect` to the extension's id (a relay, a watch, an import, the key export), and
 * spoofs EIP-6963 announcements. The extension has no `externally_connectable`, so the page has no channel at all;
 * afterwards the background, asked by its own options page, holds nothing the page tried to add.
 * The widget's side — spoofed announcements and crafted messages on a page embedding the live widget — is
 * hostile-widget.test.ts (the selection rule itself: widget/walletChoice.test.ts).
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { launchChromium, type LaunchedBrowser } from '../fixtures/browser'
import { callBackground } from '../fixtures/extensionRequests'

const ROOT = new URL('../../', import.meta.url).pathname
const EXTENSION_DIR = `${ROOT}dist/extension`
const VICTIM = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'

const HOSTILE_PAGE = `<!doctype html><title>hostile</title><script>
window.results = []
const id = new URLSearchParams(location.search).get('id')
const request = (method, params) => ({ protocol: 'superchain-relay/1', id: 'x', method, params })
async function attempt(label, fn) {
  try { const r = await fn(); window.results.push({ label, outcome: 'answered', r: JSON.stringify(r ?? null) }) }
  catch (e) { window.results.push({ label, outcome: 'threw', r: String(e && e.message || e) }) }
}
window.run = async () => {
  const rt = globalThis.chrome && chrome.runtime
  await attempt('runtime exists', () => { if (!rt || !rt.sendMessage) throw new Error('no chrome.runtime.sendMessage'); return 'exists' })
  for (const [method, params] of [['watchAccount', ['${VICTIM}']], ['exportRelayAccount', ['guess']], ['importHistory', ['{}']], ['listMessages', [{}]]]) {
    await attempt('sendMessage ' + method, () => new Promise((resolve, reject) => {
      if (!rt || !rt.sendMessage) return reject(new Error('no chrome.runtime.sendMessage'))
      rt.sendMessage(id, request(method, params), (answer) => rt.lastError ? reject(new Error(rt.lastError.message)) : resolve(answer))
    }))
  }
  await attempt('connect updates port', () => { if (!rt || !rt.connect) throw new Error('no chrome.runtime.connect'); return rt.connect(id, { name: 'superchain-relay/updates' }) ? 'port' : null })
  // Spoofed wallet announcements: harmless here, and nothing in the extension listens to page events.
  window.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail: Object.freeze({ info: { uuid: 'evil', name: 'MetaMask', icon: 'data:image/svg+xml,<svg/>', rdns: 'io.metamask' }, provider: { request: async () => ['${VICTIM}'] } }) }))
  return window.results
}
</script>`

let browser: LaunchedBrowser
let server: Server
let base: string

beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' })
    res.end(HOSTILE_PAGE)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  browser = await launchChromium({ extensionDir: EXTENSION_DIR })
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await new Promise((resolve) => server?.close(resolve))
})

describe('a hostile page', () => {
  it('cannot message or connect to the extension, and adds nothing to it', async () => {
    const id = browser.extension!.id
    const page = await browser.context.newPage()
    await page.goto(`${base}?id=${id}`)
    const results = (await page.evaluate('window.run()')) as { label: string; outcome: string; r: string }[]
    expect(results.length).toBeGreaterThanOrEqual(6)
    for (const result of results) expect(result, result.label).toMatchObject({ outcome: 'threw' })

    // The extension's own page asks the background what it holds: nothing the hostile page tried to add.
    const options = await browser.context.newPage()
    await options.goto(`chrome-extension://${id}/options.html`)
    expect(await callBackground(options, 'listAccounts')).toEqual([])
    expect(await callBackground(options, 'listMessages', {})).toEqual([])
  })
})
