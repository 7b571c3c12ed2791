import { describe, expect, it } from 'vitest'

import { involvedAccounts } from './toTrackedMessage'

const alice = '0x00000000000000000000000000000000000A11CE'
const bob = '0x0000000000000000000000000000000000000B0B'
const bridge = '0x4200000000000000000000000000000000000028'

describe('involvedAccounts', () => {
  it('finds the sender and the recipient of a transfer among watched accounts, case-insensitively', () => {
    const transfer = {
      sender: bridge,
      target: bridge,
      intent: { kind: 'erc20', token: bridge, from: alice, to: bob, amount: 1n },
    } as const
    expect(involvedAccounts(transfer, [alice.toLowerCase() as `0x${string}`])).toEqual([alice.toLowerCase()])
    expect(involvedAccounts(transfer, [bob])).toEqual([bob.toLowerCase()])
    expect(involvedAccounts(transfer, ['0x000000000000000000000000000000000000c0de'])).toEqual([])
  })

  it('matches a generic message by sender or target', () => {
    const generic = { sender: alice, target: bob, intent: { kind: 'generic' } } as const
    expect(involvedAccounts(generic, [alice, bob])).toEqual([alice.toLowerCase(), bob.toLowerCase()])
  })
})
