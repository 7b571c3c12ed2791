/**
 * The notices about the user's chain list (chains/retiredChains.ts) as a UI reads them: each with how many tracked
 * messages still sit on its chains (they stay in the history), and dismissed by id once the user has read it.
 */
import type { ChainNotice } from '../chains/retiredChains'
import type { JsonValue, MessageStore } from '../store/types'
import { CHAIN_NOTICES_SETTING } from './chainSet'

/** A stored notice, with the tracked messages from or to its chains counted now. */
export interface ChainNoticeView extends ChainNotice {
  messages: number
}

/** The stored notices; anything that is not a notice (a damaged setting) is left out rather than shown. */
async function storedNotices(store: MessageStore): Promise<ChainNotice[]> {
  const stored = await store.getSetting<JsonValue>(CHAIN_NOTICES_SETTING)
  if (!Array.isArray(stored)) return []
  return (stored as unknown[]).filter(isChainNotice)
}

function isChainNotice(value: unknown): value is ChainNotice {
  if (typeof value !== 'object' || value === null) return false
  const n = value as Partial<ChainNotice>
  return (
    typeof n.id === 'string' &&
    typeof n.network === 'string' &&
    typeof n.text === 'string' &&
    Array.isArray(n.chains) &&
    n.chains.every((c) => typeof c === 'object' && c !== null && typeof c.id === 'number')
  )
}

export async function listChainNotices(store: MessageStore): Promise<ChainNoticeView[]> {
  const notices = await storedNotices(store)
  if (notices.length === 0) return []
  const messages = await store.list()
  return notices.map((notice) => {
    const ids = new Set(notice.chains.map((c) => c.id))
    const count = messages.filter((m) => ids.has(m.source) || ids.has(m.destination)).length
    return { ...notice, messages: count }
  })
}

/** Removes one notice from the setting; an unknown id is a no-op (another page dismissed it first). */
export async function dismissChainNotice(store: MessageStore, id: string): Promise<void> {
  await store.updateSetting(CHAIN_NOTICES_SETTING, (current) => {
    const list = Array.isArray(current) ? current : []
    return list.filter(
      (n) => !(typeof n === 'object' && n !== null && !Array.isArray(n) && n.id === id),
    ) as JsonValue
  })
}
