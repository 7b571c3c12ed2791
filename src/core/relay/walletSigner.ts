/**
 * An EIP-1193 wallet as a relay signer (signer.ts says why it is careful): it switches the wallet to the
 * destination and checks that the switch took, sends with the chain id pinned (a wallet that changed chains in
 * between refuses instead of sending elsewhere), and reads the sent transaction back: a relay without its access
 * list is `AccessListDroppedError`, and a transaction that cannot be read back in time is reported as sent with its
 * access list unverified.
 */
import { BaseError, numberToHex, type Address, type EIP1193Provider, type Hex } from 'viem'

import { CROSS_L2_INBOX } from '../protocol/addresses'
import { AccessListDroppedError, FeeAboveApprovalError, WalletError } from './errors'
import { APPROVAL_MARGIN_PERCENT, withinApproval } from './plan'
import type { RelaySigner, SentTransaction, SignerRequest, SignerTarget } from './signer'

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

/** What the steps below share: the wallet, its name for messages, and the caller's options. */
interface Wallet {
  name: string
  options: WalletSignerOptions
  request<T>(method: string, params?: unknown[]): Promise<T>
}

export function createWalletSigner(options: WalletSignerOptions): RelaySigner {
  const { provider } = options
  const name = options.name ?? 'The wallet'
  const wallet: Wallet = {
    name,
    options,
    async request<T>(method: string, params?: unknown[]): Promise<T> {
      try {
        return (await provider.request({ method, params } as never)) as T
      } catch (error) {
        const e = error as ProviderRpcError
        if (e.code === 4001) throw new WalletError(`${name}: you rejected the request`)
        if (e.code === 4100)
          throw new WalletError(`${name} is locked or has not authorised this site: unlock it and connect`)
        throw error
      }
    },
  }
  return {
    kind: 'wallet',
    address: () => connectedAccount(wallet),
    async send(tx, target) {
      const needsList = (tx.accessList ?? []).length > 0
      if (needsList && options.knownToDropAccessList) throw new AccessListDroppedError(name)
      refuseAboveApproval(name, tx)
      const from = await connectedAccount(wallet)
      await onChain(wallet, target)
      return readBack(wallet, tx, await sendTransaction(wallet, from, tx, target), target)
    },
  }
}

/**
 * The same bound as the relay account's (relay/plan.ts): the figures the wallet is asked to sign are pinned, and
 * within what the user approved plus the margin — checked here, right before the wallet is asked, whoever built
 * the request. A wallet left to price a relay itself asks its own RPC, which may be the lying one.
 */
function refuseAboveApproval(name: string, tx: SignerRequest): void {
  const { approval } = tx
  if (!approval) return
  const asked = { gas: tx.gas, maxFeePerGas: tx.maxFeePerGas }
  const pinned =
    asked.gas !== undefined && asked.maxFeePerGas !== undefined
      ? { gas: asked.gas, maxFeePerGas: asked.maxFeePerGas }
      : undefined
  if (!pinned || !withinApproval(pinned, approval)) {
    throw new FeeAboveApprovalError(name, approval, asked, APPROVAL_MARGIN_PERCENT)
  }
}

async function connectedAccount(wallet: Wallet): Promise<Address> {
  let accounts = await wallet.request<Address[]>('eth_accounts')
  if (accounts.length === 0) accounts = await wallet.request<Address[]>('eth_requestAccounts')
  if (!accounts[0])
    throw new WalletError(`${wallet.name} has no account connected: unlock it and connect an account`)
  return accounts[0]
}

/** Switch to the destination (adding it if the wallet does not know it), then make sure the switch took. */
async function onChain(wallet: Wallet, target: SignerTarget): Promise<void> {
  const wanted = target.chain.id
  if (Number(await wallet.request<Hex>('eth_chainId')) === wanted) return
  try {
    await wallet.request('wallet_switchEthereumChain', [{ chainId: numberToHex(wanted) }])
  } catch (error) {
    if ((error as ProviderRpcError).code !== 4902) throw error
    await wallet.request('wallet_addEthereumChain', [
      {
        chainId: numberToHex(wanted),
        chainName: target.chain.name,
        nativeCurrency: target.chain.nativeCurrency,
        rpcUrls: target.chain.rpcUrls.default.http,
      },
    ])
  }
  const now = Number(await wallet.request<Hex>('eth_chainId'))
  if (now !== wanted) {
    throw new WalletError(
      `${wallet.name} is on chain ${now}, not ${target.chain.name} (${wanted}), after switching: switch it to ` +
        `${target.chain.name} and try again. Nothing was sent.`,
    )
  }
}

async function sendTransaction(
  wallet: Wallet,
  from: Address,
  tx: SignerRequest,
  target: SignerTarget,
): Promise<Hex> {
  const needsList = (tx.accessList ?? []).length > 0
  try {
    return await wallet.request<Hex>('eth_sendTransaction', [
      {
        from,
        to: tx.to,
        data: tx.data,
        value: numberToHex(tx.value),
        // Pinned: a wallet that moved to another chain since the check refuses rather than sends there.
        chainId: numberToHex(target.chain.id),
        ...(needsList ? { accessList: tx.accessList } : {}),
        ...(tx.gas ? { gas: numberToHex(tx.gas) } : {}),
        ...(tx.maxFeePerGas
          ? {
              maxFeePerGas: numberToHex(tx.maxFeePerGas),
              maxPriorityFeePerGas: numberToHex(tx.maxPriorityFeePerGas ?? 0n),
            }
          : {}),
      },
    ])
  } catch (error) {
    // The wallet forwarded a tx without the list and the chain's filter refused it.
    const text = `${(error as ProviderRpcError).message ?? ''} ${error instanceof BaseError ? error.details : ''}`
    if (needsList && /access.list|NotInAccessList/i.test(text)) {
      wallet.options.onAccessListDropped?.()
      throw new AccessListDroppedError(wallet.name)
    }
    throw error
  }
}

/** The sent transaction, read back from the destination: does it still carry its access list? */
async function readBack(
  wallet: Wallet,
  tx: SignerRequest,
  hash: Hex,
  target: SignerTarget,
): Promise<SentTransaction> {
  const needsList = (tx.accessList ?? []).length > 0
  const deadline = Date.now() + (wallet.options.readBackTimeoutMs ?? 15_000)
  for (;;) {
    const sent = await target.client.getTransaction({ hash }).catch(() => undefined)
    if (sent) {
      if (needsList && !keepsAccessList(tx, 'accessList' in sent ? sent.accessList : undefined)) {
        wallet.options.onAccessListDropped?.()
        throw new AccessListDroppedError(wallet.name, hash)
      }
      return needsList ? { hash, accessList: 'verified' } : { hash }
    }
    if (Date.now() > deadline) return needsList ? { hash, accessList: 'unverified' } : { hash }
    await new Promise((r) => setTimeout(r, 250))
  }
}
