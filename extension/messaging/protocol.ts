/**
 * The typed request/response protocol between extension pages (popup, options) and the background.
 *
 * Its tracker half is *derived* from core's `TrackerApi` (src/core/tracker/api.ts): every method but `subscribe`
 * (a port, see UpdatesMessage) becomes a request whose params and result are that method's. A method added to
 * `TrackerApi` is in the protocol at once; the compiler then asks for its params schema (requests.ts) and its
 * background handler (background/handlers.ts), and the page-side proxy (remoteTracker.ts) forwards it with no
 * edit. The other half, `ExtensionMethods`, is what only the extension has: settings, watched accounts, chains, the
 * relay account, MetaMask, and history export/import. The relay account's private key is never a result, except
 * from `exportRelayAccount`, which needs the password typed again.
 */
import type { Address, Hex } from 'viem'

import { type ChainConfig, type HistoryImportResult, type TrackerApi } from '../../src/core'

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
  /** Minutes without a relay-account signature (or unlock) before the unlocked key is dropped: 1 to 1440. */
  autoLockMinutes: number
  /**
   * The most the relay account may pay in fees for one relay (gas limit × max fee per gas), in wei as a decimal
   * string (chrome.storage holds JSON, not bigints). Enforced in core right before signing.
   */
  relayFeeCapWei: string
}

export interface RelayAccountStatus {
  exists: boolean
  unlocked: boolean
  address?: Address
  /** While unlocked: when the key is dropped unless it is used before (ms since epoch). */
  locksAt?: number
  /** The key was exported in this browser session: deleting then needs only the address typed back. */
  exported?: boolean
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

/** The tracker methods a page calls over messaging: all of `TrackerApi` but `subscribe`. */
export type TrackerCalls = Omit<TrackerApi, 'subscribe'>
export type TrackerMethodName = keyof TrackerCalls

/** An async method as a protocol entry: [params tuple, resolved result]. */
type AsRequest<F> = F extends (...params: infer P) => Promise<infer R> ? [P, R] : never

/** Method name → [params tuple, result], for every tracker call. */
export type TrackerMethods = { [M in TrackerMethodName]: AsRequest<TrackerCalls[M]> }

/** Method name → [params tuple, result], for what only the extension has. */
export interface ExtensionMethods {
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
  /**
   * `proof` is the password; after an export in this browser session (the key is safe elsewhere), the account's
   * address typed back is enough.
   */
  deleteRelayAccount: [[proof: string], RelayAccountStatus]
  relayAccountBalances: [[], ChainBalance[]]
  /** A plain ETH transfer from MetaMask to the relay account. */
  topUpRelayAccount: [[chainId: number, amountWei: bigint], Hex]

  exportHistory: [[], string]
  importHistory: [[json: string], HistoryImportResult]

  /** The message a notification click asked the popup to show, once. */
  takeFocus: [[], Hex | undefined]
}

/** Every request the background answers. */
export type BackgroundMethods = TrackerMethods & ExtensionMethods

export type MethodName = keyof BackgroundMethods
export type ParamsOf<M extends MethodName> = BackgroundMethods[M][0]
export type ResultOf<M extends MethodName> = BackgroundMethods[M][1]

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
