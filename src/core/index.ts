/**
 * The public surface of core: what the shells (extension/, widget/, cli/) and src/ui may use. Everything else in
 * src/core is internal and can change without touching a shell; a lint rule keeps shells on this file
 * (docs/ARCHITECTURE.md §1). Grouped the way data flows: chains → model → protocol → store → relay → tracker.
 */

// Chains: what a chain is, the presets a user can pick, and how its RPC becomes a viem transport.
export type { ChainConfig } from './chains/types'
export { DEFAULT_DEVNET, PRESETS } from './chains/presets'
export { chainConfigToViemChain } from './chains/registry'
export { rpcTransport } from './chains/transport'
export { validateChainConfig } from './chains/validate'
export { verifyRpc } from './chains/verifyRpc'
export { InvalidChainConfigError } from './chains/errors'

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
export { NEEDS_USER_STATUSES } from './model/message'
export { PROGRESS_STEPS, needsUser, progressOf } from './model/status'
export { STEP_OF, STOPPED_STATUSES, isRelayable } from './model/progress'
export { describeLocationChange } from './model/location'

// Protocol facts and how values are written for people.
export { MESSAGE_EXPIRY_SECONDS } from './protocol/addresses'
export { describeIntent, formatAmount, shortAddress } from './protocol/format'

// Persistence.
export type { JsonValue, MessageStore, ScanCursor, ScanDirection } from './store/types'
export { openIndexedDbStore } from './store/indexedDbStore'
export { createMemoryStore } from './store/memoryStore'
export { exportHistory, parseHistory, type HistoryImportResult } from './store/serialize'

// Relaying: the plan a user approves and who signs it.
export type { RelayPlan } from './relay/plan'
export {
  createLocalSigner,
  createWalletSigner,
  WalletError,
  type RelaySigner,
  type SignerRequest,
} from './relay/signer'

// The tracker: the one object a shell owns, and the API every UI talks to.
export type { MessageFilter, RelaySignerChoice, Tracker, TrackerApi, TrackerUpdate } from './tracker/api'
export {
  createTracker,
  RelaySimulationFailedError,
  SignerUnavailableError,
  UnknownMessageError,
} from './tracker/tracker'
