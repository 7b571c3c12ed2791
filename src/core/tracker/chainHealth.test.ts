import { HttpRequestError } from 'viem'
import { describe, expect, it } from 'vitest'

import { createHealthBook, MAX_BACKOFF_MS, staleChainsOf, type ChainHealth } from './chainHealth'

function book() {
  let clock = 1_000_000
  const changes: ChainHealth[] = []
  const health = createHealthBook({ now: () => clock, onChange: (h) => changes.push(h) })
  return { health, changes, advance: (ms: number) => (clock += ms), now: () => clock }
}

describe('chain health', () => {
  it('starts unknown, becomes ok with the time of the good read, and says so once', () => {
    const { health, changes, now } = book()
    expect(health.get(901)).toEqual({ chainId: 901, state: 'unknown' })
    health.ok(901)
    health.ok(901)
    expect(health.get(901)).toEqual({ chainId: 901, state: 'ok', lastOkAt: now() })
    expect(changes).toHaveLength(1)
  })

  it('backs off 1 s, 2 s, 4 s … up to a minute, keeps the last good time, and one good read clears it', () => {
    const { health, advance, now } = book()
    health.ok(902)
    const okAt = now()
    const waits: number[] = []
    for (let i = 0; i < 9; i++) {
      advance(1)
      health.failed(902, new Error('connection refused'))
      waits.push(health.get(902).retryAt! - now())
      expect(health.backingOff(902)).toBe(true)
    }
    expect(waits).toEqual([
      1_000,
      2_000,
      4_000,
      8_000,
      16_000,
      32_000,
      MAX_BACKOFF_MS,
      MAX_BACKOFF_MS,
      MAX_BACKOFF_MS,
    ])
    expect(health.get(902)).toMatchObject({
      state: 'unreachable',
      lastOkAt: okAt,
      error: 'connection refused',
    })
    advance(MAX_BACKOFF_MS)
    expect(health.backingOff(902)).toBe(false)
    health.ok(902)
    advance(1)
    health.failed(902, new Error('again'))
    expect(health.get(902).retryAt! - now()).toBe(1_000)
  })

  it('waits as long as a Retry-After asks, from the response or from the error, but never more than 5 minutes', () => {
    const { health, now } = book()
    health.failed(901, new Error('rate limited'), 30_000)
    expect(health.get(901).retryAt! - now()).toBe(30_000)
    const headers = new Headers({ 'retry-after': '45' })
    health.failed(902, new HttpRequestError({ url: 'http://x', status: 429, headers }))
    expect(health.get(902).retryAt! - now()).toBe(45_000)
    health.failed(903, new Error('rate limited'), 24 * 3_600_000)
    expect(health.get(903).retryAt! - now()).toBe(5 * 60_000)
  })

  it('names a wrong chain, a reset, and which messages are stale because of their chains', () => {
    const { health, now } = book()
    health.ok(901)
    health.wrongChain(902, 901, 'RPC serves chain 901, not 902.')
    health.reset(903)
    expect(health.get(902)).toMatchObject({ state: 'wrongChain', servedChainId: 901 })
    expect(health.get(903)).toMatchObject({ state: 'reset', lastResetAt: now() })
    const all = health.list([901, 902, 903])
    expect(staleChainsOf({ source: 901, destination: 902 }, all).map((h) => h.chainId)).toEqual([902])
    expect(staleChainsOf({ source: 901, destination: 903 }, all)).toEqual([])
    health.ok(903)
    expect(health.get(903)).toMatchObject({ state: 'ok', lastResetAt: now() })
  })
})
