import { describe, expect, it } from 'vitest'

import { PRESETS } from './presets'
import { validateChainConfig } from './validate'

describe('PRESETS', () => {
  it('local devnet: chains 901…905 on ports 9545…9549, named Devnet', () => {
    expect(PRESETS.localDevnet?.map((c) => [c.id, c.name, c.rpcUrl])).toEqual([
      [901, 'Devnet L2 A', 'http://127.0.0.1:9545'],
      [902, 'Devnet L2 B', 'http://127.0.0.1:9546'],
      [903, 'Devnet L2 C', 'http://127.0.0.1:9547'],
      [904, 'Devnet L2 D', 'http://127.0.0.1:9548'],
      [905, 'Devnet L2 E', 'http://127.0.0.1:9549'],
    ])
  })

  it('interop alpha: the two OP Labs devnets with their Blockscout explorers', () => {
    expect(PRESETS.interopAlpha).toEqual([
      {
        id: 420120000,
        name: 'Interop Alpha 0',
        rpcUrl: 'https://interop-alpha-0.optimism.io',
        explorerUrl: 'https://optimism-interop-alpha-0.blockscout.com',
        nativeSymbol: 'ETH',
        testnet: true,
        preset: 'interopAlpha',
      },
      {
        id: 420120001,
        name: 'Interop Alpha 1',
        rpcUrl: 'https://interop-alpha-1.optimism.io',
        explorerUrl: 'https://optimism-interop-alpha-1.blockscout.com',
        nativeSymbol: 'ETH',
        testnet: true,
        preset: 'interopAlpha',
      },
    ])
  })

  it('interop rc alpha: no explorer rather than an empty URL', () => {
    expect(PRESETS.interopRcAlpha?.map((c) => [c.id, c.rpcUrl, 'explorerUrl' in c])).toEqual([
      [420120003, 'https://interop-rc-alpha-0.optimism.io', false],
      [420120004, 'https://interop-rc-alpha-1.optimism.io', false],
    ])
  })

  it('every preset chain passes validation unchanged and records its preset key', () => {
    for (const [key, chains] of Object.entries(PRESETS)) {
      for (const chain of chains) {
        expect(chain.preset).toBe(key)
        expect(validateChainConfig(chain)).toEqual(chain)
      }
    }
  })
})
