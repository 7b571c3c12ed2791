/**
 * The typed request/response protocol between extension pages (popup, options) and the background service worker.
 * One map, `BackgroundMethods`, says for every method what it takes and what it resolves with; the client and the
 * server are both checked against it, so a renamed method or a changed result fails to compile on both sides.
 *
 * It covers the UI's `TrackerApi` and what only the extension has: settings, watched accounts, chains, the relay
 * account, MetaMask, and history export/import. The relay account's private key is never a result, except from
 * `exportRelayAccount`, which needs the password typed again.
 */
import type { Address, Hex } from 'viem'

import {
  type ChainConfig,
  type ChainHealth,
  type HistoryImportResult,
  type MessageFilter,
  type RelayApproval,
  type RelayPlan,
  type RelaySignerChoice,
  type TrackedMessage,
} from '../../src/core'

import type { Encoded, SerializedError } from './codec'

/** What the user can tune; everything else the extension decides. */
export interface ExtensionSettings {
  /**
   * Seconds a message may sit ready before we tell the user: autorelayers usually act within seconds, so a short
   * wait avoids notifying about messages that would have been relayed anyway.
   */
  gracePeriodSeconds: number
  /** 'notify': a notification only. 'prompt': also open the popup on the message. */
  relayPolicy: 'notify' | 'prompt'
  theme: 'auto' | 'light' | 'dark'
}

export interface RelayAccountStatus {
  exists: boolean
  unlocked: boolean
  address?: Address
}

export interface ChainBalance {
  chainId: number
  name: string
  /** Wei; absent when the chain did not answer (then `error` says why). */
  balance?: bigint
  error?: string
}

export interface WalletStatus {
  /** The wallet dropped a relay's access list before; the relay account is the way to relay. */
  dropsAccessList: boolean
}

/** Method name → [params tuple, result]. */
export interface BackgroundMethods {
  // The TrackerApi surface (src/core/tracker/api.ts), minus subscribe (a port, see UpdatesMessage).
  listMessages: [[filter?: MessageFilter], TrackedMessage[]]
  getMessage: [[hash: Hex], TrackedMessage | undefined]
  trackTransaction: [[chainId: number, transactionHash: Hex], TrackedMessage[]]
  listChains: [[], ChainConfig[]]
  prepareRelay: [[hash: Hex, signer?: RelaySignerChoice | Address], RelayPlan]
  /**
   * The page sends the hash and the figures the user approved: the background re-derives the relay from the
   * source chain and refuses to sign above the approval (PlanChangedError).
   */
  relay: [[hash: Hex, signer: RelaySignerChoice, approval: RelayApproval], Hex]
  resend: [[hash: Hex, signer: RelaySignerChoice], Hex]
  forgetMessage: [[hash: Hex], void]
  clearChainHistory: [[chainId: number], number]
  chainHealth: [[], ChainHealth[]]

  // Watched accounts.
  listAccounts: [[], Address[]]
  watchAccount: [[account: string], Address[]]
  unwatchAccount: [[account: string], Address[]]
  /** Asks MetaMask for its accounts (it may prompt the user). */
  walletAccounts: [[], Address[]]
  walletStatus: [[], WalletStatus]
  /** Forget that the wallet dropped an access list (e.g. after a wallet update). */
  resetWalletStatus: [[], WalletStatus]

  // Chains. The config is untrusted input: validated and its RPC verified in the background.
  addChain: [[config: unknown], ChainConfig[]]
  removeChain: [[chainId: number], ChainConfig[]]

  getSettings: [[], ExtensionSettings]
  updateSettings: [[patch: Partial<ExtensionSettings>], ExtensionSettings]

  // The built-in relay account.
  relayAccountStatus: [[], RelayAccountStatus]
  createRelayAccount: [[password: string], RelayAccountStatus]
  unlockRelayAccount: [[password: string], RelayAccountStatus]
  lockRelayAccount: [[], RelayAccountStatus]
  /** The private key, only with the password typed again. */
  exportRelayAccount: [[password: string], Hex]
  /** `confirmAddress` must be the account's address: a deliberate act, not a stray call. */
  deleteRelayAccount: [[confirmAddress: string], RelayAccountStatus]
  relayAccountBalances: [[], ChainBalance[]]
  /** A plain ETH transfer from MetaMask to the relay account. */
  topUpRelayAccount: [[chainId: number, amountWei: bigint], Hex]

  exportHistory: [[], string]
  importHistory: [[json: string], HistoryImportResult]

  /** Scan watched accounts and poll now (a "refresh" button, and tests). */
  refresh: [[], { found: number; updated: number }]
  /** The message a notification click asked the popup to show, once. */
  takeFocus: [[], Hex | undefined]
}

export type MethodName = keyof BackgroundMethods
export type ParamsOf<M extends MethodName> = BackgroundMethods[M][0]
export type ResultOf<M extends MethodName> = BackgroundMethods[M][1]

/**
 * Can a call be sent again when the worker died after receiving it? Reads and "set to" writes can. The rest either
 * ask the user something (MetaMask) or create something, and are retried only when the message never arrived; the
 * relay calls have their own recovery (messaging/client.ts).
 */
export const RETRY_SAFE: Record<MethodName, boolean> = {
  listMessages: true,
  getMessage: true,
  trackTransaction: true,
  listChains: true,
  prepareRelay: true,
  relay: false,
  resend: false,
  forgetMessage: true,
  clearChainHistory: true,
  chainHealth: true,
  listAccounts: true,
  watchAccount: true,
  unwatchAccount: true,
  walletAccounts: false,
  walletStatus: true,
  resetWalletStatus: true,
  addChain: true,
  removeChain: true,
  getSettings: true,
  updateSettings: true,
  relayAccountStatus: true,
  createRelayAccount: false,
  unlockRelayAccount: true,
  lockRelayAccount: true,
  exportRelayAccount: true,
  deleteRelayAccount: true,
  relayAccountBalances: true,
  topUpRelayAccount: false,
  exportHistory: true,
  importHistory: true,
  refresh: true,
  takeFocus: false,
}

/** Tags every message of this protocol, so the background ignores anything else sent on the runtime. */
export const PROTOCOL = 'superchain-relay/1'

export interface RequestMessage {
  protocol: typeof PROTOCOL
  id: string
  method: MethodName
  params: Encoded
}

export type ResponseMessage =
  | { id: string; ok: true; result: Encoded }
  | { id: string; ok: false; error: SerializedError }

/** The port over which an open page hears about tracker changes. */
export const UPDATES_PORT = 'superchain-relay/updates'

/** Background → page over the updates port: one encoded `TrackerUpdate`. */
export interface UpdatesMessage {
  type: 'update'
  update: Encoded
}

export function isRequestMessage(value: unknown): value is RequestMessage {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return (
    v.protocol === PROTOCOL &&
    typeof v.id === 'string' &&
    typeof v.method === 'string' &&
    Object.hasOwn(RETRY_SAFE, v.method) &&
    Array.isArray(v.params)
  )
}
