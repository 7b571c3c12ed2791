import { describe, expect, it } from 'vitest'

import { makeMessage, NOW } from './messageFixtures.test-helper'
import { applyTrackerUpdate, mergeMessages, sortMessages } from './messageUpdates'

const older = makeMessage({ seed: 1, createdAt: NOW - 60_000 })
const middle = makeMessage({ seed: 2, createdAt: NOW - 30_000 })
const newer = makeMessage({ seed: 3, createdAt: NOW - 10_000 })

describe('applyTrackerUpdate', () => {
  it('sorts newest first', () => {
    expect(sortMessages([older, newer, middle]).map((m) => m.nonce)).toEqual([3n, 2n, 1n])
  })

  it('inserts an added message at its place', () => {
    const list = applyTrackerUpdate([newer, older], { type: 'messageAdded', message: middle })
    expect(list.map((m) => m.nonce)).toEqual([3n, 2n, 1n])
  })

  it('replaces an updated message in place, even if its send time moved', () => {
    const moved = { ...older, status: 'relayed' as const, createdAt: NOW }
    const list = applyTrackerUpdate([newer, middle, older], {
      type: 'messageUpdated',
      message: moved,
      from: 'ready',
      to: 'relayed',
    })
    expect(list.map((m) => m.nonce)).toEqual([3n, 2n, 1n])
    expect(list[2]).toBe(moved)
  })

  it('treats an update for an unknown message as an insert, and an add for a known one as a replace', () => {
    const list = applyTrackerUpdate([newer], {
      type: 'messageUpdated',
      message: older,
      from: 'ready',
      to: 'failed',
    })
    expect(list).toHaveLength(2)
    const again = applyTrackerUpdate(list, { type: 'messageAdded', message: { ...older, status: 'failed' } })
    expect(again).toHaveLength(2)
    expect(again[1]?.status).toBe('failed')
  })

  it('removes by hash and ignores errors', () => {
    const list = [newer, older]
    expect(applyTrackerUpdate(list, { type: 'messageRemoved', hash: newer.hash })).toEqual([older])
    expect(applyTrackerUpdate(list, { type: 'error', message: 'x', context: 'poll' })).toBe(list)
  })

  it('merge keeps a message we hold that is newer than the fetched copy', () => {
    const held = { ...older, status: 'relayed' as const, updatedAt: NOW }
    const stale = { ...older, updatedAt: NOW - 1 }
    expect(mergeMessages([held], [stale, newer]).map((m) => [m.nonce, m.status])).toEqual([
      [3n, 'ready'],
      [1n, 'relayed'],
    ])
  })
})
