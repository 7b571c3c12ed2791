/**
 * Bad-input corpus: the widget's props (the React component and the element's `config` property) and the custom
 * element's attributes. Every case is refused by validateWidgetConfig (or the attribute reader) with an error naming
 * the field; the IndexedDB history a widget on the same origin would open holds what it held before.
 */
import 'fake-indexeddb/auto'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { InvalidWidgetConfigError, validateWidgetConfig } from '../../widget/config'
import { MAX_ATTRIBUTE_LENGTH, withAttribute, type AttributeName } from '../../widget/attributes'
import { openIndexedDbStore } from '../../src/core/store/indexedDbStore'
import { erc20Transfer } from '../../src/core/store/messageFixtures.test-helper'
import { exportHistory } from '../../src/core/store/serialize'
import type { MessageStore } from '../../src/core/store/types'
import { DEFAULT_STORAGE_NAME } from '../../widget/config'
import { assertNoPollution, POLLUTION_KEYS, type BadCase } from './corpus'

const CHAIN = { id: 901, name: 'Devnet L2 A', rpcUrl: 'http://127.0.0.1:9545', nativeSymbol: 'ETH' }
const VALID = { chains: [CHAIN] }

let store: MessageStore
beforeAll(async () => {
  store = await openIndexedDbStore({ name: DEFAULT_STORAGE_NAME })
  await store.upsert(erc20Transfer())
})
afterAll(async () => {
  await store?.close()
})

function propCases(): BadCase[] {
  const list: BadCase[] = []
  const add = (name: string, input: unknown, error: RegExp) => list.push({ name, input, error })
  for (const input of [undefined, null, 42, 'chains', [], () => {}])
    add(
      `config ${typeof input === 'function' ? 'a function' : (JSON.stringify(input) ?? 'undefined')}`,
      input,
      /config must be an object/,
    )
  for (const chains of [undefined, [], {}, 'http://127.0.0.1:9545', [null], Array(65).fill(CHAIN)])
    add(
      `chains ${Array.isArray(chains) ? `array(${chains.length})` : (JSON.stringify(chains) ?? 'missing')}`,
      { chains },
      /^Invalid Superchain Relay widget config: chains/,
    )
  for (const [field, value] of [
    ['id', 0],
    ['id', -901],
    ['id', '901'],
    ['id', 2 ** 53 + 2],
    ['rpcUrl', 'javascript:alert(1)'],
    ['rpcUrl', 'file:///etc/passwd'],
    ['rpcUrl', '127.0.0.1:9545'],
    ['name', ''],
    ['nativeSymbol', ''],
    ['name', 'N'.repeat(65)],
    ['name', 'Devnet\nA'],
    ['name', 'Devnet \u202eA'],
    ['nativeSymbol', 'ETHETHETHETHE'],
    ['nativeSymbol', 'ETH\u0000'],
    ['explorerUrl', 'javascript:void(0)'],
  ] as const)
    add(
      `chains[0].${field} ${JSON.stringify(value)}`,
      { chains: [{ ...CHAIN, [field]: value }] },
      new RegExp(`chains\\[0\\] is invalid: .*${field}`),
    )
  add('the same chain twice', { chains: [CHAIN, CHAIN] }, /chains\[1\]\.id repeats chain 901/)
  for (const provider of [{}, null, 'window.ethereum', { request: 'yes' }])
    add(
      `provider ${JSON.stringify(provider)}`,
      { ...VALID, provider },
      /provider must be an EIP-1193 provider/,
    )
  for (const walletName of ['', '   ', 7, 'W'.repeat(121)])
    add(
      `walletName ${JSON.stringify(walletName).slice(0, 20)}`,
      { ...VALID, walletName },
      /walletName must be/,
    )
  for (const accounts of ['0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', { 0: 'x' }])
    add(
      `accounts ${JSON.stringify(accounts)}`,
      { ...VALID, accounts },
      /accounts must be an array of addresses/,
    )
  for (const account of ['0x42', '', 'vitalik.eth', `0x${'z'.repeat(40)}`, 5, null, '0x٣'])
    add(
      `accounts[0] ${JSON.stringify(account)}`,
      { ...VALID, accounts: [account] },
      /accounts\[0\] must be a 0x address/,
    )
  add(
    'too many accounts',
    { ...VALID, accounts: Array(257).fill('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266') },
    /accounts must list at most 256/,
  )
  for (const theme of ['blue', 'DARK', 5, [], null])
    add(`theme ${JSON.stringify(theme)}`, { ...VALID, theme }, /theme must be/)
  add(
    'theme mode sepia',
    { ...VALID, theme: { mode: 'sepia' } },
    /theme\.mode must be 'light', 'dark' or 'auto'/,
  )
  add(
    'theme variables not an object',
    { ...VALID, theme: { variables: 'red' } },
    /theme\.variables must be an object/,
  )
  for (const [name, value] of [
    ['--scr-bgg', '#000'],
    ['color', 'red'],
    ['--scr-bg', 'red; display: none'],
    ['--scr-bg', '}body{display:none'],
    ['--scr-bg', '</style><script>'],
    ['--scr-bg', ''],
    ['--scr-bg', 12],
  ] as const)
    add(
      `theme variable ${name}: ${JSON.stringify(value)}`,
      { ...VALID, theme: { variables: { [name]: value } } },
      /theme\.variables\[".*"\] (is not a theme variable|must be a CSS value)/,
    )
  for (const title of ['', '  ', 42, 'T'.repeat(121)])
    add(`title ${JSON.stringify(title).slice(0, 20)}`, { ...VALID, title }, /title must be/)
  for (const storageName of ['', 'a:b', '../other', 'x'.repeat(65), 'name with spaces', 'ünïcode', 42])
    add(
      `storageName ${JSON.stringify(storageName).slice(0, 24)}`,
      { ...VALID, storageName },
      /storageName must be/,
    )
  for (const discoverAccounts of ['yes', 1, null])
    add(
      `discoverAccounts ${JSON.stringify(discoverAccounts)}`,
      { ...VALID, discoverAccounts },
      /discoverAccounts must be a boolean/,
    )
  for (const typo of ['storagename', 'chain', 'onError', 'privateKey'])
    add(
      `unknown field ${typo}`,
      { ...VALID, [typo]: 'x' },
      new RegExp(`${typo} is not a widget config field`),
    )
  for (const key of POLLUTION_KEYS)
    add(
      `${key} key`,
      JSON.parse(`{"chains":${JSON.stringify([CHAIN])},"${key}":{"polluted":true}}`),
      new RegExp(`${key} is not a widget config field`),
    )
  return list
}

/** Attribute cases: [attribute, value, error] — read by the element, then judged as a config. */
function attributeCases(): BadCase<[AttributeName, string]>[] {
  const chains = JSON.stringify([CHAIN])
  const raw: [AttributeName, string, RegExp][] = [
    ['chains', '', /chains attribute is not JSON/],
    ['chains', '[{id:901}]', /chains attribute is not JSON/],
    ['chains', `${chains.slice(0, -1)}`, /chains attribute is not JSON/],
    ['chains', 'null', /chains must be a non-empty array/],
    ['chains', '{}', /chains must be a non-empty array/],
    ['chains', '[]', /chains must be a non-empty array/],
    ['chains', '[1,2]', /chains\[0\] is invalid/],
    [
      'chains',
      JSON.stringify([{ ...CHAIN, rpcUrl: 'javascript:alert(1)' }]),
      /chains\[0\] is invalid: .*rpcUrl/,
    ],
    ['chains', ' '.repeat(MAX_ATTRIBUTE_LENGTH + 1), /chains attribute is too long/],
    ['accounts', '0x42', /accounts\[0\] must be a 0x address/],
    ['accounts', '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266,evil', /accounts\[1\] must be a 0x address/],
    ['accounts', '<img src=x onerror=alert(1)>', /accounts\[0\] must be a 0x address/],
    ['theme', 'blue', /theme must be 'light', 'dark' or 'auto'/],
    ['theme', '{"mode":"dark"}', /theme must be 'light', 'dark' or 'auto'/],
    ['widget-title', '', /title must be a non-empty string/],
    ['widget-title', 'x'.repeat(200), /title must be at most 120 characters/],
    ['storage-name', 'a/b', /storageName must be 1 to 64/],
    ['storage-name', '', /storageName must be 1 to 64/],
    ['wallet-name', ' ', /walletName must be a non-empty string/],
  ]
  return raw.map(([name, value, error]) => ({
    name: `${name}="${value.slice(0, 24)}"`,
    input: [name, value],
    error,
  }))
}

async function history() {
  return exportHistory(store, { exportedAt: 0 })
}

describe('bad widget props', () => {
  it('the valid base config is accepted', () => {
    expect(validateWidgetConfig(VALID).chains).toHaveLength(1)
  })

  it.each(propCases().map((c) => [c.name, c] as const))(
    '%s: refused, named, history unchanged',
    async (_n, c) => {
      const before = await history()
      let error: unknown
      try {
        validateWidgetConfig(c.input)
      } catch (e) {
        error = e
      }
      expect(error).toBeInstanceOf(InvalidWidgetConfigError)
      expect((error as Error).message).toMatch(c.error)
      expect(await history()).toBe(before)
      assertNoPollution()
    },
  )
})

describe('bad element attributes', () => {
  it.each(attributeCases().map((c) => [c.name, c] as const))(
    '%s: refused, named, history unchanged',
    async (_n, c) => {
      const before = await history()
      // The other attributes a page would set, valid, so the one under test is what fails.
      let config = withAttribute({}, 'chains', JSON.stringify([CHAIN])).config
      const [name, value] = c.input
      const read = withAttribute(config, name, value)
      config = read.config
      let message = read.error?.message
      if (!message) {
        try {
          validateWidgetConfig(config)
        } catch (e) {
          expect(e).toBeInstanceOf(InvalidWidgetConfigError)
          message = (e as Error).message
        }
      }
      expect(message).toMatch(c.error)
      expect(await history()).toBe(before)
    },
  )
})
