/**
 * What the background accepts, per method: a schema of its params (checked at the boundary, before any handler
 * runs — a page is ours, but its input is still input) and whether a call cut by a background restart may be sent
 * again. The tables are typed by the protocol (protocol.ts): a method without an entry, or a schema whose output
 * does not fit the method's params, fails to compile.
 */
import * as v from 'valibot'

import { fieldSchemas, MESSAGE_STATUSES } from '../../src/core'

import type { ExtensionMethods, MethodName, ParamsOf, TrackerMethodName } from './protocol'

export interface RequestSpec<M extends MethodName> {
  params: v.GenericSchema<unknown, ParamsOf<M>>
  /**
   * Can the call be sent again when the background died after receiving it? Reads and "set to" writes can. The
   * rest either ask the user something (MetaMask) or create something, and are retried only when the message never
   * arrived; the relay calls have their own recovery (remoteTracker.ts).
   */
  retrySafe: boolean
}

// Hashes, addresses and chain ids are checked as everywhere else in core (the same words in every error).
const { bytes32: hash, addressShape: address, chainId } = fieldSchemas
const text = v.string('expected text')
const signer = v.variant(
  'kind',
  [v.object({ kind: v.literal('wallet') }), v.object({ kind: v.literal('relayAccount') })],
  (issue) => `expected a signer of kind 'wallet' or 'relayAccount', got ${String(issue.input)}`,
)

const filter = v.object({
  accounts: v.optional(v.array(address)),
  statuses: v.optional(v.array(v.picklist(MESSAGE_STATUSES))),
  chainId: v.optional(chainId),
})

const none = v.tuple([])

/** The figures of the plan the user approved: core refuses to sign a plan re-priced above them. */
const approval = v.object(
  {
    gas: v.pipe(
      v.bigint('expected the approved gas limit'),
      v.minValue(1n, 'expected the approved gas limit'),
    ),
    maxFeePerGas: v.pipe(
      v.bigint('expected the approved max fee per gas'),
      v.minValue(1n, 'expected the approved max fee per gas'),
    ),
  },
  'expected the approved plan’s gas and maxFeePerGas',
)

const spec = <S>(params: S, retrySafe: boolean) => ({ params, retrySafe })

/** One entry per `TrackerApi` call (the protocol derives them from core's type). */
export const TRACKER_REQUESTS: { [M in TrackerMethodName]: RequestSpec<M> } = {
  listMessages: spec(v.tuple([v.optional(filter)]), true),
  getMessage: spec(v.tuple([hash]), true),
  trackTransaction: spec(v.tuple([chainId, hash]), true),
  listChains: spec(none, true),
  /** Simulated as the signer the user picked (or an address). */
  prepareRelay: spec(v.tuple([hash, v.optional(v.union([signer, address]))]), true),
  /**
   * The page sends the hash and the approved figures: the background re-derives the relay from the source chain
   * and signs nothing above the approval.
   */
  relay: spec(v.tuple([hash, signer, approval]), false),
  resend: spec(v.tuple([hash, signer]), false),
  forgetMessage: spec(v.tuple([hash]), true),
  clearChainHistory: spec(v.tuple([chainId]), true),
  chainHealth: spec(none, true),
  unreadableMessages: spec(none, true),
  chainReadiness: spec(none, true),
  chainNotices: spec(none, true),
  dismissChainNotice: spec(v.tuple([v.pipe(text, v.nonEmpty('expected a notice id'))]), true),
}

const EXTENSION_REQUESTS: { [M in keyof ExtensionMethods]: RequestSpec<M> } = {
  listAccounts: spec(none, true),
  watchAccount: spec(v.tuple([text]), true),
  unwatchAccount: spec(v.tuple([text]), true),
  walletAccounts: spec(none, false),
  walletStatus: spec(none, true),
  resetWalletStatus: spec(none, true),
  // validateChainConfig checks the config field by field, with messages made for the options form.
  addChain: spec(v.tuple([v.unknown()]), true),
  removeChain: spec(v.tuple([chainId]), true),
  getSettings: spec(none, true),
  updateSettings: spec(
    v.tuple([
      // Strict: a misspelt setting is an error the page hears about, not a silently dropped key.
      v.pipe(
        v.custom<Record<string, unknown>>(
          (x) => typeof x === 'object' && x !== null && !Array.isArray(x),
          (issue) =>
            `expected an object of settings, got ${Array.isArray(issue.input) ? 'an array' : String(issue.input)}`,
        ),
        v.partial(
          v.strictObject({
            gracePeriodSeconds: v.number('expected a number of seconds'),
            relayPolicy: v.picklist(['notify', 'prompt']),
            theme: v.picklist(['auto', 'light', 'dark']),
            autoLockMinutes: v.number('expected a number of minutes'),
            relayFeeCapWei: v.string('expected the fee cap in wei as a decimal string'),
          }),
        ),
      ),
    ]),
    true,
  ),
  relayAccountStatus: spec(none, true),
  createRelayAccount: spec(v.tuple([text]), false),
  unlockRelayAccount: spec(v.tuple([text]), true),
  lockRelayAccount: spec(none, true),
  exportRelayAccount: spec(v.tuple([text]), true),
  deleteRelayAccount: spec(v.tuple([text]), true),
  relayAccountBalances: spec(none, true),
  topUpRelayAccount: spec(
    v.tuple([
      chainId,
      v.pipe(v.bigint('expected an amount in wei'), v.minValue(1n, 'the top-up amount must be more than 0')),
    ]),
    false,
  ),
  exportHistory: spec(none, true),
  importHistory: spec(v.tuple([v.string('expected the file’s text')]), true),
  takeFocus: spec(none, false),
}

export const REQUESTS: { [M in MethodName]: RequestSpec<M> } = { ...TRACKER_REQUESTS, ...EXTENSION_REQUESTS }

export function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && Object.hasOwn(REQUESTS, value)
}

/** The tracker calls, for the page-side proxy to forward (remoteTracker.ts). */
export const TRACKER_METHOD_NAMES = Object.keys(TRACKER_REQUESTS) as TrackerMethodName[]
