/**
 * Which wallet signs the widget's relays. Either the host hands us its already connected EIP-1193 provider (most
 * dapps have one), or we discover the installed wallets with EIP-6963 (`mipd`) and the user picks one.
 *
 * Framework-free with a `getState`/`subscribe` pair, so React reads it with `useSyncExternalStore` and a test can
 * drive it without a DOM renderer. Relays go through core's `createWalletSigner`, which switches the chain, sends,
 * and reads the transaction back to check the wallet kept the access list (docs/ARCHITECTURE.md §6). A wallet caught dropping
 * it is remembered per origin, so the next relay is refused before the user pays for a transaction that cannot work.
 */
import { createStore, type EIP6963ProviderDetail, type Store } from 'mipd'
import type { Address, EIP1193Provider } from 'viem'

import { createWalletSigner, type RelaySigner, WalletError } from '../src/core'
import { errorSummary } from '../src/ui'

import { autoSelection, readRememberedWallet, rememberWallet } from './walletChoice'

export interface WalletOption {
  /** EIP-6963 uuid, or 'host' for the provider from the config. */
  id: string
  name: string
  /** A data: URI image, from the wallet's announcement. */
  icon?: string
  rdns?: string
}

export interface WalletState {
  options: readonly WalletOption[]
  selectedId?: string
  accounts: readonly Address[]
  chainId?: number
  status: 'disconnected' | 'connecting' | 'connected'
  error?: string
  /** The selected wallet dropped a relay's access list before (on this origin). */
  dropsAccessList: boolean
}

export interface WalletController {
  getState(): WalletState
  subscribe(listener: () => void): () => void
  select(id: string): void
  /** Ask the selected wallet for its accounts (its connect prompt). */
  connect(): Promise<void>
  signer(): Promise<RelaySigner>
  destroy(): void
}

export interface WalletControllerOptions {
  provider?: EIP1193Provider
  walletName?: string
  /** Where the chosen wallet and the wallets that drop access lists are remembered. Default: localStorage. */
  memory?: Pick<Storage, 'getItem' | 'setItem'>
  /** EIP-6963 discovery; default mipd's `createStore()`. */
  discover?: () => Store
  /**
   * Prefix of the keys in `memory` (the widget passes its `storageName`), so two widgets on one origin with their
   * own histories do not overwrite each other's wallet choice.
   */
  namespace?: string
}

const HOST_ID = 'host'
const DEFAULT_NAMESPACE = 'superchain-relay-widget'

interface Connectable {
  option: WalletOption
  provider: EIP1193Provider
}

/** localStorage can be missing or throw (sandboxed iframes, some private modes); memory then lasts the page. */
function safeMemory(memory: WalletControllerOptions['memory']): Pick<Storage, 'getItem' | 'setItem'> {
  const fallback = new Map<string, string>()
  let storage = memory
  if (!storage) {
    try {
      storage = globalThis.localStorage
    } catch {
      storage = undefined
    }
  }
  return {
    getItem(key) {
      try {
        return storage ? storage.getItem(key) : (fallback.get(key) ?? null)
      } catch {
        return fallback.get(key) ?? null
      }
    },
    setItem(key, value) {
      try {
        if (storage) storage.setItem(key, value)
        else fallback.set(key, value)
      } catch {
        fallback.set(key, value)
      }
    },
  }
}

export function createWalletController(options: WalletControllerOptions = {}): WalletController {
  const memory = safeMemory(options.memory)
  const namespace = options.namespace ?? DEFAULT_NAMESPACE
  const CHOSEN_KEY = `${namespace}:wallet`
  const DROPPING_KEY = `${namespace}:wallets-dropping-access-list`
  const listeners = new Set<() => void>()
  let wallets: Connectable[] = []
  let state: WalletState = { options: [], accounts: [], status: 'disconnected', dropsAccessList: false }
  let destroyed = false
  let detachProvider: (() => void) | undefined

  const dropping = (): string[] => {
    try {
      const list = JSON.parse(memory.getItem(DROPPING_KEY) ?? '[]') as unknown
      return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : []
    } catch {
      return []
    }
  }
  /** Remembered by rdns (stable across sessions, unlike the uuid), or by name for the host's provider. */
  const memoryKey = (option: WalletOption) => option.rdns ?? `name:${option.name}`

  function set(patch: Partial<WalletState>): void {
    state = { ...state, ...patch }
    const selected = wallets.find((w) => w.option.id === state.selectedId)
    const drops = !!selected && dropping().includes(memoryKey(selected.option))
    if (drops !== state.dropsAccessList) state = { ...state, dropsAccessList: drops }
    for (const listener of [...listeners]) listener()
  }

  const selected = () => wallets.find((w) => w.option.id === state.selectedId)

  function attach(wallet: Connectable): void {
    detachProvider?.()
    const provider = wallet.provider as EIP1193Provider & {
      on?: (event: string, listener: (...args: never[]) => void) => void
      removeListener?: (event: string, listener: (...args: never[]) => void) => void
    }
    const onAccounts = (accounts: Address[]) => {
      if (state.selectedId !== wallet.option.id) return
      set({ accounts, status: accounts.length > 0 ? 'connected' : 'disconnected' })
    }
    const onChain = (chainId: string) => {
      if (state.selectedId === wallet.option.id) set({ chainId: Number(chainId) })
    }
    provider.on?.('accountsChanged', onAccounts)
    provider.on?.('chainChanged', onChain)
    detachProvider = () => {
      provider.removeListener?.('accountsChanged', onAccounts)
      provider.removeListener?.('chainChanged', onChain)
    }
    // Already authorised on an earlier visit? eth_accounts answers without a prompt.
    void Promise.all([
      wallet.provider.request({ method: 'eth_accounts' }) as Promise<Address[]>,
      wallet.provider.request({ method: 'eth_chainId' }) as Promise<string>,
    ]).then(
      ([accounts, chainId]) => {
        if (destroyed || state.selectedId !== wallet.option.id) return
        set({
          accounts,
          chainId: Number(chainId),
          status: accounts.length > 0 ? 'connected' : 'disconnected',
        })
      },
      () => {},
    )
  }

  const controller: WalletController = {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    select(id) {
      const wallet = wallets.find((w) => w.option.id === id)
      if (!wallet || id === state.selectedId) return
      const remembered = rememberWallet(wallet.option)
      if (remembered) memory.setItem(CHOSEN_KEY, JSON.stringify(remembered))
      set({ selectedId: id, accounts: [], chainId: undefined, status: 'disconnected', error: undefined })
      attach(wallet)
    },
    async connect() {
      const wallet = selected()
      if (!wallet) {
        set({ error: 'Choose a wallet first' })
        return
      }
      set({ status: 'connecting', error: undefined })
      try {
        const accounts = (await wallet.provider.request({ method: 'eth_requestAccounts' })) as Address[]
        if (state.selectedId !== wallet.option.id) return
        set({ accounts, status: accounts.length > 0 ? 'connected' : 'disconnected' })
      } catch (error) {
        set({ status: 'disconnected', error: errorSummary(error) })
      }
    },
    async signer() {
      const wallet = selected()
      if (!wallet) {
        throw new WalletError(
          wallets.length === 0
            ? 'No wallet found: install one (any EIP-6963 wallet) and reload the page'
            : 'Choose a wallet above, then relay again',
        )
      }
      const key = memoryKey(wallet.option)
      return createWalletSigner({
        provider: wallet.provider,
        name: wallet.option.name,
        knownToDropAccessList: dropping().includes(key),
        onAccessListDropped: () => {
          memory.setItem(DROPPING_KEY, JSON.stringify([...new Set([...dropping(), key])]))
          set({})
        },
      })
    },
    destroy() {
      destroyed = true
      detachProvider?.()
      stopDiscovery?.()
      listeners.clear()
    },
  }

  let stopDiscovery: (() => void) | undefined
  if (options.provider) {
    const host: Connectable = {
      option: { id: HOST_ID, name: options.walletName ?? 'Your wallet' },
      provider: options.provider,
    }
    wallets = [host]
    state = { ...state, options: [host.option], selectedId: HOST_ID }
    attach(host)
  } else if (typeof window !== 'undefined') {
    const store = (options.discover ?? createStore)()
    const onProviders = (details: readonly EIP6963ProviderDetail[]) => {
      wallets = details.map((d) => ({
        option: { id: d.info.uuid, name: d.info.name, icon: d.info.icon, rdns: d.info.rdns },
        provider: d.provider as EIP1193Provider,
      }))
      const options = wallets.map((w) => w.option)
      if (state.selectedId && wallets.some((w) => w.option.id === state.selectedId)) {
        set({ options })
        return
      }
      // Reconnect only to the wallet chosen on an earlier visit, announced unchanged (walletChoice.ts): any
      // script on the page can announce a wallet, so a lone or new announcement is never picked by itself.
      const pick = autoSelection(options, readRememberedWallet(memory.getItem(CHOSEN_KEY)))
      set({ options, selectedId: undefined })
      if (pick) controller.select(pick.id)
    }
    const unsubscribe = store.subscribe(onProviders, { emitImmediately: true })
    stopDiscovery = () => {
      unsubscribe()
      store.destroy()
    }
  }
  return controller
}
