/**
 * Bench harness page: seeds the widget's IndexedDB history with N messages (through core's store, as the widget
 * itself would have written them), then creates a <superchain-relay> and reports how long until its first message
 * row is on screen. Built by widget.bench.ts; not part of the product.
 */
import { openIndexedDbStore } from '../../../src/core/store/indexedDbStore'
import { MESSAGE_ROW } from '../../fixtures/messageRows'
import { makeHistoryMessages } from '../fixtures'

declare global {
  interface Window {
    benchResult?: { seeded: number; renderMs: number } | { error: string }
  }
}

async function run(): Promise<void> {
  const params = new URLSearchParams(location.search)
  const count = Number(params.get('count') ?? 100)
  const account = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'
  const storageName = `bench-${count}`
  const store = await openIndexedDbStore({ name: storageName })
  if ((await store.list()).length !== count) {
    await store.clear()
    await store.upsertMany(makeHistoryMessages(count, account))
  }
  await store.close()

  // Served next to this page by the bench; a variable keeps both TypeScript and Vite from resolving it.
  const elementUrl = '/superchain-relay.element.js'
  await import(/* @vite-ignore */ elementUrl)
  const started = performance.now()
  const el = document.createElement('superchain-relay')
  el.setAttribute('storage-name', storageName)
  el.setAttribute('accounts', account)
  el.setAttribute(
    'chains',
    JSON.stringify([
      { id: 901, name: 'Devnet L2 A', rpcUrl: 'http://127.0.0.1:1', nativeSymbol: 'ETH' },
      { id: 902, name: 'Devnet L2 B', rpcUrl: 'http://127.0.0.1:2', nativeSymbol: 'ETH' },
    ]),
  )
  document.body.append(el)
  for (;;) {
    if (el.shadowRoot?.querySelector(MESSAGE_ROW)) break
    if (performance.now() - started > 20_000) throw new Error('no message row rendered within 20 s')
    await new Promise((r) => requestAnimationFrame(r))
  }
  window.benchResult = { seeded: count, renderMs: performance.now() - started }
}

run().catch((error: Error) => {
  window.benchResult = { error: error.message }
})
