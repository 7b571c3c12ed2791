/**
 * The MetaMask wrapper, against a scripted EIP-1193 provider standing in for MetaMask's StreamProvider (no MetaMask
 * runs in tests): missing MetaMask, reconnecting after a disconnect, and the remembered access-list drop.
 */
import { EventEmitter } from 'node:events'

import type { PublicClient } from 'viem'
import { describe, expect, it } from 'vitest'

import { createFakeStorageArea } from './fakeHost.test-helper'
import { createWallet, createWalletConnection, MetaMaskUnavailableError } from './wallet'

const ACCOUNT = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'
const INBOX = '0x4200000000000000000000000000000000000022'

class ScriptedProvider extends EventEmitter {
  requests: string[] = []
  constructor(private readonly answer: (method: string) => unknown) {
    super()
  }
  async request({ method }: { method: string }) {
    this.requests.push(method)
    return this.answer(method)
  }
}

describe('the MetaMask connection', () => {
  it('fails clearly when MetaMask is missing (its port disconnects), and reconnects on the next call', async () => {
    const made: ScriptedProvider[] = []
    const connection = createWalletConnection(() => {
      const provider = new ScriptedProvider(() => new Promise(() => {}))
      made.push(provider)
      setTimeout(() => provider.emit('disconnect', new Error('Receiving end does not exist')), 5)
      return provider
    })
    await expect(connection.provider.request({ method: 'eth_requestAccounts' })).rejects.toThrow(
      /MetaMask is not reachable: it is not installed, is disabled/,
    )
    expect(connection.pending()).toBe(0)
    await expect(connection.provider.request({ method: 'eth_accounts' })).rejects.toBeInstanceOf(
      MetaMaskUnavailableError,
    )
    expect(made).toHaveLength(2)
  })

  it('times out calls that never need the user', async () => {
    const connection = createWalletConnection(() => new ScriptedProvider(() => new Promise(() => {})), {
      quickTimeoutMs: 20,
    })
    await expect(connection.provider.request({ method: 'eth_chainId' })).rejects.toBeInstanceOf(
      MetaMaskUnavailableError,
    )
  })

  it('remembers a wallet that dropped the access list and refuses it up front next time', async () => {
    const local = createFakeStorageArea()
    const provider = new ScriptedProvider((method) => {
      if (method === 'eth_accounts') return [ACCOUNT]
      if (method === 'eth_chainId') return '0x386'
      if (method === 'eth_sendTransaction') return `0x${'aa'.repeat(32)}`
      throw new Error(`unexpected ${method}`)
    })
    const wallet = createWallet(
      createWalletConnection(() => provider),
      local,
    )
    expect(await wallet.status()).toEqual({ dropsAccessList: false })
    const request = {
      to: '0x4200000000000000000000000000000000000023' as const,
      data: '0x1234' as const,
      value: 0n,
      accessList: [
        { address: INBOX as `0x${string}`, storageKeys: [`0x${'01'.repeat(32)}` as `0x${string}`] },
      ],
    }
    // The tx as the chain has it: MetaMask sent it without the list.
    const client = { getTransaction: async () => ({ accessList: [] }) } as unknown as PublicClient
    const target = { chain: { id: 902, name: 'B' } as never, client }
    await expect((await wallet.signer()).send(request, target)).rejects.toThrow(
      /MetaMask dropped the relay's access list/,
    )
    await expect.poll(async () => (await wallet.status()).dropsAccessList).toBe(true)

    provider.requests = []
    await expect((await wallet.signer()).send(request, target)).rejects.toThrow(
      /dropped the relay's access list/,
    )
    expect(provider.requests).toEqual([]) // refused before asking the user to sign
    expect(await wallet.resetStatus()).toEqual({ dropsAccessList: false })
  })
})
