import { describe, expect, it } from 'vitest'

import { FAKE_EXTENSION_ID, ownPage } from '../background/fakeHost.test-helper'
import { encode } from './codec'
import { PROTOCOL, type ResponseMessage } from './protocol'
import { REQUESTS } from './requests'
import { extensionIdentity, type ExtensionIdentity } from './senders'
import { createMessageListener, type Handlers } from './server'

const HASH = `0x${'ab'.repeat(32)}`
const ran: string[] = []
const handlers = {
  getMessage: async (hash: string) => {
    ran.push(`getMessage ${hash}`)
    return { hash, nonce: 7n }
  },
  listChains: async () => {
    throw Object.assign(new Error('RPC down'), { name: 'RpcUnreachableError' })
  },
  topUpRelayAccount: async () => {
    ran.push('topUpRelayAccount')
    return HASH
  },
} as unknown as Handlers

const CHROME: ExtensionIdentity = { id: FAKE_EXTENSION_ID, origin: `chrome-extension://${FAKE_EXTENSION_ID}` }

function send(
  message: unknown,
  sender: object,
  self: ExtensionIdentity = CHROME,
): Promise<{ handled: boolean; response?: ResponseMessage }> {
  return new Promise((resolve) => {
    const listener = createMessageListener(self, () => handlers)
    let handled = false
    handled = listener(message, sender, (response) => resolve({ handled, response }))
    if (!handled) setTimeout(() => resolve({ handled }), 10)
  })
}

const request = (method: string, params: unknown[]) => ({
  protocol: PROTOCOL,
  id: 'r1',
  method,
  params: encode(params),
})

describe('the background message listener', () => {
  it('answers our own pages with encoded results and named errors', async () => {
    const ok = await send(request('getMessage', [HASH]), ownPage())
    expect(ok.response).toEqual({ id: 'r1', ok: true, result: { hash: HASH, nonce: { $bigint: '7' } } })
    const failed = await send(request('listChains', []), ownPage('options.html'))
    expect(failed.response).toEqual({
      id: 'r1',
      ok: false,
      error: { name: 'RpcUnreachableError', message: 'RPC down' },
    })
  })

  it('knows its pages by the origin the browser gives them: Firefox’s moz-extension uuid is not the add-on id', async () => {
    const firefox = extensionIdentity({
      id: 'superchain-relay@example',
      getURL: (path) => `moz-extension://5f1c0b2e-8a1d-4c55-9d0e-0d2b3c4e5f60/${path.replace(/^\//, '')}`,
    })
    expect(firefox.origin).toBe('moz-extension://5f1c0b2e-8a1d-4c55-9d0e-0d2b3c4e5f60')
    const page = { id: firefox.id, url: `${firefox.origin}/popup.html` }
    expect((await send(request('getMessage', [HASH]), page, firefox)).response).toMatchObject({ ok: true })
    const other = { id: firefox.id, url: 'moz-extension://00000000-0000-0000-0000-000000000000/popup.html' }
    expect((await send(request('getMessage', [HASH]), other, firefox)).response).toMatchObject({
      ok: false,
      error: { name: 'ForbiddenSenderError' },
    })
  })

  it('rejects any sender that is not one of this extension’s pages, without running the handler', async () => {
    ran.length = 0
    const foreign = [
      {
        id: 'otherextensionidotherextensionid',
        url: 'chrome-extension://otherextensionidotherextensionid/x.html',
      },
      // A content script: our id, but a web page's URL.
      { id: FAKE_EXTENSION_ID, url: 'https://evil.example/', origin: 'https://evil.example' },
      { id: FAKE_EXTENSION_ID },
      { url: `chrome-extension://${FAKE_EXTENSION_ID}/popup.html` },
      { id: FAKE_EXTENSION_ID, url: `chrome-extension://${FAKE_EXTENSION_ID}.evil.example/` },
    ]
    for (const sender of foreign) {
      const { response } = await send(request('getMessage', [HASH]), sender)
      expect(response).toMatchObject({ ok: false, error: { name: 'ForbiddenSenderError' } })
    }
    expect(ran).toEqual([])
  })

  it('validates params against the method’s schema before the handler runs, and says what was wrong', async () => {
    ran.length = 0
    const cases: [string, unknown[], RegExp][] = [
      [
        'getMessage',
        ['0xab'],
        /^getMessage: argument 0: expected a 32-byte 0x-prefixed hex string, got '0xab'$/,
      ],
      ['getMessage', [], /^getMessage: argument 0: expected a 32-byte 0x-prefixed hex string, got nothing/],
      [
        'topUpRelayAccount',
        [901, 0n],
        /^topUpRelayAccount: argument 1: the top-up amount must be more than 0$/,
      ],
      ['topUpRelayAccount', [901, '1000'], /argument 1: expected an amount in wei/],
      ['topUpRelayAccount', [1.5, 1n], /argument 0: expected a chain id/],
    ]
    for (const [method, params, error] of cases) {
      const { response } = await send(request(method, params), ownPage())
      expect(response).toMatchObject({ ok: false, error: { name: 'InvalidRequestError' } })
      expect((response as { error: { message: string } }).error.message).toMatch(error)
    }
    expect(ran).toEqual([])
    await send(request('topUpRelayAccount', [901, 5n]), ownPage())
    expect(ran).toEqual(['topUpRelayAccount'])
  })

  it('has a params schema and a retry rule for every method, and the tracker’s calls marked as such', () => {
    expect(REQUESTS.relay.retrySafe).toBe(false)
    expect(REQUESTS.listMessages.retrySafe).toBe(true)
  })

  it('leaves messages that are not ours to other listeners', async () => {
    expect((await send({ hello: 1 }, ownPage())).handled).toBe(false)
    expect((await send({ ...request('getMessage', []), method: 'constructor' }, ownPage())).handled).toBe(
      false,
    )
    expect((await send({ ...request('getMessage', []), protocol: 'other/1' }, ownPage())).handled).toBe(false)
  })
})
