/**
 * The part of the WebExtension API the background uses, as a narrow interface. The background receives it as a
 * parameter instead of reaching for a global, so unit tests hand it a small fake (alarms, storage, badge,
 * notifications) and check the wiring without a browser. `index.ts` passes `browser` from webextension-polyfill —
 * Firefox's own promise-based namespace, or Chrome's `chrome.*` wrapped to match — and the compiler checks that
 * it fits, so the one background serves both browsers (docs/ARCHITECTURE.md §6).
 */
export interface StorageAreaLike {
  get(keys: string | string[]): Promise<Record<string, unknown>>
  set(items: Record<string, unknown>): Promise<void>
  remove(keys: string | string[]): Promise<void>
}

export interface AlarmLike {
  name: string
  periodInMinutes?: number
}

export interface NotificationOptionsLike {
  type: 'basic'
  iconUrl: string
  title: string
  message: string
  contextMessage?: string
  priority?: number
}

export interface ExtensionHost {
  runtime: {
    id: string
    getURL(path: string): string
    getManifest(): {
      version: string
      update_url?: string
      /** Present in the Firefox build only (extension/manifest.ts). */
      browser_specific_settings?: { gecko?: unknown }
    }
    openOptionsPage(): Promise<void>
  }
  storage: {
    /** Survives restarts: settings, the encrypted relay account, what was notified. */
    local: StorageAreaLike
    /** Memory only, cleared when the browser closes: the unlocked relay key, the relay journal. */
    session: StorageAreaLike
  }
  /**
   * How the extension was installed ('development': unpacked in Chrome, a temporary add-on in Firefox). `getSelf`
   * needs no permission in either browser; optional, as a host may lack it.
   */
  management?: {
    getSelf(): Promise<{ installType: string }>
  }
  alarms: {
    get(name: string): Promise<AlarmLike | undefined>
    create(name: string, info: { periodInMinutes: number; delayInMinutes?: number }): Promise<void>
  }
  action: {
    setBadgeText(details: { text: string }): Promise<void>
    setBadgeBackgroundColor(details: { color: string }): Promise<void>
    /**
     * Chrome 127+ for every extension; may still fail when no browser window has focus. Firefox has it, but opens
     * the popup only from a user action, so there the fallback (a window) is what runs.
     */
    openPopup?: () => Promise<void>
  }
  notifications: {
    create(id: string, options: NotificationOptionsLike): Promise<string>
    clear(id: string): Promise<boolean>
  }
  windows: {
    create(data: {
      url: string
      type: 'popup'
      width: number
      height: number
      focused: boolean
    }): Promise<unknown>
  }
}
