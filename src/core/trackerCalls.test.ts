import { describe, expect, it } from 'vitest'

import { createMemoryStore } from './store/memoryStore'
import { createTracker } from './tracker/tracker'
import { TRACKER_CALL_NAMES } from './trackerCalls'

describe('TRACKER_CALL_NAMES', () => {
  it('names each call of a real tracker once, and not the subscribe stream', async () => {
    const tracker = await createTracker({
      store: createMemoryStore(),
      defaultChains: [],
      verifyChains: false,
    })
    expect(new Set(TRACKER_CALL_NAMES).size).toBe(TRACKER_CALL_NAMES.length)
    expect(TRACKER_CALL_NAMES).not.toContain('subscribe')
    for (const name of TRACKER_CALL_NAMES) expect(typeof tracker[name], name).toBe('function')
  })
})
