import { describe, expect, it, vi } from 'vitest'

import { createEventHub } from './events'
import type { TrackerEventMap } from './events'

interface TestMap {
  ping: { n: number }
  pong: { s: string }
}

function quietHub() {
  const errors: [unknown, keyof TestMap][] = []
  const hub = createEventHub<TestMap>({ onListenerError: (error, type) => errors.push([error, type]) })
  return { hub, errors }
}

describe('createEventHub', () => {
  it('delivers the payload to every listener of that type, in subscription order', () => {
    const { hub } = quietHub()
    const calls: string[] = []
    hub.on('ping', ({ n }) => calls.push(`a${n}`))
    hub.on('ping', ({ n }) => calls.push(`b${n}`))
    hub.on('pong', ({ s }) => calls.push(`pong ${s}`))
    hub.emit('ping', { n: 1 })
    expect(calls).toEqual(['a1', 'b1'])
  })

  it('emitting with no listeners is a no-op', () => {
    const { hub, errors } = quietHub()
    expect(() => hub.emit('pong', { s: 'nobody' })).not.toThrow()
    expect(errors).toEqual([])
  })

  it('unsubscribe stops delivery and is idempotent', () => {
    const { hub } = quietHub()
    const listener = vi.fn()
    const off = hub.on('ping', listener)
    hub.emit('ping', { n: 1 })
    off()
    off()
    hub.emit('ping', { n: 2 })
    expect(listener).toHaveBeenCalledTimes(1)
    expect(hub.listenerCount('ping')).toBe(0)
  })

  it('the same function subscribed twice is two independent subscriptions', () => {
    const { hub } = quietHub()
    const listener = vi.fn()
    const offFirst = hub.on('ping', listener)
    hub.on('ping', listener)
    hub.emit('ping', { n: 1 })
    expect(listener).toHaveBeenCalledTimes(2)
    offFirst()
    hub.emit('ping', { n: 2 })
    expect(listener).toHaveBeenCalledTimes(3)
  })

  it('once fires for the next event only', () => {
    const { hub } = quietHub()
    const listener = vi.fn()
    hub.once('ping', listener)
    hub.emit('ping', { n: 1 })
    hub.emit('ping', { n: 2 })
    expect(listener).toHaveBeenCalledExactlyOnceWith({ n: 1 })
    expect(hub.listenerCount('ping')).toBe(0)
  })

  it('once does not re-enter when its listener emits the same type', () => {
    const { hub } = quietHub()
    const seen: number[] = []
    hub.once('ping', ({ n }) => {
      seen.push(n)
      hub.emit('ping', { n: n + 1 })
    })
    hub.emit('ping', { n: 1 })
    expect(seen).toEqual([1])
  })

  it('once can be cancelled before it fires', () => {
    const { hub } = quietHub()
    const listener = vi.fn()
    const off = hub.once('ping', listener)
    off()
    hub.emit('ping', { n: 1 })
    expect(listener).not.toHaveBeenCalled()
  })

  it('a throwing listener does not stop the others and is reported with its event type', () => {
    const { hub, errors } = quietHub()
    const boom = new Error('boom')
    const after = vi.fn()
    hub.on('ping', () => {
      throw boom
    })
    hub.on('ping', after)
    expect(() => hub.emit('ping', { n: 1 })).not.toThrow()
    expect(after).toHaveBeenCalledOnce()
    expect(errors).toEqual([[boom, 'ping']])
  })

  it('an async listener that rejects is reported too', async () => {
    const { hub, errors } = quietHub()
    const boom = new Error('later')
    hub.on('pong', async () => {
      throw boom
    })
    hub.emit('pong', { s: 'x' })
    await vi.waitFor(() => expect(errors).toEqual([[boom, 'pong']]))
  })

  it('defaults to console.error when no onListenerError is given', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      const hub = createEventHub<TestMap>()
      const boom = new Error('boom')
      hub.on('ping', () => {
        throw boom
      })
      hub.emit('ping', { n: 1 })
      expect(spy).toHaveBeenCalledOnce()
      expect(spy.mock.calls[0]?.[0]).toContain('"ping"')
      expect(spy.mock.calls[0]?.[1]).toBe(boom)
    } finally {
      spy.mockRestore()
    }
  })

  it('a throwing onListenerError does not escape emit', () => {
    const hub = createEventHub<TestMap>({
      onListenerError: () => {
        throw new Error('reporter broke')
      },
    })
    const after = vi.fn()
    hub.on('ping', () => {
      throw new Error('boom')
    })
    hub.on('ping', after)
    expect(() => hub.emit('ping', { n: 1 })).not.toThrow()
    expect(after).toHaveBeenCalledOnce()
  })

  it('a listener added during an emit first hears the next one', () => {
    const { hub } = quietHub()
    const late = vi.fn()
    hub.once('ping', () => {
      hub.on('ping', late)
    })
    hub.emit('ping', { n: 1 })
    expect(late).not.toHaveBeenCalled()
    hub.emit('ping', { n: 2 })
    expect(late).toHaveBeenCalledExactlyOnceWith({ n: 2 })
  })

  it('a listener removed during an emit is not called by it', () => {
    const { hub } = quietHub()
    const second = vi.fn()
    let offSecond = () => {}
    hub.on('ping', () => offSecond())
    offSecond = hub.on('ping', second)
    hub.emit('ping', { n: 1 })
    expect(second).not.toHaveBeenCalled()
  })

  it('clear(type) drops that type only; clear() drops all', () => {
    const { hub } = quietHub()
    const ping = vi.fn()
    const pong = vi.fn()
    hub.on('ping', ping)
    hub.on('pong', pong)
    hub.clear('ping')
    hub.emit('ping', { n: 1 })
    hub.emit('pong', { s: 'a' })
    expect(ping).not.toHaveBeenCalled()
    expect(pong).toHaveBeenCalledOnce()
    hub.clear()
    hub.emit('pong', { s: 'b' })
    expect(pong).toHaveBeenCalledOnce()
    expect(hub.listenerCount('pong')).toBe(0)
  })

  it('clear during an emit stops the remaining listeners', () => {
    const { hub } = quietHub()
    const later = vi.fn()
    hub.on('ping', () => hub.clear())
    hub.on('ping', later)
    hub.emit('ping', { n: 1 })
    expect(later).not.toHaveBeenCalled()
  })

  it('an old unsubscribe after clear does not remove a new subscription', () => {
    const { hub } = quietHub()
    const fresh = vi.fn()
    const offOld = hub.on('ping', vi.fn())
    hub.clear()
    hub.on('ping', fresh)
    offOld()
    hub.emit('ping', { n: 1 })
    expect(fresh).toHaveBeenCalledOnce()
  })

  it('types the tracker event map', () => {
    const hub = createEventHub<TrackerEventMap>()
    const removed = vi.fn()
    hub.on('messageRemoved', ({ hash }) => removed(hash))
    hub.emit('messageRemoved', { hash: '0x01' })
    // @ts-expect-error payload of the wrong event
    hub.emit('messageRemoved', { context: 'x' })
    expect(removed).toHaveBeenCalledWith('0x01')
  })
})
