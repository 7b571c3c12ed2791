import { describe, expect, it } from 'vitest'

import { splitByTab, tabFor } from './directions'
import { ALICE, BOB, CAROL, makeMessage } from './messageFixtures.test-helper'

describe('tabs by direction', () => {
  const sent = makeMessage({ seed: 1 }) // ALICE → BOB
  const received = makeMessage({ seed: 2, kind: 'eth' }) // ALICE → BOB
  const generic = makeMessage({ seed: 3, kind: 'generic' }) // sender ALICE, target CAROL

  it('splits against the watched accounts', () => {
    expect(tabFor(sent, [ALICE])).toBe('outgoing')
    expect(tabFor(received, [BOB.toLowerCase() as typeof BOB])).toBe('incoming')
    expect(tabFor(generic, [CAROL])).toBe('incoming')
    expect(tabFor(sent, [CAROL])).toBe('other')
  })

  it('prefers outgoing when several accounts are involved', () => {
    expect(tabFor(sent, [BOB, ALICE])).toBe('outgoing')
  })

  it('shows one "All" tab without accounts', () => {
    expect(splitByTab([sent, received], undefined)).toEqual({
      tabs: ['all'],
      byTab: { all: [sent, received] },
    })
    expect(splitByTab([sent], []).tabs).toEqual(['all'])
  })

  it('adds "Other" only when some message involves none of the accounts', () => {
    expect(splitByTab([sent, received], [BOB]).tabs).toEqual(['outgoing', 'incoming'])
    const { tabs, byTab } = splitByTab([sent, generic], [BOB])
    expect(tabs).toEqual(['outgoing', 'incoming', 'other'])
    expect(byTab.incoming).toEqual([sent])
    expect(byTab.other).toEqual([generic])
  })
})
