/**
 * The one surface a UI talks to (popup, options, widget, CLI): the background tracker in the extension, an in-page
 * tracker in the widget. Every method is async so the same UI works over extension messaging.
 */
import type { Address, Hex } from 'viem'

import type { InteropReadiness } from '../chains/readiness'
import type { ChainConfig } from '../chains/types'
import type { MessageStatus, TrackedMessage } from '../model/message'
import type { RelayApproval, RelayPlan } from '../relay/plan'
import type { HistoryImportResult } from '../store/serialize'
import type { UnreadableRecord } from '../store/storedRecord'
import type { ChainHealth } from './chainHealth'
import type { ChainNoticeView } from './chainNotices'

export interface MessageFilter {
  accounts?: Address[]
  statuses?: MessageStatus[]
  chainId?: number
}

export type TrackerUpdate =
  | { type: 'messageAdded'; message: TrackedMessage }
  | { type: 'messageUpdated'; message: TrackedMessage; from: MessageStatus; to: MessageStatus }
  | { type: 'messageRemoved'; hash: Hex }
  /** A chain's health changed: show "Can't reach …" and treat its messages as stale (`staleChainsOf`). */
  | { type: 'chainHealth'; health: ChainHealth }
  /** A chain was reset (a devnet restart): its `affected` messages are being re-located; some will vanish. */
  | { type: 'chainReset'; chainId: number; affected: number }
  /** A problem in the background; `chainId` when it is about one chain, so a UI can drop it once that chain is ok. */
  | { type: 'error'; message: string; context: string; chainId?: number }

/** Whether interop is active on a configured chain (chains/readiness.ts), for the options page and `chains`. */
export interface ChainReadiness {
  chainId: number
  /** Absent while the chain's RPC could not be read (its health says why). */
  readiness?: InteropReadiness
  /** What to tell the user: "interop is not active on OP Sepolia yet", or the read error in one line. */
  sentence: string
}

export type RelaySignerChoice = { kind: 'wallet' } | { kind: 'relayAccount' }

export interface TrackerApi {
  listMessages(filter?: MessageFilter): Promise<TrackedMessage[]>
  getMessage(hash: Hex): Promise<TrackedMessage | undefined>
  /**
   * Find every cross-chain message a source transaction emitted and start tracking them. A message already tracked
   * at another position (a reorg, a resend, a devnet restart reusing its nonce) moves to the live one. Refused
   * with `InteropNotActiveError` on a chain where interop is not active.
   */
  trackTransaction(chainId: number, transactionHash: Hex): Promise<TrackedMessage[]>
  listChains(): Promise<ChainConfig[]>
  /**
   * Build, re-derived from the source chain, what a relay would do, simulated as the account that will sign: pass
   * the signer the user picked (its address is resolved), or an address.
   */
  prepareRelay(hash: Hex, signer?: RelaySignerChoice | Address): Promise<RelayPlan>
  /**
   * Sign and send the relay; resolves with the relay tx hash. `approval` is the figures of the plan the user
   * approved (`approvalOf(plan)`): a plan re-priced above them (beyond 10%) is refused with `PlanChangedError`.
   * A message already being relayed is refused with `RelayInProgressError`.
   */
  relay(hash: Hex, signer: RelaySignerChoice, approval: RelayApproval): Promise<Hex>
  /** Re-emit an expired (or lost) message on its source with resendMessage; resolves with the tx hash. */
  resend(hash: Hex, signer: RelaySignerChoice): Promise<Hex>
  /** Remove one message from the history (a vanished one, or one the user does not want to see). */
  forgetMessage(hash: Hex): Promise<void>
  /** Remove every message from or to this chain, and its scan and reset bookkeeping; resolves with how many went. */
  clearChainHistory(chainId: number): Promise<number>
  /** Each configured chain's health (chainHealth.ts). */
  chainHealth(): Promise<ChainHealth[]>
  /**
   * Stored records that are not valid messages, which `listMessages` leaves out (store/storedRecord.ts): the UI
   * shows each as an error row; `forgetMessage(key)` removes one.
   */
  unreadableMessages(): Promise<UnreadableRecord[]>
  /** Each configured chain's interop readiness (cached; a chain without interop is asked again now and then). */
  chainReadiness(): Promise<ChainReadiness[]>
  /** What the user is told once about their chain list (a retired network's chains removed), until dismissed. */
  chainNotices(): Promise<ChainNoticeView[]>
  /** Remove one notice for good; an id already gone is not an error. */
  dismissChainNotice(id: string): Promise<void>
  /** Subscribe to changes; returns an unsubscribe function. */
  subscribe(listener: (update: TrackerUpdate) => void): () => void
}

/** What the owner of a tracker (the extension's background, the widget host, the CLI) can do beyond a UI. */
export interface Tracker extends TrackerApi {
  /**
   * Import an exported history (validated in full before anything is written; a newer local copy wins) and tell
   * subscribers about every imported message.
   */
  importHistory(json: string): Promise<HistoryImportResult>
  /** Accounts whose outgoing and incoming messages are discovered by scanning the chains. */
  watchAccount(account: Address): Promise<void>
  unwatchAccount(account: Address): Promise<void>
  listAccounts(): Promise<Address[]>
  /**
   * Add or replace a chain (validated and checked against its RPC first); resolves with whether interop is active
   * there. A chain without interop is added all the same (it may activate later), and the answer says so.
   */
  addChain(config: ChainConfig): Promise<ChainReadiness>
  removeChain(id: number): Promise<void>
  /** One poller tick over every chain; resolves when the reads and the resulting store writes are done. */
  poll(): Promise<PollReport>
  /** Scan watched accounts for new messages (resumes from stored cursors). */
  scanAccounts(): Promise<number>
  /**
   * Delay the owner should wait before the next poll, `elapsedMs` after the last one started: short while something
   * is in flight (once per block when blocks are faster than the active pace), long when idle.
   */
  nextPollDelayMs(elapsedMs?: number): number
  /** Start polling on a timer (Node, pages); the extension drives `poll()` from chrome.alarms instead. */
  start(): void
  stop(): void
}

export interface PollReport {
  /** JSON-RPC calls made, per chain id (each call of a batch counts). */
  requests: Record<number, number>
  /** HTTP requests made, per chain id: a tick's batch is one (docs/ARCHITECTURE.md §2); none over WebSocket. */
  httpRequests: Record<number, number>
  updated: number
  errors: { chainId: number; message: string }[]
  /** Chains found reset in this tick. */
  resets: number[]
}
