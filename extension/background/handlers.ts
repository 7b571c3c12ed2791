/**
 * What each protocol method does in the background. Thin on purpose: the tracker (src/core) discovers, polls and
 * relays; this file checks the page's input, picks the right piece, and tells the scheduler when there is news.
 * A relay takes only the message hash from the page; core re-derives everything it signs from the source chain.
 */
import type { GenericSchema, InferOutput } from 'valibot'
import { createPublicClient, type Address, type Hex } from 'viem'

import {
  chainConfigToViemChain,
  exportHistory,
  fieldSchemas,
  type MessageStore,
  parseInput,
  type RelayApproval,
  type RelaySignerChoice,
  rpcTransport,
  type Tracker,
  validateChainConfig,
} from '../../src/core'

import { InvalidRequestError, type Handlers } from '../messaging/server'
import { takeFocus } from './focus'
import type { ExtensionHost } from './host'
import type { Notifier } from './notifier'
import type { RelayAccount } from './relayAccount'
import { readSettings, updateSettings } from './settings'
import type { Wallet } from './wallet'

export { InvalidRequestError }

/**
 * A param checked again with core's field schema, the one the request schemas (requests.ts) check it with at the
 * boundary: a handler reached some other way refuses the same input in the same words ("expected a 32-byte
 * 0x-prefixed hex string, got '0x12'"), as InvalidRequestError.
 */
function checked<S extends GenericSchema>(schema: S, value: unknown): InferOutput<S> {
  const parsed = parseInput(schema, value)
  if (!parsed.ok) throw new InvalidRequestError(parsed.problem)
  return parsed.value
}

const checkHash = (value: unknown): Hex => checked(fieldSchemas.bytes32, value)
const checkChainId = (value: unknown): number => checked(fieldSchemas.chainId, value)

function checkSigner(value: unknown): RelaySignerChoice {
  const kind = (value as { kind?: unknown } | undefined)?.kind
  if (kind !== 'wallet' && kind !== 'relayAccount') {
    throw new InvalidRequestError(`expected a signer of kind 'wallet' or 'relayAccount', got ${String(kind)}`)
  }
  return { kind }
}

function checkApproval(value: unknown): RelayApproval {
  const { gas, maxFeePerGas } = (value ?? {}) as { gas?: unknown; maxFeePerGas?: unknown }
  if (typeof gas !== 'bigint' || typeof maxFeePerGas !== 'bigint' || gas <= 0n || maxFeePerGas <= 0n) {
    throw new InvalidRequestError('expected the approved plan’s gas and maxFeePerGas (positive bigints)')
  }
  return { gas, maxFeePerGas }
}

export interface HandlerContext {
  host: ExtensionHost
  store: MessageStore
  tracker: Tracker
  relayAccount: RelayAccount
  wallet: Wallet
  notifier: Notifier
  /** Poll soon; with `scan`, also scan the watched accounts. */
  wake(options?: { scan?: boolean }): void
  /** Count a call the worker must stay awake for (a relay, a MetaMask prompt). */
  busy<T>(task: () => Promise<T>): Promise<T>
}

/**
 * A relay or resend, with the worker kept awake and the user told when it lands. Core journals the relay before
 * it leaves (docs/ARCHITECTURE.md §5), so a worker that dies mid-call never leads to a second transaction.
 */
async function sign(ctx: HandlerContext, send: () => Promise<Hex>, hash: Hex): Promise<Hex> {
  const transactionHash = await ctx.busy(send)
  await ctx.notifier.markSubmitted(hash)
  ctx.wake()
  return transactionHash
}

/** Messages: tracking, relaying, forgetting, and the chain state they depend on. */
function messageHandlers(ctx: HandlerContext) {
  const { tracker, relayAccount } = ctx
  return {
    listMessages: (filter) => tracker.listMessages(filter),
    getMessage: (hash) => tracker.getMessage(checkHash(hash)),
    async trackTransaction(chainId, transactionHash) {
      const found = await tracker.trackTransaction(checkChainId(chainId), checkHash(transactionHash))
      ctx.wake()
      return found
    },
    async prepareRelay(hash, signer) {
      // Simulated as the account that will sign: the one the user picked, or else the relay account (offered
      // first) when there is one. The relay itself simulates again as whoever signs.
      const simulateAs =
        typeof signer === 'string'
          ? (signer as Address)
          : signer
            ? checkSigner(signer)
            : ((await relayAccount.status()).address as Address | undefined)
      return tracker.prepareRelay(checkHash(hash), simulateAs)
    },
    relay(hash, signer, approval) {
      const h = checkHash(hash)
      const choice = checkSigner(signer)
      const approved = checkApproval(approval)
      return sign(ctx, () => tracker.relay(h, choice, approved), h)
    },
    resend(hash, signer) {
      const h = checkHash(hash)
      const choice = checkSigner(signer)
      return sign(ctx, () => tracker.resend(h, choice), h)
    },
    forgetMessage: (hash) => tracker.forgetMessage(checkHash(hash)),
    clearChainHistory: (chainId) => tracker.clearChainHistory(checkChainId(chainId)),
    chainHealth: () => tracker.chainHealth(),
    unreadableMessages: () => tracker.unreadableMessages(),
    chainReadiness: () => tracker.chainReadiness(),
    chainNotices: () => tracker.chainNotices(),
    dismissChainNotice: (id) => tracker.dismissChainNotice(id),
    exportHistory: () => exportHistory(ctx.store),
    async importHistory(json) {
      if (typeof json !== 'string') throw new InvalidRequestError('expected the file’s text')
      const result = await tracker.importHistory(json)
      ctx.wake()
      return result
    },
  } satisfies Partial<Handlers>
}

/** Watched accounts, the MetaMask connection, chains and settings: each change wakes the poller. */
function configurationHandlers(ctx: HandlerContext) {
  const { tracker, wallet } = ctx
  const local = ctx.host.storage.local
  return {
    listAccounts: () => tracker.listAccounts(),
    async watchAccount(account) {
      await tracker.watchAccount(account as Address)
      ctx.wake({ scan: true })
      return tracker.listAccounts()
    },
    async unwatchAccount(account) {
      await tracker.unwatchAccount(account as Address)
      return tracker.listAccounts()
    },
    walletAccounts: () => ctx.busy(() => wallet.accounts()),
    walletStatus: () => wallet.status(),
    resetWalletStatus: () => wallet.resetStatus(),

    listChains: () => tracker.listChains(),
    async addChain(config) {
      // Validated here too: the page's check is for quick feedback, this one is the one that counts.
      await tracker.addChain(validateChainConfig(config))
      ctx.wake({ scan: true })
      return tracker.listChains()
    },
    async removeChain(chainId) {
      await tracker.removeChain(checkChainId(chainId))
      return tracker.listChains()
    },

    getSettings: () => readSettings(local),
    async updateSettings(patch) {
      const settings = await updateSettings(local, patch)
      ctx.wake()
      return settings
    },
    takeFocus: () => takeFocus(ctx.host.storage.session),
  } satisfies Partial<Handlers>
}

/** A plain transfer from the user's wallet to the relay account, on one configured chain. */
async function topUp(ctx: HandlerContext, chainId: unknown, amountWei: unknown): Promise<Hex> {
  const { address } = await ctx.relayAccount.status()
  if (!address) throw new InvalidRequestError('there is no relay account to top up: create one first')
  if (typeof amountWei !== 'bigint' || amountWei <= 0n) {
    throw new InvalidRequestError('the top-up amount must be more than 0')
  }
  const config = (await ctx.tracker.listChains()).find((c) => c.id === checkChainId(chainId))
  if (!config) throw new InvalidRequestError(`chain ${String(chainId)} is not configured`)
  const chain = chainConfigToViemChain(config)
  const client = createPublicClient({ chain, transport: rpcTransport(config) })
  return ctx.busy(
    async () =>
      (
        await (
          await ctx.wallet.signer()
        ).send({ to: address, data: '0x', value: amountWei }, { chain, client })
      ).hash,
  )
}

/** The built-in relay account: its key never leaves relayAccount.ts, pages get status, balances and results. */
function relayAccountHandlers(ctx: HandlerContext) {
  const { relayAccount } = ctx
  return {
    relayAccountStatus: () => relayAccount.status(),
    createRelayAccount: (password) => relayAccount.create(password),
    unlockRelayAccount: (password) => relayAccount.unlock(password),
    lockRelayAccount: () => relayAccount.lock(),
    exportRelayAccount: (password) => relayAccount.exportKey(password),
    deleteRelayAccount: (confirmAddress) => relayAccount.remove(confirmAddress),
    relayAccountBalances: async () => relayAccount.balances(await ctx.tracker.listChains()),
    topUpRelayAccount: (chainId, amountWei) => topUp(ctx, chainId, amountWei),
  } satisfies Partial<Handlers>
}

export function createHandlers(ctx: HandlerContext): Handlers {
  return { ...messageHandlers(ctx), ...configurationHandlers(ctx), ...relayAccountHandlers(ctx) }
}
