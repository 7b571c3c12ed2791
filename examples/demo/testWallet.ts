/**
 * A small wallet living in the demo page, so the whole journey works in any browser with no extension installed:
 * an EIP-1193 provider over one of anvil's well-known devnet keys, announced with EIP-6963 like a real wallet.
 *
 * It signs locally with viem and sends raw transactions to the devnet, *keeping* the access list — unless it is
 * created with `dropAccessList`, in which case it strips the list before signing, as MetaMask does
 * (metamask-extension#11863). That mode exists to show, and to test, what the widget says when a wallet does that.
 * Every transaction waits for `confirm`, where the page shows what is about to be signed.
 *
 * Never point this at a real network: the keys are public.
 */
import { announceProvider, type EIP6963ProviderInfo } from 'mipd'
import {
  BaseError,
  createWalletClient,
  defineChain,
  http,
  numberToHex,
  RpcRequestError,
  type AccessList,
  type Address,
  type Chain,
  type EIP1193Provider,
  type Hex,
} from 'viem'
import { mnemonicToAccount, type HDAccount } from 'viem/accounts'

/** anvil's default mnemonic: its accounts are funded on every devnet chain. Public test keys, devnet only. */
export const ANVIL_MNEMONIC = 'test test test test test test test test test test test junk'
export const TEST_WALLET_ACCOUNTS = 4

/** What the confirm dialog shows before anything is signed. */
export interface SignRequestSummary {
  chainId: number
  from: Address
  to?: Address
  value: bigint
  /** First four bytes of the calldata, when there are four. */
  selector?: Hex
  dataBytes: number
  /** Entries and storage keys of the access list that will be signed (after dropping, if this wallet drops it). */
  accessListEntries: number
  accessListKeys: number
  /** The dApp asked for an access list and this wallet is about to drop it. */
  droppedAccessListEntries: number
}

export interface TestWalletOptions {
  /** RPC URL per chain id; the first is the chain the wallet starts on. */
  rpcUrls: Record<number, string>
  /** Which of anvil's accounts (0–3). Default 0. */
  accountIndex?: number
  /** Strip `accessList` from every transaction before signing, like MetaMask. */
  dropAccessList?: boolean
  /** Resolve true to sign and send, false to reject (EIP-1193 code 4001). */
  confirm: (request: SignRequestSummary) => Promise<boolean>
  /** Remembers "connected", the account and the chain across reloads (the demo passes sessionStorage). */
  storage?: Pick<Storage, 'getItem' | 'setItem'>
}

export interface TestWallet {
  provider: EIP1193Provider
  info: EIP6963ProviderInfo
  readonly address: Address
  readonly accountIndex: number
  readonly chainId: number
  /** Switch to another of anvil's accounts; connected sites hear `accountsChanged`. */
  setAccount(index: number): void
  /** Announce with EIP-6963 (and again on every `eip6963:requestProvider`); returns the stop function. */
  announce(): () => void
}

/** EIP-1193 / EIP-1474 errors carry a numeric code; wallets reject with plain objects shaped like this. */
export class ProviderRpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message)
    this.name = 'ProviderRpcError'
  }
}

const ICON = ('data:image/svg+xml,' +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#ff0420"/>' +
      '<path d="M9 11h14v11H9z" fill="none" stroke="#fff" stroke-width="2.5"/><circle cx="19" cy="16.5" r="1.8" fill="#fff"/></svg>',
  )) as `data:image/svg+xml,${string}`

/** Signing requests this wallet does not implement: refused, never forwarded to a node that might hold keys. */
const UNSUPPORTED = new Set([
  'eth_sign',
  'personal_sign',
  'eth_signTransaction',
  'eth_signTypedData',
  'eth_signTypedData_v3',
  'eth_signTypedData_v4',
  'eth_sendRawTransaction',
])

type Listener = (...args: unknown[]) => void

interface TransactionParams {
  from?: Address
  to?: Address
  data?: Hex
  input?: Hex
  value?: Hex
  gas?: Hex
  maxFeePerGas?: Hex
  maxPriorityFeePerGas?: Hex
  accessList?: AccessList
}

/** The wallet's mutable state: what a real wallet keeps per site, restored from `storage` after a reload. */
interface WalletState {
  options: TestWalletOptions
  rpcUrls: Record<number, string>
  accountIndex: number
  account: HDAccount
  chainId: number
  connected: boolean
  listeners: Map<string, Set<Listener>>
  chains: Map<number, Chain>
  store(key: string, value: string): void
}

function restoreState(options: TestWalletOptions): WalletState {
  const chainIds = Object.keys(options.rpcUrls).map(Number)
  if (chainIds.length === 0) throw new Error('the test wallet needs at least one chain RPC URL')
  // Each of the two test wallets remembers its own connection, like two separate wallet extensions.
  const prefix = options.dropAccessList ? 'scr-test-wallet-dropping' : 'scr-test-wallet'
  const stored = (key: string) => options.storage?.getItem(`${prefix}:${key}`) ?? null
  let accountIndex = Number(stored('account') ?? options.accountIndex ?? 0)
  if (!(accountIndex >= 0 && accountIndex < TEST_WALLET_ACCOUNTS)) accountIndex = 0
  let chainId = Number(stored('chain') ?? chainIds[0])
  if (!options.rpcUrls[chainId]) chainId = chainIds[0]!
  return {
    options,
    rpcUrls: { ...options.rpcUrls },
    accountIndex,
    account: mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: accountIndex }),
    chainId,
    connected: stored('connected') === '1',
    listeners: new Map(),
    chains: new Map(),
    store: (key, value) => options.storage?.setItem(`${prefix}:${key}`, value),
  }
}

function emit(state: WalletState, event: string, ...args: unknown[]): void {
  for (const listener of [...(state.listeners.get(event) ?? [])]) listener(...args)
}

/** A viem chain for `id` at its current RPC URL (re-made when `wallet_addEthereumChain` changed the URL). */
function chainFor(state: WalletState, id: number): Chain {
  let c = state.chains.get(id)
  if (!c || c.rpcUrls.default.http[0] !== state.rpcUrls[id]) {
    c = defineChain({
      id,
      name: `Devnet ${id}`,
      nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
      rpcUrls: { default: { http: [state.rpcUrls[id]!] } },
    })
    state.chains.set(id, c)
  }
  return c
}

let nextId = 1
/** A read the wallet does not handle itself, passed to the current chain's node. */
async function forward(url: string, method: string, params: unknown): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: nextId++, method, params: params ?? [] }),
  })
  const body = (await response.json()) as {
    result?: unknown
    error?: { code: number; message: string; data?: unknown }
  }
  if (body.error) throw new ProviderRpcError(body.error.code, body.error.message, body.error.data)
  return body.result
}

/** What the confirm dialog shows, and the access list that will really be signed (none, for a dropping wallet). */
function summarize(state: WalletState, tx: TransactionParams) {
  const requested = tx.accessList ?? []
  const accessList = state.options.dropAccessList ? [] : requested
  const data = tx.data ?? tx.input
  const summary: SignRequestSummary = {
    chainId: state.chainId,
    from: state.account.address,
    to: tx.to,
    value: BigInt(tx.value ?? 0),
    selector: data && data.length >= 10 ? (data.slice(0, 10) as Hex) : undefined,
    dataBytes: data ? (data.length - 2) / 2 : 0,
    accessListEntries: accessList.length,
    accessListKeys: accessList.reduce((n, e) => n + e.storageKeys.length, 0),
    droppedAccessListEntries: requested.length - accessList.length,
  }
  return { summary, accessList, data }
}

async function sendTransaction(state: WalletState, tx: TransactionParams): Promise<Hex> {
  const { account, chainId } = state
  if (!state.connected)
    throw new ProviderRpcError(4100, 'Devnet Test Wallet: connect first (eth_requestAccounts)')
  if (tx.from && tx.from.toLowerCase() !== account.address.toLowerCase()) {
    throw new ProviderRpcError(4100, `Devnet Test Wallet: ${tx.from} is not the connected account`)
  }
  const { summary, accessList, data } = summarize(state, tx)
  if (!(await state.options.confirm(summary))) throw new ProviderRpcError(4001, 'User rejected the request.')
  const target = chainFor(state, chainId)
  const client = createWalletClient({ account, chain: target, transport: http(state.rpcUrls[chainId]) })
  try {
    return await client.sendTransaction({
      account,
      chain: target,
      to: tx.to,
      data,
      value: summary.value,
      ...(tx.gas ? { gas: BigInt(tx.gas) } : {}),
      ...(tx.maxFeePerGas ? { maxFeePerGas: BigInt(tx.maxFeePerGas) } : {}),
      ...(tx.maxPriorityFeePerGas ? { maxPriorityFeePerGas: BigInt(tx.maxPriorityFeePerGas) } : {}),
      ...(accessList.length > 0 ? { accessList } : {}),
    })
  } catch (error) {
    // Pass the node's own words on (e.g. the devnet refusing a relay without its access list), with its code.
    const rpc =
      error instanceof BaseError
        ? (error.walk((e) => e instanceof RpcRequestError) as RpcRequestError | null)
        : null
    const message = error instanceof BaseError ? error.details || error.shortMessage : String(error)
    throw new ProviderRpcError(rpc?.code ?? -32603, message)
  }
}

function switchChain(state: WalletState, wanted: number): null {
  if (!state.rpcUrls[wanted]) {
    throw new ProviderRpcError(
      4902,
      `Unrecognized chain ID ${wanted}: the Devnet Test Wallet knows ${Object.keys(state.rpcUrls).join(', ')}`,
    )
  }
  if (wanted !== state.chainId) {
    state.chainId = wanted
    state.store('chain', String(wanted))
    emit(state, 'chainChanged', numberToHex(wanted))
  }
  return null
}

/** EIP-1193 `request`: account and chain methods answered here, transactions signed here, other reads forwarded. */
async function handleRequest(state: WalletState, method: string, params: unknown): Promise<unknown> {
  const list = (Array.isArray(params) ? params : []) as unknown[]
  switch (method) {
    case 'eth_chainId':
      return numberToHex(state.chainId)
    case 'net_version':
      return String(state.chainId)
    case 'eth_accounts':
      return state.connected ? [state.account.address] : []
    case 'eth_requestAccounts':
      if (!state.connected) {
        state.connected = true
        state.store('connected', '1')
        emit(state, 'connect', { chainId: numberToHex(state.chainId) })
        emit(state, 'accountsChanged', [state.account.address])
      }
      return [state.account.address]
    case 'wallet_switchEthereumChain':
      return switchChain(state, Number((list[0] as { chainId?: string } | undefined)?.chainId))
    case 'wallet_addEthereumChain': {
      const added = list[0] as { chainId?: string; rpcUrls?: string[] } | undefined
      const id = Number(added?.chainId)
      const url = added?.rpcUrls?.find((u) => /^https?:/.test(u))
      if (!Number.isSafeInteger(id) || !url)
        throw new ProviderRpcError(-32602, 'wallet_addEthereumChain needs a chainId and an http(s) RPC URL')
      state.rpcUrls[id] = url
      return switchChain(state, id)
    }
    case 'eth_sendTransaction':
      return sendTransaction(state, (list[0] ?? {}) as TransactionParams)
    default:
      if (UNSUPPORTED.has(method) || !/^(eth_|net_|web3_)/.test(method)) {
        throw new ProviderRpcError(4200, `The Devnet Test Wallet does not support ${method}`)
      }
      return forward(state.rpcUrls[state.chainId]!, method, params)
  }
}

function walletInfo(dropAccessList: boolean | undefined): EIP6963ProviderInfo {
  return dropAccessList
    ? {
        uuid: crypto.randomUUID(),
        name: 'Devnet Test Wallet (drops access lists)',
        icon: ICON,
        rdns: 'dev.superchain-relay.test-wallet.dropping',
      }
    : {
        uuid: crypto.randomUUID(),
        name: 'Devnet Test Wallet',
        icon: ICON,
        rdns: 'dev.superchain-relay.test-wallet',
      }
}

export function createTestWallet(options: TestWalletOptions): TestWallet {
  const state = restoreState(options)
  const info = walletInfo(options.dropAccessList)
  const { listeners } = state
  const provider = {
    request: ({ method, params }: { method: string; params?: unknown }) =>
      handleRequest(state, method, params),
    on(event: string, listener: Listener) {
      let set = listeners.get(event)
      if (!set) listeners.set(event, (set = new Set()))
      set.add(listener)
      return provider
    },
    removeListener(event: string, listener: Listener) {
      listeners.get(event)?.delete(listener)
      return provider
    },
  }

  return {
    provider: provider as unknown as EIP1193Provider,
    info,
    get address() {
      return state.account.address
    },
    get accountIndex() {
      return state.accountIndex
    },
    get chainId() {
      return state.chainId
    },
    setAccount(index) {
      if (!(index >= 0 && index < TEST_WALLET_ACCOUNTS) || index === state.accountIndex) return
      state.accountIndex = index
      state.account = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: index })
      state.store('account', String(index))
      if (state.connected) emit(state, 'accountsChanged', [state.account.address])
    },
    announce: () => announceProvider({ info, provider: provider as unknown as EIP1193Provider }),
  }
}
