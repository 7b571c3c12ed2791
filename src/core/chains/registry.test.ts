import { createServer } from 'node:http'

import {
  createPublicClient,
  custom,
  decodeFunctionData,
  encodeFunctionResult,
  multicall3Abi,
  parseAbi,
} from 'viem'
import { describe, expect, it, vi } from 'vitest'

import { useJsonRpcServer } from '../../../test/fixtures/jsonRpcServer'
import { MULTICALL3 } from '../protocol/addresses'
import {
  ChainIdMismatchError,
  InvalidChainConfigError,
  RpcUnreachableError,
  UnknownChainError,
} from './errors'
import { LOCAL_DEVNET } from './presets'
import { createChainRegistry } from './registry'
import type { ChainConfig } from './types'

const A: ChainConfig = { id: 901, name: 'Devnet L2 A', rpcUrl: 'http://127.0.0.1:9545', nativeSymbol: 'ETH' }
const B: ChainConfig = { id: 902, name: 'Devnet L2 B', rpcUrl: 'http://127.0.0.1:9546', nativeSymbol: 'ETH' }

describe('createChainRegistry', () => {
  it('starts from the initial configs, in order', () => {
    const registry = createChainRegistry(LOCAL_DEVNET)
    expect(registry.list().map((c) => c.id)).toEqual([901, 902, 903, 904, 905])
    expect(registry.get(902).name).toBe('Devnet L2 B')
  })

  it('get names the unknown id and the known ones; tryGet returns undefined', () => {
    const registry = createChainRegistry([A, B])
    expect(() => registry.get(10)).toThrow(UnknownChainError)
    expect(() => registry.get(10)).toThrow(
      'Unknown chain 10: it is not in the chain registry (known: 901, 902).',
    )
    expect(() => createChainRegistry().get(10)).toThrow('(known: none)')
    expect(registry.tryGet(10)).toBeUndefined()
    expect(registry.tryGet(901)).toEqual(A)
  })

  it('rejects an invalid initial config', () => {
    expect(() => createChainRegistry([{ ...A, rpcUrl: 'nope' }])).toThrow(InvalidChainConfigError)
  })

  it('add replaces a config with the same id in place; remove reports whether it removed', () => {
    const registry = createChainRegistry([A, B])
    registry.add({ ...A, rpcUrl: 'http://127.0.0.1:19545' })
    expect(registry.list().map((c) => [c.id, c.rpcUrl])).toEqual([
      [901, 'http://127.0.0.1:19545'],
      [902, B.rpcUrl],
    ])
    expect(registry.remove(901)).toBe(true)
    expect(registry.remove(901)).toBe(false)
    expect(registry.list().map((c) => c.id)).toEqual([902])
  })

  it('add validates', () => {
    const registry = createChainRegistry()
    expect(() => registry.add({ ...A, id: 0 })).toThrow(InvalidChainConfigError)
    expect(registry.list()).toEqual([])
  })

  it('hands out copies, so callers cannot mutate the registry', () => {
    const registry = createChainRegistry([A])
    registry.get(901).name = 'mutated'
    registry.list()[0]!.rpcUrl = 'http://evil'
    expect(registry.get(901)).toEqual(A)
  })

  it('onChange hears every add and remove with the full list, until unsubscribed', () => {
    const registry = createChainRegistry([A])
    const listener = vi.fn()
    const off = registry.onChange(listener)
    registry.add(B)
    expect(listener).toHaveBeenLastCalledWith([A, B])
    registry.remove(901)
    expect(listener).toHaveBeenLastCalledWith([B])
    registry.remove(901) // nothing removed: no event
    expect(listener).toHaveBeenCalledTimes(2)
    off()
    registry.add(A)
    expect(listener).toHaveBeenCalledTimes(2)
  })

  it('a throwing listener does not keep the others from hearing the change', () => {
    const registry = createChainRegistry()
    const other = vi.fn()
    registry.onChange(() => {
      throw new Error('listener bug')
    })
    registry.onChange(other)
    expect(() => registry.add(A)).toThrow('listener bug')
    expect(other).toHaveBeenCalledWith([A])
    expect(registry.get(901)).toEqual(A)
  })

  describe('toViemChain', () => {
    it('carries id, name, rpc, explorer and Multicall3', () => {
      const registry = createChainRegistry([{ ...A, explorerUrl: 'https://explorer.example', testnet: true }])
      const chain = registry.toViemChain(901)
      expect(chain.id).toBe(901)
      expect(chain.name).toBe('Devnet L2 A')
      expect(chain.rpcUrls.default.http).toEqual(['http://127.0.0.1:9545'])
      expect(chain.blockExplorers?.default.url).toBe('https://explorer.example')
      expect(chain.contracts?.multicall3?.address).toBe(MULTICALL3)
      expect(chain.nativeCurrency).toEqual({ name: 'ETH', symbol: 'ETH', decimals: 18 })
      expect(chain.testnet).toBe(true)
    })

    it('puts a ws URL under webSocket', () => {
      const registry = createChainRegistry([{ ...A, rpcUrl: 'ws://127.0.0.1:9545' }])
      expect(registry.toViemChain(901).rpcUrls.default).toEqual({
        http: [],
        webSocket: ['ws://127.0.0.1:9545'],
      })
    })

    it('returns the same object until the config changes', () => {
      const registry = createChainRegistry([A])
      const first = registry.toViemChain(901)
      expect(registry.toViemChain(901)).toBe(first)
      registry.add({ ...A, name: 'Renamed' })
      const second = registry.toViemChain(901)
      expect(second).not.toBe(first)
      expect(second.name).toBe('Renamed')
      registry.remove(901)
      expect(() => registry.toViemChain(901)).toThrow(UnknownChainError)
    })

    it('lets client.multicall batch through Multicall3 without naming its address', async () => {
      const registry = createChainRegistry([A])
      const calls: { to: string; data: `0x${string}` }[] = []
      const client = createPublicClient({
        chain: registry.toViemChain(901),
        transport: custom({
          async request({ method, params }) {
            if (method !== 'eth_call') throw new Error(`unexpected ${method}`)
            calls.push(params[0])
            return encodeFunctionResult({
              abi: multicall3Abi,
              functionName: 'aggregate3',
              result: [
                { success: false, returnData: '0x' },
                { success: false, returnData: '0x' },
              ],
            })
          },
        }),
      })
      const abi = parseAbi(['function decimals() view returns (uint8)'])
      const token = '0x420beeF000000000000000000000000000000001'
      const results = await client.multicall({
        contracts: [
          { address: token, abi, functionName: 'decimals' },
          { address: token, abi, functionName: 'decimals' },
        ],
      })
      expect(results.map((r) => r.status)).toEqual(['failure', 'failure'])
      expect(calls).toHaveLength(1)
      expect(calls[0]!.to.toLowerCase()).toBe(MULTICALL3.toLowerCase())
      expect(decodeFunctionData({ abi: multicall3Abi, data: calls[0]!.data }).functionName).toBe('aggregate3')
    })
  })

  describe('addVerified', () => {
    /** A JSON-RPC server claiming chain 901: every method answers 0x385. */
    const rpc = useJsonRpcServer(() => ({ result: '0x385' }))

    it('adds a config whose RPC serves its chain', async () => {
      const registry = createChainRegistry()
      const listener = vi.fn()
      registry.onChange(listener)
      await expect(registry.addVerified({ ...A, rpcUrl: rpc.url })).resolves.toEqual({
        ...A,
        rpcUrl: rpc.url,
      })
      expect(registry.get(901).rpcUrl).toBe(rpc.url)
      expect(listener).toHaveBeenCalledOnce()
    })

    it('adds nothing when the RPC serves another chain', async () => {
      const registry = createChainRegistry()
      await expect(registry.addVerified({ ...B, rpcUrl: rpc.url })).rejects.toThrow(ChainIdMismatchError)
      expect(registry.list()).toEqual([])
    })

    it('adds nothing when the RPC is unreachable', async () => {
      const registry = createChainRegistry()
      const closed = createServer()
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
      const deadUrl = `http://127.0.0.1:${(closed.address() as { port: number }).port}`
      await new Promise((resolve) => closed.close(resolve))
      await expect(registry.addVerified({ ...A, rpcUrl: deadUrl })).rejects.toThrow(RpcUnreachableError)
      expect(registry.list()).toEqual([])
    })

    it('validates before touching the network', async () => {
      const registry = createChainRegistry()
      await expect(registry.addVerified({ ...A, name: '' })).rejects.toThrow(InvalidChainConfigError)
    })
  })
})
