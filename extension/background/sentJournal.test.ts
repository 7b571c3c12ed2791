import type { Hex, PublicClient } from 'viem'
import { describe, expect, it } from 'vitest'

import type { RelaySigner, SignerRequest } from '../../src/core/relay/signer'
import { createFakeStorageArea } from './fakeHost.test-helper'
import { journalled } from './sentJournal'

const REQUEST: SignerRequest = {
  to: '0x4200000000000000000000000000000000000023',
  data: '0xabcdef',
  value: 0n,
}

/** A signer that counts signatures, and a chain that knows which txs are pending or mined. */
function setup() {
  const sent: Hex[] = []
  const mined = new Set<Hex>()
  const signer: RelaySigner = {
    kind: 'local',
    address: async () => '0x0000000000000000000000000000000000000001',
    async send() {
      const hash = `0x${String(sent.length + 1).padStart(64, '0')}` as Hex
      sent.push(hash)
      return hash
    },
  }
  const client = {
    async getTransaction({ hash }: { hash: Hex }) {
      if (!sent.includes(hash)) throw new Error('not found')
      return { hash, blockNumber: mined.has(hash) ? 1n : null }
    },
  } as unknown as PublicClient
  const target = { chain: { id: 902 } as never, client }
  return { sent, mined, signer, target }
}

describe('the sent-transaction journal', () => {
  it('hands back the pending tx instead of signing the same relay twice (a restarted worker’s retry)', async () => {
    const { sent, signer, target } = setup()
    const session = createFakeStorageArea()
    const first = await journalled(signer, session).send(REQUEST, target)
    // A new worker: a new wrapper, the same chrome.storage.session.
    expect(await journalled(signer, session).send(REQUEST, target)).toBe(first)
    expect(sent).toEqual([first])
  })

  it('signs again once that tx is mined (a reverted relay’s retry), for another request, or after the window', async () => {
    const { sent, mined, signer, target } = setup()
    const session = createFakeStorageArea()
    let now = 0
    const guard = journalled(signer, session, () => now)
    const first = await guard.send(REQUEST, target)
    await guard.send({ ...REQUEST, data: '0x1234' }, target)
    expect(sent).toHaveLength(2)
    mined.add(first)
    await guard.send(REQUEST, target)
    expect(sent).toHaveLength(3)
    now = 10 * 60_000
    await guard.send(REQUEST, target)
    expect(sent).toHaveLength(4)
  })
})
