/**
 * MetaMask, reached from the background service worker with `createExternalExtensionProvider` (MetaMask injects
 * nothing into chrome-extension:// pages, so extensions talk to it over `chrome.runtime.connect`).
 *
 * Why the background and not the popup: MetaMask shows its confirmation in its own window, and Chrome closes an
 * action popup the moment it loses focus — a provider held by the popup would die with the very prompt it opened,
 * taking the read-back of the sent tx (the access-list check, docs/ARCHITECTURE.md §6) with it. In the background the relay
 * flow runs in one place for both signers, and while a call waits on the user the scheduler keeps the worker
 * awake (scheduler.ts). The provider dies with the worker, so it is created lazily and recreated after a
 * disconnect.
 *
 * What the wrapper adds: a clear error when MetaMask is missing or disabled (its port just disconnects, and the
 * provider's pending requests would otherwise wait forever), and a timeout on calls that never need the user.
 */
import type { EIP1193Provider, Hex } from 'viem'

import { createWalletSigner, SuperchainRelayError, type RelaySigner } from '../../src/core'
import type { WalletStatus } from '../messaging/protocol'
import type { StorageAreaLike } from './host'

/** What we need of MetaMask's StreamProvider. */
export interface StreamProviderLike {
  request(args: { method: string; params?: unknown }): Promise<unknown>
  on(event: 'disconnect', listener: (error: unknown) => void): unknown
}

export class MetaMaskUnavailableError extends SuperchainRelayError {
  override name = 'MetaMaskUnavailableError'
}

/** Calls that answer without asking the user; anything else may wait on a prompt for minutes. */
const QUICK_METHODS = new Set(['eth_chainId', 'eth_accounts', 'net_version'])
const QUICK_TIMEOUT_MS = 10_000

const UNAVAILABLE =
  'MetaMask is not reachable: it is not installed, is disabled, or is still starting. Install or enable it and ' +
  'try again — or relay with the built-in relay account, which needs no wallet.'

export interface WalletConnection {
  /** An EIP-1193 provider whose every call goes to the current MetaMask connection, made on first use. */
  provider: EIP1193Provider
  /** Calls waiting on MetaMask right now (the scheduler keeps the worker alive meanwhile). */
  pending(): number
}

export function createWalletConnection(
  createProvider: () => StreamProviderLike,
  options: { quickTimeoutMs?: number } = {},
): WalletConnection {
  let current: { provider: StreamProviderLike; disconnected: Promise<never> } | undefined
  let pending = 0

  function connect() {
    if (current) return current
    let provider: StreamProviderLike
    try {
      provider = createProvider()
    } catch (error) {
      throw new MetaMaskUnavailableError(UNAVAILABLE, { cause: error as Error })
    }
    const connection = {
      provider,
      disconnected: new Promise<never>((_, reject) => {
        provider.on('disconnect', (error: unknown) => {
          // Drop it: the next call reconnects (MetaMask's own worker restarts too).
          if (current === connection) current = undefined
          reject(
            new MetaMaskUnavailableError(UNAVAILABLE, { cause: error instanceof Error ? error : undefined }),
          )
        })
      }),
    }
    connection.disconnected.catch(() => {})
    current = connection
    return connection
  }

  async function request(args: { method: string; params?: unknown }): Promise<unknown> {
    const connection = connect()
    pending += 1
    let timer: ReturnType<typeof setTimeout> | undefined
    try {
      const racers: Promise<unknown>[] = [connection.provider.request(args), connection.disconnected]
      if (QUICK_METHODS.has(args.method)) {
        racers.push(
          new Promise((_, reject) => {
            timer = setTimeout(() => {
              if (current === connection) current = undefined
              reject(new MetaMaskUnavailableError(UNAVAILABLE))
            }, options.quickTimeoutMs ?? QUICK_TIMEOUT_MS)
          }),
        )
      }
      return await Promise.race(racers)
    } finally {
      clearTimeout(timer)
      pending -= 1
    }
  }

  return { provider: { request } as unknown as EIP1193Provider, pending: () => pending }
}

const DROPS_KEY = 'walletDropsAccessList'

export interface Wallet {
  signer(): Promise<RelaySigner>
  /** MetaMask's accounts; asks the user to connect when none is. */
  accounts(): Promise<Hex[]>
  status(): Promise<WalletStatus>
  resetStatus(): Promise<WalletStatus>
  pending(): number
}

/**
 * MetaMask as a relay signer (core's `createWalletSigner`: reads the sent tx back and throws AccessListDroppedError
 * when the list is gone). Once it has dropped a list we remember it, and later relays with it are refused up front
 * with the advice to use the relay account, instead of asking the user to sign a tx that cannot work.
 */
export function createWallet(connection: WalletConnection, local: StorageAreaLike): Wallet {
  const dropsAccessList = async () => (await local.get(DROPS_KEY))[DROPS_KEY] === true
  return {
    async signer() {
      return createWalletSigner({
        provider: connection.provider,
        name: 'MetaMask',
        knownToDropAccessList: await dropsAccessList(),
        onAccessListDropped: () => void local.set({ [DROPS_KEY]: true }),
      })
    },
    async accounts() {
      const accounts = (await connection.provider.request({ method: 'eth_requestAccounts' })) as Hex[]
      if (accounts.length === 0) throw new MetaMaskUnavailableError('MetaMask is locked or shared no account')
      return accounts
    },
    status: async () => ({ dropsAccessList: await dropsAccessList() }),
    async resetStatus() {
      await local.remove(DROPS_KEY)
      return { dropsAccessList: false }
    },
    pending: connection.pending,
  }
}
