/**
 * A fake of the part of the WebExtension API the background uses (background/host.ts), for unit tests in Node. Storage areas
 * round-trip values through JSON, as Chrome's do, so a bigint that slipped into storage fails here too. Everything
 * the background did is recorded for the test to read: badge text, alarms, notifications, opened windows.
 */
import type { AlarmLike, ExtensionHost, NotificationOptionsLike, StorageAreaLike } from './host'

export const FAKE_EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop'

export interface FakeStorageArea extends StorageAreaLike {
  data: Map<string, string>
  dump(): Record<string, unknown>
}

export function createFakeStorageArea(data = new Map<string, string>()): FakeStorageArea {
  return {
    data,
    async get(keys) {
      const out: Record<string, unknown> = {}
      for (const key of typeof keys === 'string' ? [keys] : keys) {
        const raw = data.get(key)
        if (raw !== undefined) out[key] = JSON.parse(raw)
      }
      return out
    },
    async set(items) {
      for (const [key, value] of Object.entries(items)) data.set(key, JSON.stringify(value))
    },
    async remove(keys) {
      for (const key of typeof keys === 'string' ? [keys] : keys) data.delete(key)
    },
    dump() {
      return Object.fromEntries([...data].map(([k, v]) => [k, JSON.parse(v)]))
    },
  }
}

export interface FakeHost extends ExtensionHost {
  storage: { local: FakeStorageArea; session: FakeStorageArea }
  state: {
    badge: string
    badgeColor?: string
    alarms: Map<string, AlarmLike>
    alarmCreates: number
    notifications: { id: string; options: NotificationOptionsLike }[]
    cleared: string[]
    windows: { url: string }[]
    popupsOpened: number
    optionsOpened: number
  }
}

export interface FakeHostOptions {
  /** Shares storage with another fake (a restarted worker sees the same chrome.storage). */
  local?: FakeStorageArea
  session?: FakeStorageArea
  /** Present in the manifest of a store-installed (packed) extension. */
  updateUrl?: string
  /** undefined: no chrome.action.openPopup; 'fail': it rejects (no focused window). */
  openPopup?: 'ok' | 'fail'
  alarms?: Map<string, AlarmLike>
}

export function createFakeHost(options: FakeHostOptions = {}): FakeHost {
  const state: FakeHost['state'] = {
    badge: '',
    alarms: options.alarms ?? new Map(),
    alarmCreates: 0,
    notifications: [],
    cleared: [],
    windows: [],
    popupsOpened: 0,
    optionsOpened: 0,
  }
  const openPopup =
    options.openPopup === undefined
      ? undefined
      : async () => {
          if (options.openPopup === 'fail') throw new Error('Could not find an active browser window.')
          state.popupsOpened += 1
        }
  return {
    state,
    runtime: {
      id: FAKE_EXTENSION_ID,
      getURL: (path) => `chrome-extension://${FAKE_EXTENSION_ID}/${path.replace(/^\//, '')}`,
      getManifest: () => ({
        version: '0.1.0',
        ...(options.updateUrl ? { update_url: options.updateUrl } : {}),
      }),
      async openOptionsPage() {
        state.optionsOpened += 1
      },
    },
    storage: {
      local: options.local ?? createFakeStorageArea(),
      session: options.session ?? createFakeStorageArea(),
    },
    alarms: {
      async get(name) {
        return state.alarms.get(name)
      },
      async create(name, info) {
        state.alarmCreates += 1
        state.alarms.set(name, { name, periodInMinutes: info.periodInMinutes })
      },
    },
    action: {
      async setBadgeText({ text }) {
        state.badge = text
      },
      async setBadgeBackgroundColor({ color }) {
        state.badgeColor = color
      },
      ...(openPopup ? { openPopup } : {}),
    },
    notifications: {
      async create(id, notification) {
        state.notifications.push({ id, options: notification })
        return id
      },
      async clear(id) {
        state.cleared.push(id)
        return true
      },
    },
    windows: {
      async create(data) {
        state.windows.push({ url: data.url })
        return {}
      },
    },
  }
}

/** A sender as Chrome describes one of our own extension pages. */
export function ownPage(path = 'popup.html') {
  return {
    id: FAKE_EXTENSION_ID,
    url: `chrome-extension://${FAKE_EXTENSION_ID}/${path}`,
    origin: `chrome-extension://${FAKE_EXTENSION_ID}`,
  }
}
