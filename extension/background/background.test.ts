/**
 * The background's wiring against a fake chrome API (fakeHost.test-helper.ts) and core's memory store: alarms,
 * badge, notifications, messaging and ports. A "restart" is a new background over the same storage, as Chrome
 * gives a new worker.
 */
import type { Hex } from 'viem'
import { afterEach, describe, expect, it } from 'vitest'

import { erc20Transfer } from '../../src/core/store/messageFixtures.test-helper'
import { createMemoryStore } from '../../src/core/store/memoryStore'
import type { MessageStore } from '../../src/core/store/types'
import type { TrackedMessage } from '../../src/core/model/message'
import { decode, encode } from '../messaging/codec'
import { PROTOCOL, UPDATES_PORT, type ResponseMessage } from '../messaging/protocol'
import { createBackground, type Background, type PortLike } from './background'
import { createFakeHost, ownPage, type FakeHost, type FakeHostOptions } from './fakeHost.test-helper'
import { PACKED_ALARM_MINUTES, POLL_ALARM, UNPACKED_ALARM_MINUTES } from './scheduler'
import { createWallet, createWalletConnection } from './wallet'

const NOW = 1_767_225_600_000
// Port 1 refuses at once: these tests are about wiring, not RPC.
const NOWHERE = [
  { id: 901, name: 'Devnet L2 A', rpcUrl: 'http://127.0.0.1:1', nativeSymbol: 'ETH' },
  { id: 902, name: 'Devnet L2 B', rpcUrl: 'http://127.0.0.1:1', nativeSymbol: 'ETH' },
]

const running: Background[] = []
const logs: string[] = []
afterEach(() => {
  for (const bg of running.splice(0)) bg.stop()
  logs.length = 0
})

function start(
  options: { host?: FakeHost; hostOptions?: FakeHostOptions; store?: MessageStore; now?: () => number } = {},
) {
  const host = options.host ?? createFakeHost(options.hostOptions)
  const store = options.store ?? createMemoryStore()
  const bg = createBackground({
    host,
    openStore: async () => store,
    defaultChains: NOWHERE,
    verifyChains: false,
    now: options.now ?? (() => NOW),
    fastPollMs: 60_000,
    pbkdf2Iterations: 250_000,
    log: (line) => logs.push(line),
    wallet: createWallet(
      createWalletConnection(() => {
        throw new Error('no MetaMask here')
      }),
      host.storage.local,
    ),
  })
  running.push(bg)
  return { host, store, bg }
}

function call(bg: Background, method: string, params: unknown[], sender: object = ownPage()) {
  return new Promise<ResponseMessage>((resolve) => {
    bg.onMessage({ protocol: PROTOCOL, id: 'x', method, params: encode(params) }, sender, resolve)
  })
}

function withLog(
  status: TrackedMessage['status'],
  nonce: bigint,
  createdAt = NOW - 3_600_000,
): TrackedMessage {
  const m = erc20Transfer({ nonce, status, createdAt })
  return {
    ...m,
    initiatingLog: {
      blockNumber: 5n,
      blockHash: `0x${'22'.repeat(32)}`,
      logIndex: 0,
      timestamp: BigInt(Math.floor(createdAt / 1000)),
      transactionHash: m.sourceTransactionHash,
    },
    ...(status === 'failed' ? { failure: { reason: 'NotInAccessList', at: NOW - 1 } } : {}),
  }
}

describe('background start', () => {
  it('opens the options page on a first install only (nothing is watched until the user adds an account)', async () => {
    const { host, bg } = start()
    bg.onInstalled({ reason: 'update' })
    bg.onInstalled({ reason: 'browser_update' })
    await Promise.resolve()
    expect(host.state.optionsOpened).toBe(0)
    bg.onInstalled({ reason: 'install' })
    await Promise.resolve()
    expect(host.state.optionsOpened).toBe(1)
  })

  it('creates its poll alarm: 10 s unpacked, the 30 s floor packed; leaves an identical one alone', async () => {
    const { host, bg } = start()
    await bg.start()
    expect(host.state.alarms.get(POLL_ALARM)?.periodInMinutes).toBe(UNPACKED_ALARM_MINUTES)
    expect(host.state.badgeColor).toBeDefined()

    // A restart (same alarms, as Chrome keeps them) does not push the next firing back.
    const again = start({ hostOptions: { alarms: host.state.alarms, session: host.storage.session } })
    await again.bg.start()
    expect(again.host.state.alarmCreates).toBe(0)
    expect(again.host.storage.session.dump().workerStarts).toBe(2)

    const packed = start({ hostOptions: { updateUrl: 'https://clients2.google.com/service/update2/crx' } })
    await packed.bg.start()
    expect(packed.host.state.alarms.get(POLL_ALARM)?.periodInMinutes).toBe(PACKED_ALARM_MINUTES)
  })
})

describe('badge and notifications', () => {
  it('counts the messages that need the user on the badge', async () => {
    const store = createMemoryStore()
    await store.upsertMany([
      withLog('ready', 1n),
      withLog('failed', 2n),
      withLog('expired', 3n),
      withLog('relayed', 4n),
      withLog('initiated', 5n),
    ])
    const { host, bg } = start({ store })
    await bg.tick()
    expect(host.state.badge).toBe('3')
    await store.upsert({ ...withLog('ready', 1n), status: 'relayed' })
    await bg.tick()
    expect(host.state.badge).toBe('2')
  })

  it('notifies a ready message once the grace period passed, and never twice across restarts', async () => {
    let now = NOW
    const store = createMemoryStore()
    const fresh = withLog('ready', 1n, NOW - 1_000)
    await store.upsert(fresh)
    const first = start({ store, now: () => now })
    await first.bg.tick()
    expect(first.host.state.notifications).toEqual([])
    // The chains are unreachable: the tick says so in one line per chain and carries on.
    expect(logs).toContainEqual(expect.stringMatching(/^polling Devnet L2 A \(901\): HTTP request failed/))

    now = NOW + 60_000
    await first.bg.tick()
    expect(first.host.state.notifications.map((n) => n.id)).toEqual([`ready:${fresh.hash}`])
    expect(first.host.state.notifications[0]!.options).toMatchObject({
      type: 'basic',
      title: 'Ready to relay: nobody has relayed it',
      iconUrl: expect.stringMatching(/^chrome-extension:\/\/.*\/icons\/icon-128\.png$/),
    })

    const restarted = start({
      store,
      now: () => now,
      hostOptions: { local: first.host.storage.local, session: first.host.storage.session },
    })
    await restarted.bg.tick()
    await restarted.bg.tick()
    expect(restarted.host.state.notifications).toEqual([])
  })

  it('with the prompt policy, also opens the popup on the first stuck message (once)', async () => {
    const store = createMemoryStore()
    await store.upsertMany([withLog('ready', 1n), withLog('ready', 2n)])
    const { host, bg } = start({ store, hostOptions: { openPopup: 'fail' } })
    expect(await call(bg, 'updateSettings', [{ relayPolicy: 'prompt' }])).toMatchObject({ ok: true })
    await bg.tick()
    await bg.tick()
    expect(host.state.notifications).toHaveLength(2)
    expect(host.state.windows).toHaveLength(1)
    expect(host.state.windows[0]!.url).toMatch(/popup\.html\?focus=0x[0-9a-f]{64}$/)
  })

  it('opens the popup on a clicked notification’s message: the real popup when it can, else a window', async () => {
    const hash = `0x${'ab'.repeat(32)}` as Hex
    const withPopup = start({ hostOptions: { openPopup: 'ok' } })
    withPopup.bg.onNotificationClicked(`ready:${hash}`)
    await expect.poll(() => withPopup.host.state.popupsOpened).toBe(1)
    expect(withPopup.host.state.cleared).toEqual([`ready:${hash}`])
    // The popup takes the hash once; the next popup opens normally.
    expect(await call(withPopup.bg, 'takeFocus', [])).toMatchObject({ ok: true, result: hash })
    const second = await call(withPopup.bg, 'takeFocus', [])
    expect(second.ok && decode(second.result)).toBeUndefined()
    expect(withPopup.host.storage.session.dump().focusHash).toBeUndefined()

    const noWindow = start({ hostOptions: { openPopup: 'fail' } })
    noWindow.bg.onNotificationClicked(`relayed:${hash}`)
    await expect
      .poll(() => noWindow.host.state.windows)
      .toEqual([{ url: `chrome-extension://abcdefghijklmnopabcdefghijklmnop/popup.html?focus=${hash}` }])
    expect(noWindow.host.storage.session.dump().focusHash).toBeUndefined()
  })
})

describe('messaging and ports', () => {
  it('serves its own pages and refuses everyone else', async () => {
    const { bg } = start()
    expect(await call(bg, 'getSettings', [])).toMatchObject({ ok: true, result: { gracePeriodSeconds: 60 } })
    const web = {
      id: 'abcdefghijklmnopabcdefghijklmnop',
      url: 'https://dapp.example/',
      origin: 'https://dapp.example',
    }
    for (const method of ['relay', 'listMessages', 'watchAccount', 'exportRelayAccount']) {
      expect(await call(bg, method, [], web)).toMatchObject({
        ok: false,
        error: { name: 'ForbiddenSenderError' },
      })
    }
    expect(await call(bg, 'updateSettings', [{ gracePeriodSeconds: -1 }])).toMatchObject({
      ok: false,
      error: { name: 'InvalidSettingError' },
    })
    expect(await call(bg, 'relay', ['0x12', { kind: 'relayAccount' }])).toMatchObject({
      ok: false,
      error: { name: 'InvalidRequestError' },
    })
  })

  it('streams tracker updates to connected pages only, with bigints intact', async () => {
    const { bg } = start()
    const page = fakePort(UPDATES_PORT, ownPage())
    const stranger = fakePort(UPDATES_PORT, {
      id: 'otherextensionidotherextensionid',
      url: 'chrome-extension://otherextensionidotherextensionid/',
    })
    bg.onConnect(page)
    bg.onConnect(stranger)
    expect(stranger.disconnected).toBe(true)
    expect(bg.inspect().ports).toBe(1)

    const message = withLog('ready', 9n)
    ;(await bg.ready()).tracker.events.emit('messageAdded', { message })
    expect(page.sent).toHaveLength(1)
    const update = decode((page.sent[0] as { update: unknown }).update) as {
      type: string
      message: TrackedMessage
    }
    expect(update).toEqual({ type: 'messageAdded', message })
    expect(stranger.sent).toEqual([])

    page.close()
    expect(bg.inspect().ports).toBe(0)
  })

  it('keeps the relay account unlocked across a worker restart', async () => {
    const first = start()
    const created = await call(first.bg, 'createRelayAccount', ['a long password'])
    expect(created).toMatchObject({ ok: true, result: { exists: true, unlocked: true } })
    const restarted = start({
      hostOptions: { local: first.host.storage.local, session: first.host.storage.session },
    })
    expect(await call(restarted.bg, 'relayAccountStatus', [])).toEqual(created)
    // The key itself never crosses to a page without the password.
    expect(JSON.stringify(await call(restarted.bg, 'relayAccountStatus', []))).not.toMatch(/[0-9a-f]{64}/)
  })
})

function fakePort(name: string, sender: object) {
  const listeners: (() => void)[] = []
  const port = {
    name,
    sender,
    sent: [] as unknown[],
    disconnected: false,
    postMessage(message: unknown) {
      port.sent.push(message)
    },
    disconnect() {
      port.disconnected = true
    },
    onDisconnect: { addListener: (l: () => void) => listeners.push(l) },
    close: () => listeners.forEach((l) => l()),
  }
  return port satisfies PortLike
}
