/**
 * The public surface of core: what the shells (extension/, widget/, cli/) and src/ui may use. Everything else in
 * src/core is internal and can change without touching a shell; a lint rule keeps shells on this file
 * (docs/ARCHITECTURE.md §1). Grouped the way data flows: chains → model → protocol → store → relay → tracker.
 */

// Errors: the one base every named error extends, and how to tell them apart (docs/ARCHITECTURE.md §10).
export { SuperchainRelayError } from './errors/base'
export {
  CORE_ERROR_CLASSES,
  isSuperchainRelayError,
  type SuperchainRelayErrorClass,
  type SuperchainRelayErrorName,
  type SuperchainRelayErrorOf,
} from './errorClasses'

// Chains: what a chain is, the presets a user can pick, and how its RPC becomes a viem transport.
export type { ChainConfig } from './chains/types'
export { DEFAULT_DEVNET, PRESETS } from './chains/presets'
export { chainConfigToViemChain } from './chains/registry'
export { rpcTransport } from './chains/transport'
export { validateChainConfig } from './chains/validate'
export { verifyChain, verifyRpc, type ChainCheck } from './chains/verifyRpc'
export {
  ChainIdMismatchError,
  InteropNotActiveError,
  InvalidChainConfigError,
  RpcUnreachableError,
  UnknownChainError,
} from './chains/errors'
export { readinessSentence, type InteropReadiness, type MessengerFeatures } from './chains/readiness'
export { PRESET_INFO, interopPlanned, type PresetInfo } from './chains/presets'
export { dropRetiredChains, RETIRED_NETWORKS, type ChainNotice } from './chains/retiredChains'
export type { ChainNoticeView } from './tracker/chainNotices'
export { messengerFeatures } from './protocol/messengerVersion'

// The message model and its status machine.
export type {
  LocationChange,
  LogPosition,
  MessageStatus,
  RelayAttempt,
  RelayIntent,
  SafetyLevel,
  TrackedMessage,
} from './model/message'
export { NEEDS_USER_STATUSES, isFinal, type MessageExpiry } from './model/message'
export { PROGRESS_STEPS, needsUser, progressOf } from './model/status'
export { STEP_OF, STOPPED_STATUSES, canResend, isRelayable } from './model/progress'
export { describeLocationChange } from './model/location'

// Protocol facts and how values are written for people.
export { MESSAGE_EXPIRY_SECONDS } from './protocol/addresses'
export { describeIntent, formatAmount, shortAddress, transferAmountText } from './protocol/format'

// Persistence.
export type { JsonValue, MessageStore, ScanCursor, ScanDirection } from './store/types'
export { openIndexedDbStore } from './store/indexedDbStore'
export { createMemoryStore } from './store/memoryStore'
export { exportHistory, parseHistory, type HistoryImportResult } from './store/serialize'
// Every status a message can have (a compile-time check keeps it complete): request schemas pick from it.
export { MESSAGE_STATUSES } from './store/messageSchema'
export {
  HistoryImportError,
  MessageIdentityError,
  StoreClosedError,
  StoreError,
  StoreVersionError,
} from './store/errors'

// Discovery: why a transaction hash gave nothing to track.
export {
  InvalidTransactionHashError,
  NoCrossChainMessageError,
  MalformedRpcReplyError,
  TransactionUnknownError,
} from './discovery/fromTransaction'
// Discovery: an account scan whose RPC will not show every message its messenger counts.
export { HiddenLogsError } from './discovery/nonceProof'
export { exportMessage, importMessage, type ExportedMessage } from './store/historyMessage'
export type { UnreadableRecord } from './store/storedRecord'

// Untrusted input: valibot field schemas and a parse that names the path of the first problem.
export { parseInput, show, type Parsed } from './schema/parse'
export * as fieldSchemas from './schema/fields'

// Relaying: the plan a user approves, what they approve, who signs it, and why a relay did not happen.
export { APPROVAL_MARGIN_PERCENT, approvalOf, type RelayApproval, type RelayPlan } from './relay/plan'
export {
  createLocalSigner,
  maxTransactionCost,
  createWalletSigner,
  type LocalSignerOptions,
  type RelaySigner,
  type SentTransaction,
  type SignedTransaction,
  type SignerRequest,
} from './relay/signer'
export {
  AccessListDroppedError,
  AlreadyRelayedError,
  FeeAboveApprovalError,
  findError,
  InitiatingLogNotFoundError,
  InsufficientRelayFundsError,
  MessageExpiredError,
  MessageVanishedError,
  NotResendableError,
  PlanChangedError,
  RelayError,
  RelayInProgressError,
  RelaySimulationFailedError,
  SpendingCapExceededError,
  ResendUnavailableError,
  WalletError,
} from './relay/errors'

// The tracker: the one object a shell owns, and the API every UI talks to.
export type {
  ChainReadiness,
  MessageFilter,
  PollReport,
  RelaySignerChoice,
  Tracker,
  TrackerApi,
  TrackerUpdate,
} from './tracker/api'
export { STALE_STATES, staleChainsOf, type ChainHealth, type ChainHealthState } from './tracker/chainHealth'
export type { ChainSource } from './tracker/chainSet'
export { TRACKER_CALL_NAMES, type TrackerCallName } from './trackerCalls'
export type { TrackerEventHub, TrackerEventMap } from './tracker/events'
export {
  createTracker,
  InvalidAccountError,
  SignerUnavailableError,
  TrackerError,
  UnknownMessageError,
  type TrackerOptions,
} from './tracker/tracker'
