import { describe, expect, it } from 'vitest'

import { PRESETS, PRESET_INFO, SOURCES, fromViemChain, interopPlanned, type PresetSource } from './presets'
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

  it('Lagoon testnet: OP Sepolia and Unichain Sepolia, marked as interop not active yet', () => {
    expect(PRESETS.lagoonTestnet?.map((c) => [c.id, c.name, c.testnet])).toEqual([
      [11155420, 'OP Sepolia', true],
      [1301, 'Unichain Sepolia', true],
    ])
    expect(PRESETS.lagoonTestnet?.every((c) => c.rpcUrl.startsWith('https://'))).toBe(true)
    expect(PRESET_INFO.lagoonTestnet?.interop).toBe('planned')
    expect(interopPlanned(PRESETS.lagoonTestnet![0]!)).toBe(true)
    expect(interopPlanned(PRESETS.localDevnet![0]!)).toBe(false)
  })

  it('the gone interop-alpha and rc-alpha devnets are no longer offered', () => {
    expect(Object.keys(PRESETS)).toEqual(['localDevnet', 'lagoonTestnet'])
    expect(Object.keys(PRESET_INFO)).toEqual(Object.keys(PRESETS))
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

describe('preset sources', () => {
  it('are what the packages define: an upgrade that changes a chain fails here, not in a user’s picker', async () => {
    const { supersimL2A, supersimL2B, supersimL2C, supersimL2D, supersimL2E } =
      await import('@eth-optimism/viem/chains')
    const { optimismSepolia, unichainSepolia } = await import('viem/chains')
    const read = (chains: readonly PresetSource[]) => chains.map((c) => fromViemChain(c, 'preset'))
    expect(read(SOURCES.supersim)).toEqual(
      read([supersimL2A, supersimL2B, supersimL2C, supersimL2D, supersimL2E]),
    )
    expect(read(SOURCES.lagoon)).toEqual(read([optimismSepolia, unichainSepolia]))
  })
})
