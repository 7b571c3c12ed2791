import { describe, expect, it } from 'vitest'

import type { ChainNoticeView } from '../core/tracker/chainNotices'
import { chainNoticeSentence } from './ChainNotices'

const notice: ChainNoticeView = {
  id: 'retired:interopAlpha',
  kind: 'retiredNetwork',
  network: 'Interop alpha testnet',
  chains: [
    { id: 420120000, name: 'Alpha 0' },
    { id: 420120001, name: 'Alpha 1' },
  ],
  at: 0,
  text: 'Removed Alpha 0 (420120000), Alpha 1 (420120001) from your chains: …',
  messages: 3,
}

describe('chainNoticeSentence', () => {
  it('says what went and what stays, from what the notice holds', () => {
    expect(chainNoticeSentence(notice)).toBe(
      'Interop alpha testnet was retired; its chains were removed. Your 3 messages on it stay in the history.',
    )
    expect(chainNoticeSentence({ ...notice, chains: [notice.chains[0]!], messages: 1 })).toBe(
      'Interop alpha testnet was retired; its chain was removed. Your 1 message on it stays in the history.',
    )
  })
})
