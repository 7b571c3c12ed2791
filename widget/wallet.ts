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

/** Before any wallet is seen, and while the widget has no config yet (useWalletController). Replaced, never mutated. */
export const NO_WALLET: WalletState = {
  options: [],
  accounts: [],
  status: 'disconnected',
  dropsAccessList: false,
}

/** What the controller's steps share: the wallets seen, the state React reads, and where choices are remembered. */
interface ControllerCore {
  memory: Pick<Storage, 'getItem' | 'setItem'>
  chosenKey: string
  droppingKey: string
  listeners: Set<() => void>
  wallets: Connectable[]
  state: WalletState
  destroyed: boolean
  detachProvider?: () => void
  stopDiscovery?: () => void
}

function createCore(options: WalletControllerOptions): ControllerCore {
  const namespace = options.namespace ?? DEFAULT_NAMESPACE
  return {
    memory: safeMemory(options.memory),
    chosenKey: `${namespace}:wallet`,
    droppingKey: `${namespace}:wallets-dropping-access-list`,
    listeners: new Set(),
    wallets: [],
    state: NO_WALLET,
    destroyed: false,
  }
}

/** The wallets caught dropping an access list on this origin (by memoryKey). */
function dropping(core: ControllerCore): string[] {
  try {
    const list = JSON.parse(core.memory.getItem(core.droppingKey) ?? '[]') as unknown
    return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : []
  } catch {
    return []
  }
}

/** Remembered by rdns (stable across sessions, unlike the uuid), or by name for the host's provider. */
const memoryKey = (option: WalletOption) => option.rdns ?? `name:${option.name}`

const selectedOf = (core: ControllerCore) => core.wallets.find((w) => w.option.id === core.state.selectedId)

function set(core: ControllerCore, patch: Partial<WalletState>): void {
  core.state = { ...core.state, ...patch }
  const selected = selectedOf(core)
  const drops = !!selected && dropping(core).includes(memoryKey(selected.option))
  if (drops !== core.state.dropsAccessList) core.state = { ...core.state, dropsAccessList: drops }
  for (const listener of [...core.listeners]) listener()
}

/** Follow the selected wallet's accounts and chain, and read what it already authorised (no prompt). */
function attach(core: ControllerCore, wallet: Connectable): void {
  core.detachProvider?.()
  const provider = wallet.provider as EIP1193Provider & {
    on?: (event: string, listener: (...args: never[]) => void) => void
    removeListener?: (event: string, listener: (...args: never[]) => void) => void
  }
  const onAccounts = (accounts: Address[]) => {
    if (core.state.selectedId !== wallet.option.id) return
    set(core, { accounts, status: accounts.length > 0 ? 'connected' : 'disconnected' })
  }
  const onChain = (chainId: string) => {
    if (core.state.selectedId === wallet.option.id) set(core, { chainId: Number(chainId) })
  }
  provider.on?.('accountsChanged', onAccounts)
  provider.on?.('chainChanged', onChain)
  core.detachProvider = () => {
    provider.removeListener?.('accountsChanged', onAccounts)
    provider.removeListener?.('chainChanged', onChain)
  }
  // Already authorised on an earlier visit? eth_accounts answers without a prompt.
  void Promise.all([
    wallet.provider.request({ method: 'eth_accounts' }) as Promise<Address[]>,
    wallet.provider.request({ method: 'eth_chainId' }) as Promise<string>,
  ]).then(
    ([accounts, chainId]) => {
      if (core.destroyed || core.state.selectedId !== wallet.option.id) return
      set(core, {
        accounts,
        chainId: Number(chainId),
        status: accounts.length > 0 ? 'connected' : 'disconnected',
      })
    },
    () => {},
  )
}

function select(core: ControllerCore, id: string): void {
  const wallet = core.wallets.find((w) => w.option.id === id)
  if (!wallet || id === core.state.selectedId) return
  const remembered = rememberWallet(wallet.option)
  if (remembered) core.memory.setItem(core.chosenKey, JSON.stringify(remembered))
  set(core, { selectedId: id, accounts: [], chainId: undefined, status: 'disconnected', error: undefined })
  attach(core, wallet)
}

async function connect(core: ControllerCore): Promise<void> {
  const wallet = selectedOf(core)
  if (!wallet) {
    set(core, { error: 'Choose a wallet first' })
    return
  }
  set(core, { status: 'connecting', error: undefined })
  try {
    const accounts = (await wallet.provider.request({ method: 'eth_requestAccounts' })) as Address[]
    if (core.state.selectedId !== wallet.option.id) return
    set(core, { accounts, status: accounts.length > 0 ? 'connected' : 'disconnected' })
  } catch (error) {
    set(core, { status: 'disconnected', error: errorSummary(error) })
  }
}

/**
 * Core's wallet signer for the selected wallet. It keeps the approved plan's bound as the relay account does: the
 * gas limit and max fee per gas it asks the wallet to sign are pinned and within the approval plus the margin, or
 * the wallet is not asked (FeeAboveApprovalError, docs/ARCHITECTURE.md §9).
 */
function signerOf(core: ControllerCore): RelaySigner {
  const wallet = selectedOf(core)
  if (!wallet) {
    throw new WalletError(
      core.wallets.length === 0
        ? 'No wallet found: install one (any EIP-6963 wallet) and reload the page'
        : 'Choose a wallet above, then relay again',
    )
  }
  const key = memoryKey(wallet.option)
  return createWalletSigner({
    provider: wallet.provider,
    name: wallet.option.name,
    knownToDropAccessList: dropping(core).includes(key),
    onAccessListDropped: () => {
      core.memory.setItem(core.droppingKey, JSON.stringify([...new Set([...dropping(core), key])]))
      set(core, {})
    },
  })
}

/** EIP-6963 discovery: the announced wallets become the options; none is picked unless walletChoice.ts allows it. */
function discover(core: ControllerCore, createDiscovery: () => Store): void {
  const store = createDiscovery()
  const onProviders = (details: readonly EIP6963ProviderDetail[]) => {
    core.wallets = details.map((d) => ({
      option: { id: d.info.uuid, name: d.info.name, icon: d.info.icon, rdns: d.info.rdns },
      provider: d.provider as EIP1193Provider,
    }))
    const options = core.wallets.map((w) => w.option)
    if (core.state.selectedId && core.wallets.some((w) => w.option.id === core.state.selectedId)) {
      set(core, { options })
      return
    }
    // Reconnect only to the wallet chosen on an earlier visit, announced unchanged (walletChoice.ts): any
    // script on the page can announce a wallet, so a lone or new announcement is never picked by itself.
    const pick = autoSelection(options, readRememberedWallet(core.memory.getItem(core.chosenKey)))
    set(core, { options, selectedId: undefined })
    if (pick) select(core, pick.id)
  }
  const unsubscribe = store.subscribe(onProviders, { emitImmediately: true })
  core.stopDiscovery = () => {
    unsubscribe()
    store.destroy()
  }
}

export function createWalletController(options: WalletControllerOptions = {}): WalletController {
  const core = createCore(options)
  const controller: WalletController = {
    getState: () => core.state,
    subscribe(listener) {
      core.listeners.add(listener)
      return () => core.listeners.delete(listener)
    },
    select: (id) => select(core, id),
    connect: () => connect(core),
    signer: async () => signerOf(core),
    destroy() {
      core.destroyed = true
      core.detachProvider?.()
      core.stopDiscovery?.()
      core.listeners.clear()
    },
  }
  if (options.provider) {
    const host: Connectable = {
      option: { id: HOST_ID, name: options.walletName ?? 'Your wallet' },
      provider: options.provider,
    }
    core.wallets = [host]
    core.state = { ...core.state, options: [host.option], selectedId: HOST_ID }
    attach(core, host)
  } else if (typeof window !== 'undefined') {
    discover(core, options.discover ?? createStore)
  }
  return controller
}
