import { describe, expect, it } from 'vitest'

import { autoSelection, readRememberedWallet, rememberWallet, type Announcement } from './walletChoice'

const ICON = 'data:image/svg+xml;base64,PHN2Zy8+'
const metamask: Announcement = { id: 'uuid-1', rdns: 'io.metamask', icon: ICON }
const remembered = rememberWallet(metamask)

describe('EIP-6963 auto-selection', () => {
  it('picks the wallet chosen before when it is announced unchanged', () => {
    expect(remembered).toMatchObject({
      rdns: 'io.metamask',
      iconHash: expect.stringMatching(/^0x[0-9a-f]{64}$/),
    })
    expect(autoSelection([{ id: 'other', rdns: 'com.other', icon: ICON }, metamask], remembered)).toBe(
      metamask,
    )
    // A new uuid each page load is normal: the uuid is not what identifies the wallet.
    expect(autoSelection([{ ...metamask, id: 'uuid-2' }], remembered)?.id).toBe('uuid-2')
  })

  it('never picks by itself a wallet that was not chosen before, even the only one', () => {
    expect(autoSelection([metamask], undefined)).toBeUndefined()
    expect(autoSelection([{ id: 'x', rdns: 'com.evil', icon: ICON }], remembered)).toBeUndefined()
  })

  it('refuses a changed announcement: another icon, a URL icon, no icon, or a second wallet with the same rdns', () => {
    const cases: Announcement[][] = [
      [{ ...metamask, icon: 'data:image/svg+xml;base64,PHN2ZyB4PSIxIi8+' }],
      [{ ...metamask, icon: 'https://evil.example/metamask.svg' }],
      [{ id: 'uuid-1', rdns: 'io.metamask' }],
      [metamask, { id: 'spoof', rdns: 'io.metamask', icon: ICON }],
    ]
    for (const announced of cases) expect(autoSelection(announced, remembered)).toBeUndefined()
  })

  it('remembers nothing for a wallet without rdns or data: icon, and reads only its own record shape', () => {
    expect(rememberWallet({ id: 'a', icon: ICON })).toBeUndefined()
    expect(rememberWallet({ id: 'a', rdns: 'x.y', icon: 'http://x/y.png' })).toBeUndefined()
    expect(readRememberedWallet(JSON.stringify(remembered))).toEqual(remembered)
    for (const text of [
      null,
      '',
      'io.metamask', // what older builds stored: a bare rdns no longer auto-selects
      '{"rdns":"io.metamask"}',
      '{"rdns":"io.metamask","iconHash":"0x12"}',
      `{"rdns":"io.metamask","iconHash":"${remembered!.iconHash}","__proto__":{"x":1}}`,
      '[]',
    ]) {
      expect(readRememberedWallet(text)).toBeUndefined()
    }
  })
})
