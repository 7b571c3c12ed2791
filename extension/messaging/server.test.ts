import { describe, expect, it } from 'vitest'

import { FAKE_EXTENSION_ID, ownPage } from '../background/fakeHost.test-helper'
import { encode } from './codec'
import { PROTOCOL, type ResponseMessage } from './protocol'
import { createMessageListener, type Handlers } from './server'

const handlers = {
  getMessage: async (hash: string) => ({ hash, nonce: 7n }),
  listChains: async () => {
    throw Object.assign(new Error('RPC down'), { name: 'RpcUnreachableError' })
  },
} as unknown as Handlers

function send(message: unknown, sender: object): Promise<{ handled: boolean; response?: ResponseMessage }> {
  return new Promise((resolve) => {
    const listener = createMessageListener(FAKE_EXTENSION_ID, () => handlers)
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
    const ok = await send(request('getMessage', ['0xab']), ownPage())
    expect(ok.response).toEqual({ id: 'r1', ok: true, result: { hash: '0xab', nonce: { $bigint: '7' } } })
    const failed = await send(request('listChains', []), ownPage('options.html'))
    expect(failed.response).toEqual({
      id: 'r1',
      ok: false,
      error: { name: 'RpcUnreachableError', message: 'RPC down' },
    })
  })

  it('rejects any sender that is not one of this extension’s pages, without running the handler', async () => {
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
      const { response } = await send(request('getMessage', ['0xab']), sender)
      expect(response).toMatchObject({ ok: false, error: { name: 'ForbiddenSenderError' } })
    }
  })

  it('leaves messages that are not ours to other listeners', async () => {
    expect((await send({ hello: 1 }, ownPage())).handled).toBe(false)
    expect((await send({ ...request('getMessage', []), method: 'constructor' }, ownPage())).handled).toBe(
      false,
    )
    expect((await send({ ...request('getMessage', []), protocol: 'other/1' }, ownPage())).handled).toBe(false)
  })
})
