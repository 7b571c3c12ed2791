import { describe, expect, it } from 'vitest'

import { resolveTheme, validateWidgetConfig, type InvalidWidgetConfigError } from './config'

const chain = { id: 901, name: 'Devnet L2 A', rpcUrl: 'http://127.0.0.1:9545', nativeSymbol: 'ETH' }

function failure(input: unknown): InvalidWidgetConfigError {
  try {
    validateWidgetConfig(input)
  } catch (error) {
    return error as InvalidWidgetConfigError
  }
  throw new Error('expected the config to be refused')
}

describe('validateWidgetConfig', () => {
  it('accepts a minimal config and returns a clean copy', () => {
    expect(
      validateWidgetConfig({ chains: [{ ...chain, rpcUrl: ' http://127.0.0.1:9545 ', extra: 1 }] }),
    ).toEqual({
      chains: [chain],
    })
  })

  it('keeps every documented field', () => {
    const provider = { request: async () => null }
    const config = validateWidgetConfig({
      chains: [chain, { ...chain, id: 902, rpcUrl: 'http://127.0.0.1:9546' }],
      provider,
      walletName: ' MetaMask ',
      accounts: ['0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'],
      theme: { mode: 'dark', variables: { '--scr-accent': '#ff0420' } },
      title: 'Transfers',
      storageName: 'my-dapp',
      discoverAccounts: false,
    })
    expect(config.provider).toBe(provider)
    expect(config).toMatchObject({
      walletName: 'MetaMask',
      title: 'Transfers',
      storageName: 'my-dapp',
      discoverAccounts: false,
    })
    expect(resolveTheme(config.theme)).toEqual({ mode: 'dark', variables: { '--scr-accent': '#ff0420' } })
  })

  it('names the field that is wrong', () => {
    expect(failure(undefined).field).toBe('config')
    expect(failure({ chains: [] }).field).toBe('chains')
    expect(failure({ chains: [{ ...chain, rpcUrl: 'not a url' }] })).toMatchObject({
      field: 'chains[0]',
      message: expect.stringContaining('rpcUrl must be an http/https/ws/wss URL'),
    })
    expect(failure({ chains: [chain, chain] }).field).toBe('chains[1].id')
    expect(failure({ chains: [chain], provider: {} }).field).toBe('provider')
    expect(failure({ chains: [chain], accounts: ['0x123'] }).field).toBe('accounts[0]')
    expect(failure({ chains: [chain], theme: 'blue' }).field).toBe('theme')
    expect(failure({ chains: [chain], theme: { mode: 'sepia' } }).field).toBe('theme.mode')
    expect(failure({ chains: [chain], theme: { variables: { '--scr-bgg': '#000' } } }).field).toBe(
      'theme.variables["--scr-bgg"]',
    )
    // A value that would break out of the style declaration.
    expect(
      failure({ chains: [chain], theme: { variables: { '--scr-bg': 'red; display: none' } } }).field,
    ).toBe('theme.variables["--scr-bg"]')
    expect(failure({ chains: [chain], discoverAccounts: 'yes' }).field).toBe('discoverAccounts')
  })

  it('resolves the theme shorthand', () => {
    expect(resolveTheme(undefined)).toEqual({ mode: 'auto', variables: {} })
    expect(resolveTheme('light')).toEqual({ mode: 'light', variables: {} })
  })
})
