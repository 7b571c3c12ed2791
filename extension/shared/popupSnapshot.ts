/**
 * The popup's first screen, kept ready in `storage.local` by the background (background/snapshotWriter.ts) so the
 * popup paints it without waiting for a stopped worker to wake, open IndexedDB and answer
 * (docs/ARCHITECTURE.md §3). It is src/ui's `MessagePreview` — the first rows of each tab in display order, the tab
 * counts, the chains and their health — so its size does not grow with the history.
 *
 * Storage is input like any other: another build, an older format or a damaged value must not put the popup in a
 * state it does not understand. So the snapshot is plain JSON under a version, every message is written and read
 * back with core's history reader (each field checked, the hash recomputed), every chain with core's chain
 * validator, the rest with a schema; anything that fails is no snapshot, and the popup waits for the live list as
 * it would on a first run.
 */
import { isAddress, type Address } from 'viem'
import * as v from 'valibot'

import {
  exportMessage,
  importMessage,
  shortAddress,
  validateChainConfig,
  type ChainHealth,
  type ChainHealthState,
  type ExportedMessage,
} from '../../src/core'
import { buildFirstScreen, type MessagePreview, type MessageTab } from '../../src/ui'

import type { StorageAreaLike } from '../background/host'
import {
  encodeFirstScreen,
  POPUP_FIRST_SCREEN_KEY,
  POPUP_SNAPSHOT_VERSION,
  type StoredFirstScreen,
} from './firstScreenRecord'

export { POPUP_FIRST_SCREEN_KEY, POPUP_SNAPSHOT_VERSION }
export const POPUP_SNAPSHOT_KEY = 'popupSnapshot'

interface StoredTab {
  count: number
  messages: ExportedMessage[]
}

export interface StoredSnapshot {
  version: number
  asOf: number
  accounts: Address[]
  chains: unknown[]
  health: ChainHealth[]
  tabs: Partial<Record<MessageTab, StoredTab>>
}

/** Both popup keys, as one `storage.set` writes them: the first paint's first screen and React's snapshot. */
export interface StoredPopupKeys {
  [POPUP_SNAPSHOT_KEY]: StoredSnapshot
  [POPUP_FIRST_SCREEN_KEY]: StoredFirstScreen
}

/** The popup footer's line: which accounts the list is split against. */
export function watchingText(accounts: readonly Address[]): string {
  if (accounts.length === 0) return 'No account watched yet'
  return `Watching ${accounts.length === 1 ? shortAddress(accounts[0]!) : `${accounts.length} accounts`}`
}

export function encodeSnapshot(preview: MessagePreview): StoredSnapshot {
  const tabs: StoredSnapshot['tabs'] = {}
  for (const [tab, value] of Object.entries(preview.tabs)) {
    if (value) tabs[tab as MessageTab] = { count: value.count, messages: value.messages.map(exportMessage) }
  }
  return {
    version: POPUP_SNAPSHOT_VERSION,
    asOf: preview.asOf,
    accounts: preview.accounts,
    chains: preview.chains,
    health: preview.health,
    tabs,
  }
}

/** The two popup keys for `preview`, to be stored together (one `storage.set`), so they never disagree. */
export function encodePopupKeys(preview: MessagePreview): StoredPopupKeys {
  const firstScreen = buildFirstScreen(preview)
  return {
    [POPUP_SNAPSHOT_KEY]: encodeSnapshot(preview),
    [POPUP_FIRST_SCREEN_KEY]: encodeFirstScreen(
      firstScreen && { ...firstScreen, footer: watchingText(preview.accounts) },
    ),
  }
}

const HEALTH_STATES = [
  'unknown',
  'ok',
  'unreachable',
  'wrongChain',
  'reset',
] as const satisfies readonly ChainHealthState[]
// Fails to compile when core adds a state this list lacks.
const _everyState: Exclude<ChainHealthState, (typeof HEALTH_STATES)[number]> extends never ? true : never =
  true
void _everyState

const millis = v.pipe(v.number(), v.safeInteger(), v.minValue(0))
const count = v.pipe(v.number(), v.safeInteger(), v.minValue(0))
const chainId = v.pipe(v.number(), v.safeInteger(), v.minValue(1))
const address = v.custom<Address>((value) => typeof value === 'string' && isAddress(value, { strict: false }))

const health = v.strictObject({
  chainId,
  state: v.picklist(HEALTH_STATES),
  lastOkAt: v.optional(millis),
  error: v.optional(v.string()),
  retryAt: v.optional(millis),
  servedChainId: v.optional(chainId),
  lastResetAt: v.optional(millis),
})

const tab = v.strictObject({ count, messages: v.array(v.unknown()) })

/** The frame around the messages and chains, which core's own readers check. */
const snapshotSchema = v.strictObject({
  version: v.literal(POPUP_SNAPSHOT_VERSION),
  asOf: millis,
  accounts: v.array(address),
  chains: v.array(v.unknown()),
  health: v.array(health),
  tabs: v.strictObject({
    all: v.optional(tab),
    outgoing: v.optional(tab),
    incoming: v.optional(tab),
    other: v.optional(tab),
  }),
})

/** The stored snapshot, checked; throws on anything that is not what this build writes. */
export function decodeSnapshot(stored: unknown): MessagePreview {
  const frame = v.parse(snapshotSchema, stored)
  const tabs: MessagePreview['tabs'] = {}
  for (const [name, value] of Object.entries(frame.tabs)) {
    if (!value) continue
    const messages = value.messages.map((m, i) => importMessage(m, `tabs.${name}.messages[${i}]`))
    if (messages.length > value.count) throw new Error(`tabs.${name}: more rows than its count`)
    tabs[name as MessageTab] = { count: value.count, messages }
  }
  return {
    asOf: frame.asOf,
    accounts: frame.accounts,
    chains: frame.chains.map((chain) => validateChainConfig(chain)),
    health: frame.health,
    tabs,
  }
}

/**
 * The snapshot the background last saved, or undefined when there is none this build can trust. `onInvalid`
 * hears why a stored one was refused (the popup has no log of its own; tests read it).
 */
export async function readPopupSnapshot(
  storage: StorageAreaLike,
  onInvalid?: (error: unknown) => void,
): Promise<MessagePreview | undefined> {
  const stored = (await storage.get(POPUP_SNAPSHOT_KEY))[POPUP_SNAPSHOT_KEY]
  if (stored === undefined) return undefined
  try {
    return decodeSnapshot(stored)
  } catch (error) {
    onInvalid?.(error)
    return undefined
  }
}
