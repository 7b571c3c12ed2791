import type { Hex } from 'viem'
import { describe, expect, it, vi } from 'vitest'

import type { TrackedMessage } from '../../src/core/model/message'
import {
  BackgroundRestartedError,
  BackgroundTimeoutError,
  BackgroundUnavailableError,
  createBackgroundClient,
  defaultDeadlineMs,
  WALLET_DEADLINE_MS,
} from './client'
import { encode } from './codec'
import type { RequestMessage } from './protocol'
import { WrongPasswordError } from '../background/vault'
import { EXTENSION_ERROR_CLASSES } from '../shared/errorClasses'
import { serializeError } from './codec'
import { createRemoteTrackerApi } from './remoteTracker'
import { createUpdatesConnection, type PortLike } from './updates'

const NOT_THERE = 'Could not establish connection. Receiving end does not exist.'
const CUT = 'The message port closed before a response was received.'
const HASH = `0x${'ab'.repeat(32)}` as Hex
const RELAY_TX = `0x${'cd'.repeat(32)}` as Hex

type Script = (request: RequestMessage, attempt: number) => unknown | Promise<unknown>

/** A chrome.runtime whose sendMessage follows a script: answer, reject like Chrome does, or never answer. */
function fakeRuntime(script: Script) {
  const calls: RequestMessage[] = []
  return {
    calls,
    async sendMessage(message: unknown) {
      const request = message as RequestMessage
      calls.push(request)
      return script(request, calls.length)
    },
  }
}

const ok = (request: RequestMessage, result: unknown) => ({
  id: request.id,
  ok: true,
  result: encode(result),
})
const fast = { initialBackoffMs: 5, maxBackoffMs: 20 }

/** The figures of the plan the user approved (core refuses to sign above them). */
const APPROVAL = { gas: 100_000n, maxFeePerGas: 2_000_000_000n }

describe('the background client', () => {
  it('retries while the worker is starting, then returns the decoded answer', async () => {
    const runtime = fakeRuntime((request, attempt) => {
      if (attempt === 1) throw new Error(NOT_THERE)
      if (attempt === 2) return undefined // woke up, listener not registered yet
      return ok(request, { nonce: 5n })
    })
    const client = createBackgroundClient(runtime, fast)
    expect(await client.call('getMessage', HASH)).toEqual({ nonce: 5n })
    expect(runtime.calls).toHaveLength(3)
    // The same request (same id) each time: the params are encoded once.
    expect(new Set(runtime.calls.map((c) => c.id)).size).toBe(1)
  })

  it('resends a retry-safe call cut by a worker stop, but not one that may have taken effect', async () => {
    const runtime = fakeRuntime((request, attempt) => {
      if (attempt === 1) throw new Error(CUT)
      return ok(request, [])
    })
    const client = createBackgroundClient(runtime, fast)
    expect(await client.call('listChains')).toEqual([])

    const cut = fakeRuntime(() => {
      throw new Error(CUT)
    })
    await expect(
      createBackgroundClient(cut, fast).call('createRelayAccount', 'a password'),
    ).rejects.toBeInstanceOf(BackgroundRestartedError)
    expect(cut.calls).toHaveLength(1)
  })

  it('does not resend a call that may have taken effect when the answer is empty (the polyfill’s cut channel)', async () => {
    const empty = fakeRuntime(() => undefined)
    await expect(
      createBackgroundClient(empty, fast).call('relay', HASH, { kind: 'relayAccount' }, APPROVAL),
    ).rejects.toBeInstanceOf(BackgroundRestartedError)
    expect(empty.calls).toHaveLength(1)
    // Through the relay proxy the cut relay is recovered from what the tracker recorded, not sent again.
    const recorded = fakeRuntime((request) =>
      request.method === 'getMessage'
        ? ok(request, { hash: HASH, pendingRelay: { transactionHash: RELAY_TX } })
        : undefined,
    )
    const api = createRemoteTrackerApi(
      createBackgroundClient(recorded, fast),
      createUpdatesConnection({
        connect: () => {
          throw new Error('no port in this test')
        },
      }),
    )
    expect(await api.relay(HASH, { kind: 'relayAccount' }, APPROVAL)).toBe(RELAY_TX)
    expect(recorded.calls.map((c) => c.method)).toEqual(['relay', 'getMessage'])
  })

  it('fails with a named error at the deadline instead of hanging', async () => {
    // A fake clock: the assertions are about what the client does by the deadline, not how fast this machine is.
    vi.useFakeTimers()
    try {
      const dead = fakeRuntime(() => {
        throw new Error(NOT_THERE)
      })
      const settled = createBackgroundClient(dead, { ...fast, deadlineMs: () => 200 })
        .call('listChains')
        .catch((e: unknown) => e)
      await vi.advanceTimersByTimeAsync(200)
      const error = await settled
      expect(error).toBeInstanceOf(BackgroundUnavailableError)
      expect((error as Error).message).toMatch(
        /could not be reached for listChains within 0.2 s \(Could not establish/,
      )
      // Capped backoff (5, 10, 20, 20, … ms): it kept trying until the deadline, not once at the start.
      expect(dead.calls.length).toBeGreaterThan(5)

      const silent = fakeRuntime(() => new Promise(() => {}))
      const timedOut = createBackgroundClient(silent, { ...fast, deadlineMs: () => 100 })
        .call('listChains')
        .catch((e: unknown) => e)
      await vi.advanceTimersByTimeAsync(100)
      expect(await timedOut).toBeInstanceOf(BackgroundTimeoutError)
    } finally {
      vi.useRealTimers()
    }
  })

  it('says so at once when the extension was reloaded under the page', async () => {
    const gone = fakeRuntime(() => {
      throw new Error('Extension context invalidated.')
    })
    await expect(createBackgroundClient(gone, fast).call('listChains')).rejects.toThrow(/reloaded or updated/)
    expect(gone.calls).toHaveLength(1)
  })

  it('re-throws the background’s errors with their names', async () => {
    const runtime = fakeRuntime((request) => ({
      id: request.id,
      ok: false,
      error: { name: 'WrongPasswordError', message: 'wrong password' },
    }))
    await expect(createBackgroundClient(runtime, fast).call('unlockRelayAccount', 'x')).rejects.toMatchObject(
      {
        name: 'WrongPasswordError',
        message: 'wrong password',
      },
    )
  })

  it('revives the background’s errors into their classes when the page knows them', async () => {
    const runtime = fakeRuntime((request) => ({
      id: request.id,
      ok: false,
      error: serializeError(new WrongPasswordError()),
    }))
    const client = createBackgroundClient(runtime, { ...fast, errorClasses: EXTENSION_ERROR_CLASSES })
    await expect(client.call('unlockRelayAccount', 'x')).rejects.toBeInstanceOf(WrongPasswordError)
  })

  it('gives MetaMask prompts minutes and everything else seconds', () => {
    expect(defaultDeadlineMs('relay', [HASH, { kind: 'wallet' }])).toBe(WALLET_DEADLINE_MS)
    expect(defaultDeadlineMs('relay', [HASH, { kind: 'relayAccount' }])).toBe(60_000)
    expect(defaultDeadlineMs('listMessages', [])).toBe(20_000)
  })
})

function message(fields: Partial<TrackedMessage>): TrackedMessage {
  return { hash: HASH, status: 'ready', ...fields } as TrackedMessage
}

describe('the remote TrackerApi', () => {
  const noUpdates = createUpdatesConnection({ connect: () => fakePort() })

  it('recovers a relay cut mid-call from what the tracker recorded, without relaying twice', async () => {
    const runtime = fakeRuntime((request) => {
      if (request.method === 'relay') throw new Error(CUT)
      return ok(
        request,
        message({ status: 'relaying', pendingRelay: { transactionHash: RELAY_TX } as never }),
      )
    })
    const api = createRemoteTrackerApi(createBackgroundClient(runtime, fast), noUpdates)
    expect(await api.relay(HASH, { kind: 'relayAccount' }, APPROVAL)).toBe(RELAY_TX)
    expect(runtime.calls.map((c) => c.method)).toEqual(['relay', 'getMessage'])
  })

  it('asks the relay account again when nothing was recorded (the journal prevents a second signature)', async () => {
    let relays = 0
    const runtime = fakeRuntime((request) => {
      if (request.method === 'relay') {
        relays += 1
        if (relays === 1) throw new Error(CUT)
        return ok(request, RELAY_TX)
      }
      return ok(request, message({}))
    })
    const api = createRemoteTrackerApi(createBackgroundClient(runtime, fast), noUpdates)
    expect(await api.relay(HASH, { kind: 'relayAccount' }, APPROVAL)).toBe(RELAY_TX)
    expect(runtime.calls.map((c) => c.method)).toEqual(['relay', 'getMessage', 'relay'])
  })

  it('never re-prompts MetaMask after a cut call', async () => {
    const runtime = fakeRuntime((request) => {
      if (request.method === 'relay') throw new Error(CUT)
      return ok(request, message({}))
    })
    const api = createRemoteTrackerApi(createBackgroundClient(runtime, fast), noUpdates)
    await expect(api.relay(HASH, { kind: 'wallet' }, APPROVAL)).rejects.toThrow(
      /restarted while your wallet was signing/,
    )
    expect(runtime.calls.map((c) => c.method)).toEqual(['relay', 'getMessage'])
  })

  it('reconnects the updates port after a worker stop and replays the current messages', async () => {
    const ports: ReturnType<typeof fakePort>[] = []
    const updates = createUpdatesConnection(
      {
        connect: () => {
          const port = fakePort()
          ports.push(port)
          return port
        },
      },
      { initialBackoffMs: 5 },
    )
    const runtime = fakeRuntime((request) => ok(request, [message({ status: 'relayed' })]))
    const api = createRemoteTrackerApi(createBackgroundClient(runtime, fast), updates)
    const seen: string[] = []
    const unsubscribe = api.subscribe((u) => seen.push(u.type === 'error' ? 'error' : `${u.type}`))

    ports[0]!.deliver({ type: 'update', update: encode({ type: 'messageUpdated', message: message({}) }) })
    ports[0]!.drop()
    await expect.poll(() => ports.length).toBe(2)
    await expect.poll(() => seen).toEqual(['messageUpdated', 'messageAdded'])

    unsubscribe()
    expect(ports[1]!.disconnected).toBe(true)
  })
})

function fakePort() {
  const messageListeners: ((m: unknown) => void)[] = []
  const disconnectListeners: (() => void)[] = []
  const port = {
    disconnected: false,
    postMessage() {},
    disconnect() {
      port.disconnected = true
    },
    onMessage: { addListener: (l: (m: unknown) => void) => messageListeners.push(l) },
    onDisconnect: { addListener: (l: () => void) => disconnectListeners.push(l) },
    deliver: (m: unknown) => messageListeners.forEach((l) => l(m)),
    drop: () => disconnectListeners.forEach((l) => l()),
  }
  return port satisfies PortLike & object
}
