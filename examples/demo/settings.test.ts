import { describe, expect, it } from 'vitest'

import { demoUrl, parseRpcUrls, readDemoSettings, SUPERSIM_RPC_URLS } from './settings'

describe('demo settings', () => {
  it("falls back to Supersim's ports", () => {
    expect(readDemoSettings('', SUPERSIM_RPC_URLS)).toEqual({ rpcUrls: SUPERSIM_RPC_URLS, problems: [] })
  })

  it('starts from the ports npm start served the page for', () => {
    const served = {
      ...SUPERSIM_RPC_URLS,
      ...parseRpcUrls('{"901":"http://127.0.0.1:9645","902":"http://127.0.0.1:9646"}'),
    }
    expect(readDemoSettings('', served).rpcUrls).toEqual({
      901: 'http://127.0.0.1:9645',
      902: 'http://127.0.0.1:9646',
    })
    expect(parseRpcUrls('not json')).toEqual({})
    expect(parseRpcUrls('{"901":"file:///etc/passwd","x":"http://a"}')).toEqual({})
  })

  it('reads devnet URLs from the query, and names what it ignored', () => {
    const settings = readDemoSettings('?rpc901=http://127.0.0.1:40001/&rpc902=ftp://x', SUPERSIM_RPC_URLS)
    expect(settings.rpcUrls).toEqual({ 901: 'http://127.0.0.1:40001', 902: 'http://127.0.0.1:9546' })
    expect(settings.problems).toEqual([
      'rpc902=ftp://x is not an http(s) URL; using http://127.0.0.1:9546 for chain 902',
    ])
  })

  it('builds a URL with only what differs from the page’s defaults', () => {
    expect(demoUrl('http://localhost:5173/', { ...SUPERSIM_RPC_URLS }, {}, SUPERSIM_RPC_URLS)).toBe(
      'http://localhost:5173/',
    )
    const url = demoUrl(
      'http://localhost:5173/',
      { 901: 'http://127.0.0.1:9645', 902: 'http://127.0.0.1:9646' },
      {},
      SUPERSIM_RPC_URLS,
    )
    expect(readDemoSettings(new URL(url).search, SUPERSIM_RPC_URLS).rpcUrls).toEqual({
      901: 'http://127.0.0.1:9645',
      902: 'http://127.0.0.1:9646',
    })
  })
})
