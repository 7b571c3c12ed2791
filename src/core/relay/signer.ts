/**
 * Who signs a relay. Two kinds: a local account (the CLI's key, the extension's built-in relay account), which
 * always signs exactly the transaction we built — and can sign *without sending*, so the relay journal records the
 * transaction before it leaves (docs/ARCHITECTURE.md §5); and an EIP-1193 wallet (MetaMask…), which signs and sends
 * in one step and may change what it sends — MetaMask has long dropped `accessList` from eth_sendTransaction
 * (metamask-extension#11863), and a relay without its access list reverts NotInAccessList. So the wallet signer
 * pins the chain, reads the sent tx back, and says plainly when the list is gone or could not be checked.
 */
import {
  createWalletClient,
  keccak256,
  type AccessList,
  type Address,
  type Chain,
  type Hex,
  type LocalAccount,
  type Transport,
} from 'viem'

import type { ChainClient } from '../chains/readClient'
import { SpendingCapExceededError } from './errors'
import type { RelayApproval, RelayPlan } from './plan'

export { createWalletSigner, keepsAccessList, type WalletSignerOptions } from './walletSigner'
export {
  AccessListDroppedError,
  FeeAboveApprovalError,
  SpendingCapExceededError,
  WalletError,
} from './errors'

/** A transaction the tracker asks a signer to send: a relay (with its access list) or a resendMessage. */
export interface SignerRequest {
  to: Address
  data: Hex
  value: bigint
  accessList?: AccessList
  gas?: bigint
  maxFeePerGas?: bigint
  maxPriorityFeePerGas?: bigint
  /**
   * What the user approved for this relay (docs/ARCHITECTURE.md §9): a wallet signer refuses to ask for a gas
   * limit or max fee per gas above it (plus APPROVAL_MARGIN_PERCENT), or for unpinned figures the wallet would
   * price itself (FeeAboveApprovalError).
   */
  approval?: RelayApproval
}

export interface SignerTarget {
  chain: Chain
  client: ChainClient
}

/** What a send came to. */
export interface SentTransaction {
  hash: Hex
  /**
   * Wallets only, for a request with an access list: 'verified' when the transaction was read back carrying it;
   * 'unverified' when the wallet returned a hash but the transaction could not be read back in time — sent, but
   * whether it can execute is unknown (never reported as plain success).
   */
  accessList?: 'verified' | 'unverified'
}

/** A transaction signed and not sent yet: what the relay journal records before broadcasting it. */
export interface SignedTransaction {
  raw: Hex
  hash: Hex
  nonce: number
  from: Address
}

export interface RelaySigner {
  readonly kind: 'local' | 'wallet'
  address(): Promise<Address>
  /** Send on `target`; resolves once the RPC (or the wallet) accepted it. */
  send(request: SignerRequest, target: SignerTarget): Promise<SentTransaction>
  /** Local signers only: sign, with nonce and chain id fixed, without sending. */
  sign?(request: SignerRequest, target: SignerTarget): Promise<SignedTransaction>
}

/** The executing transaction of a plan, as a signer request, bound to what the user approved. */
export function relayRequest(plan: RelayPlan, approval?: RelayApproval): SignerRequest {
  return {
    ...plan.transaction,
    ...(approval ? { approval } : {}),
    ...(plan.fee
      ? { maxFeePerGas: plan.fee.maxFeePerGas, maxPriorityFeePerGas: plan.fee.maxPriorityFeePerGas }
      : {}),
  }
}

export interface LocalSignerOptions {
  /**
   * The most one transaction may cost (gas limit × max fee per gas + value, in wei), checked on the transaction
   * as prepared, right before signing: whatever an RPC quotes, a transaction above it is never signed
   * (SpendingCapExceededError). Read on every signature, so a changed setting applies at once.
   */
  spendingCap?: () => bigint | undefined | Promise<bigint | undefined>
  /** What the refusal tells the user to do, e.g. "pass a higher --spending-cap"; default: the options page. */
  spendingCapRemedy?: string
}

/** The most a prepared transaction can cost its signer: every unit of gas at the max fee, plus the value sent. */
export function maxTransactionCost(tx: {
  gas: bigint
  maxFeePerGas?: bigint
  gasPrice?: bigint
  value?: bigint
}): bigint {
  return tx.gas * (tx.maxFeePerGas ?? tx.gasPrice ?? 0n) + (tx.value ?? 0n)
}

export function createLocalSigner(
  account: LocalAccount,
  transport: (chain: Chain) => Transport,
  options: LocalSignerOptions = {},
): RelaySigner {
  const walletFor = (chain: Chain) => createWalletClient({ account, chain, transport: transport(chain) })
  const sign = async (request: SignerRequest, target: SignerTarget): Promise<SignedTransaction> => {
    const wallet = walletFor(target.chain)
    const prepared = await wallet.prepareTransactionRequest({
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
    const cap = await options.spendingCap?.()
    if (cap !== undefined) {
      const fees = prepared as { maxFeePerGas?: bigint; gasPrice?: bigint; value?: bigint }
      const cost = maxTransactionCost({ ...fees, gas: prepared.gas })
      if (cost > cap) {
        const maxFeePerGas = fees.maxFeePerGas ?? fees.gasPrice ?? 0n
        const detail = { gas: prepared.gas, maxFeePerGas, value: fees.value ?? 0n }
        throw new SpendingCapExceededError(cap, cost, detail, options.spendingCapRemedy)
      }
    }
    const raw = await wallet.signTransaction(prepared as never)
    return { raw, hash: keccak256(raw), nonce: prepared.nonce, from: account.address }
  }
  return {
    kind: 'local',
    address: async () => account.address,
    sign,
    async send(request, target) {
      const signed = await sign(request, target)
      const hash = await walletFor(target.chain).sendRawTransaction({ serializedTransaction: signed.raw })
      return { hash }
    },
  }
}
