import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'

import { CHAINS, cannedTracker } from './messageFixtures.test-helper'
import { parseTransactionHash, TrackTransactionForm } from './TrackTransactionForm'

const HASH = `0x${'ab'.repeat(32)}`

describe('parseTransactionHash', () => {
  it('accepts a 32-byte hex hash, trimmed and lower-cased', () => {
    expect(parseTransactionHash(HASH)).toEqual({ ok: true, hash: HASH })
    expect(parseTransactionHash(`  0X${'AB'.repeat(32)}\n`)).toEqual({ ok: true, hash: HASH })
  })

  it('says what is wrong with anything else', () => {
    expect(parseTransactionHash('')).toMatchObject({ ok: false, error: expect.stringContaining('Paste') })
    expect(parseTransactionHash('ab'.repeat(32))).toMatchObject({
      error: 'A transaction hash starts with 0x.',
    })
    expect(parseTransactionHash(`0x${'zz'.repeat(32)}`)).toMatchObject({
      error: expect.stringContaining('hex digits'),
    })
    expect(parseTransactionHash('0x1234')).toMatchObject({ error: expect.stringContaining('this one has 4') })
    // An address is 20 bytes: a common paste mistake.
    expect(parseTransactionHash('0x70997970C51812dc3A010C7d01b50e0d17dc79C8')).toMatchObject({ ok: false })
  })
})

describe('TrackTransactionForm', () => {
  it('asks for the hash alone: no chain to pick', () => {
    const { api } = cannedTracker()
    const html = renderToStaticMarkup(<TrackTransactionForm api={api} chains={CHAINS} />)
    expect(html).not.toContain('<select')
    expect(html).toContain('placeholder="0x… transaction hash, on any chain"')
  })
})
