import { describe, expect, it } from 'vitest'

import { makeMessage, NOW } from './messageFixtures.test-helper'
import { createVisibleChangeFilter } from './visibleChange'

describe('createVisibleChangeFilter', () => {
  it('lets a first sight and every visible change through, and nothing else', () => {
    const filter = createVisibleChangeFilter()
    const ready = makeMessage({ status: 'ready', sentSecondsAgo: 30, sourceSafety: 'unsafe' })
    expect(filter.changed(ready)).toBe(true)
    // The tracker rewrote it (a poll touched updatedAt): nothing on screen differs.
    expect(filter.changed({ ...ready, updatedAt: NOW + 2_000 })).toBe(false)
    expect(filter.changed({ ...ready, sourceSafety: 'safe' })).toBe(true)
    expect(filter.changed({ ...ready, sourceSafety: 'safe', status: 'relaying' })).toBe(true)
    expect(filter.changed({ ...ready, sourceSafety: 'safe', status: 'relaying' })).toBe(false)
  })
})
