import { describe, expect, it } from 'vitest'

import { DEFAULT_RPC_URLS, demoUrl, readDemoSettings } from './settings'

describe('demo settings', () => {
  it("falls back to Supersim's ports", () => {
    expect(readDemoSettings('')).toEqual({ rpcUrls: DEFAULT_RPC_URLS, dropAccessList: false, problems: [] })
  })

  it('reads devnet URLs and the dropping flag from the query, and names what it ignored', () => {
    const settings = readDemoSettings('?rpc901=http://127.0.0.1:40001/&rpc902=ftp://x&dropAccessList=1')
    expect(settings.rpcUrls).toEqual({ 901: 'http://127.0.0.1:40001', 902: 'http://127.0.0.1:9546' })
    expect(settings.dropAccessList).toBe(true)
    expect(settings.problems).toEqual([
      'rpc902=ftp://x is not an http(s) URL; using http://127.0.0.1:9546 for chain 902',
    ])
  })

  it('builds the URL npm start prints, with only what differs from the defaults', () => {
    expect(demoUrl('http://localhost:5173/', { ...DEFAULT_RPC_URLS })).toBe('http://localhost:5173/')
    const url = demoUrl('http://localhost:5173/', {
      901: 'http://127.0.0.1:9645',
      902: 'http://127.0.0.1:9646',
    })
    expect(readDemoSettings(new URL(url).search).rpcUrls).toEqual({
      901: 'http://127.0.0.1:9645',
      902: 'http://127.0.0.1:9646',
    })
  })
})
