/**
 * Who signs a relay. Two kinds: a local account (the CLI's key, the extension's built-in relay account), which
 * always signs exactly the transaction we built; and an EIP-1193 wallet (MetaMask…), which may not — MetaMask has
 * long dropped `accessList` from eth_sendTransaction (metamask-extension#11863), and a relay without its access list
 * reverts NotInAccessList. So the wallet signer reads the sent tx back and says plainly when the list is gone.
 */
import {
  BaseError,
  createWalletClient,
  type AccessList,
  numberToHex,
  type Address,
  type Chain,
  type EIP1193Provider,
  type Hex,
  type LocalAccount,
  type PublicClient,
  type Transport,
} from 'viem'

import { CROSS_L2_INBOX } from '../protocol/addresses'
import type { RelayPlan } from './plan'

/** A transaction the tracker asks a signer to send: a relay (with its access list) or a resendMessage. */
export interface SignerRequest {
  to: Address
  data: Hex
  value: bigint
  accessList?: AccessList
  gas?: bigint
  maxFeePerGas?: bigint
  maxPriorityFeePerGas?: bigint
}

export interface RelaySigner {
  readonly kind: 'local' | 'wallet'
  address(): Promise<Address>
  /** Send on `target`; resolves with the tx hash once the RPC accepted it. */
  send(request: SignerRequest, target: { chain: Chain; client: PublicClient }): Promise<Hex>
}

/** The executing transaction of a plan, as a signer request. */
export function relayRequest(plan: RelayPlan): SignerRequest {
  return {
    ...plan.transaction,
    ...(plan.fee
      ? { maxFeePerGas: plan.fee.maxFeePerGas, maxPriorityFeePerGas: plan.fee.maxPriorityFeePerGas }
      : {}),
  }
}

export class AccessListDroppedError extends BaseError {
  override name = 'AccessListDroppedError'
  constructor(walletName: string, transactionHash?: Hex) {
    super(
      `${walletName} dropped the relay's access list${transactionHash ? ` (tx ${transactionHash})` : ''}. ` +
        'Without it CrossL2Inbox cannot validate the message and the relay is refused (NotInAccessList). ' +
        'Your funds are safe and the message is still relayable: relay it with the built-in relay account ' +
        '(or the CLI with a local key), which signs the full access list.',
    )
  }
}

export class WalletError extends BaseError {
  override name = 'WalletError'
}

export function createLocalSigner(
  account: LocalAccount,
  transport: (chain: Chain) => Transport,
): RelaySigner {
  return {
    kind: 'local',
    address: async () => account.address,
    async send(request, target) {
      const wallet = createWalletClient({ account, chain: target.chain, transport: transport(target.chain) })
      return wallet.sendTransaction({
        account,
        chain: target.chain,
        to: request.to,
        data: request.data,
        value: request.value,
        ...(request.accessList ? { accessList: request.accessList } : {}),
        ...(request.gas ? { gas: request.gas } : {}),
        ...(request.maxFeePerGas
          ? { maxFeePerGas: request.maxFeePerGas, maxPriorityFeePerGas: request.maxPriorityFeePerGas }
          : {}),
      })
    },
  }
}

/** Does a tx as mined/pending carry every CrossL2Inbox storage key the request needs? */
export function keepsAccessList(
  request: SignerRequest,
  accessList: readonly { address: string; storageKeys: readonly string[] }[] | undefined,
): boolean {
  const wanted = (request.accessList ?? []).find(
    (e) => e.address.toLowerCase() === CROSS_L2_INBOX.toLowerCase(),
  )
  if (!wanted) return true
  const got = (accessList ?? []).find((e) => e.address.toLowerCase() === CROSS_L2_INBOX.toLowerCase())
  const keys = new Set((got?.storageKeys ?? []).map((k) => k.toLowerCase()))
  return wanted.storageKeys.every((k) => keys.has(k.toLowerCase()))
}

interface ProviderRpcError {
  code?: number
  message?: string
}

export interface WalletSignerOptions {
  provider: EIP1193Provider
  /** Shown in errors ("MetaMask dropped…"). */
  name?: string
  /** Wallets that dropped the list before: refuse early instead of sending a tx that cannot work. */
  knownToDropAccessList?: boolean
  onAccessListDropped?: () => void
  /** How long to wait for the sent tx to be visible on the destination RPC. */
  readBackTimeoutMs?: number
}

export function createWalletSigner(options: WalletSignerOptions): RelaySigner {
  const { provider } = options
  const name = options.name ?? 'The wallet'
  const request = async <T>(method: string, params?: unknown[]): Promise<T> => {
    try {
      return (await provider.request({ method, params } as never)) as T
    } catch (error) {
      const e = error as ProviderRpcError
      if (e.code === 4001) throw new WalletError(`${name}: you rejected the request`)
      if (e.code === 4100)
        throw new WalletError(`${name} is locked or has not authorised this site: unlock it and connect`)
      throw error
    }
  }
  const address = async (): Promise<Address> => {
    let accounts = await request<Address[]>('eth_accounts')
    if (accounts.length === 0) accounts = await request<Address[]>('eth_requestAccounts')
    if (!accounts[0])
      throw new WalletError(`${name} has no account connected: unlock it and connect an account`)
    return accounts[0]
  }
  return {
    kind: 'wallet',
    address,
    async send(tx, destination) {
      const needsList = (tx.accessList ?? []).length > 0
      if (needsList && options.knownToDropAccessList) throw new AccessListDroppedError(name)
      const from = await address()
      const chainId = await request<Hex>('eth_chainId')
      if (Number(chainId) !== destination.chain.id) {
        try {
          await request('wallet_switchEthereumChain', [{ chainId: numberToHex(destination.chain.id) }])
        } catch (error) {
          if ((error as ProviderRpcError).code !== 4902) throw error
          await request('wallet_addEthereumChain', [
            {
              chainId: numberToHex(destination.chain.id),
              chainName: destination.chain.name,
              nativeCurrency: destination.chain.nativeCurrency,
              rpcUrls: destination.chain.rpcUrls.default.http,
            },
          ])
        }
      }
      let hash: Hex
      try {
        hash = await request<Hex>('eth_sendTransaction', [
          {
            from,
            to: tx.to,
            data: tx.data,
            value: numberToHex(tx.value),
            ...(needsList ? { accessList: tx.accessList } : {}),
            ...(tx.gas ? { gas: numberToHex(tx.gas) } : {}),
          },
        ])
      } catch (error) {
        // The wallet forwarded a tx without the list and the chain's filter refused it.
        const text = `${(error as ProviderRpcError).message ?? ''} ${error instanceof BaseError ? error.details : ''}`
        if (needsList && /access.list|NotInAccessList/i.test(text)) {
          options.onAccessListDropped?.()
          throw new AccessListDroppedError(name)
        }
        throw error
      }
      const deadline = Date.now() + (options.readBackTimeoutMs ?? 15_000)
      for (;;) {
        const sent = await destination.client.getTransaction({ hash }).catch(() => undefined)
        if (sent) {
          if (needsList && !keepsAccessList(tx, 'accessList' in sent ? sent.accessList : undefined)) {
            options.onAccessListDropped?.()
            throw new AccessListDroppedError(name, hash)
          }
          return hash
        }
        if (Date.now() > deadline) return hash
        await new Promise((r) => setTimeout(r, 250))
      }
    },
  }
}
