/**
 * The action badge: how many tracked messages wait for the user (core's `needsUser`: ready, failed, expired), so a
 * stuck transfer is visible without opening anything.
 */
import { type MessageStore, NEEDS_USER_STATUSES, needsUser } from '../../src/core'

import type { ExtensionHost } from './host'

export const BADGE_COLOR = '#d92d20'

export function badgeText(count: number): string {
  if (count <= 0) return ''
  return count > 99 ? '99+' : String(count)
}

export async function updateBadge(host: ExtensionHost, store: MessageStore): Promise<number> {
  // The status index narrows the read; needsUser stays the one definition of "waits for the user".
  const count = (await store.list({ statuses: [...NEEDS_USER_STATUSES] })).filter(needsUser).length
  await host.action.setBadgeText({ text: badgeText(count) })
  return count
}
