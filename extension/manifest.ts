/**
 * The MV3 manifest for each browser, with the least the extension needs:
 * - permissions: storage (settings, the encrypted relay account), alarms (polling while the background sleeps),
 *   notifications (stuck, relayed, failed, expiring messages), idle (the screen locking locks the relay account,
 *   docs/ARCHITECTURE.md §6). No tabs, no scripting, no content scripts, and no
 *   `externally_connectable`: web pages cannot reach the background at all.
 * - host_permissions: only loopback, for the local devnet the extension starts with (it must work with no prompt,
 *   and loopback grants no access to the web). Any other RPC is an *optional* host permission, requested for that
 *   one origin when the user adds the chain; WebSocket RPCs need none (no CORS on WebSockets).
 * - CSP: scripts from the package only; nothing is fetched or evaluated at run time.
 *
 * Chrome and Firefox share everything but the background (docs/ARCHITECTURE.md §6): Chrome runs it as a service
 * worker, Firefox MV3 has no extension service workers and runs the same script as an event page
 * (`background.scripts`), which it unloads when idle just as Chrome stops the worker. Firefox also needs an add-on
 * id of its own (`browser_specific_settings.gecko`) and says what data leaves the browser (none).
 */
import { defineManifest } from '@crxjs/vite-plugin'

import pkg from '../package.json' with { type: 'json' }

export type TargetBrowser = 'chrome' | 'firefox'

/** The Firefox add-on id: fixed, so storage and the `moz-extension://` host survive updates. */
export const GECKO_ID = 'superchain-relay@superchain-relay.extension'

/**
 * Firefox 140 (an ESR): `storage.session`, module event pages, `optional_host_permissions` and
 * `data_collection_permissions` are all there.
 */
export const GECKO_MIN_VERSION = '140.0'

const icons = {
  16: 'icons/icon-16.png',
  32: 'icons/icon-32.png',
  48: 'icons/icon-48.png',
  128: 'icons/icon-128.png',
}

const BACKGROUND_ENTRY = 'background/index.ts'

/** Kept apart from the literal: crxjs's manifest type does not know `gecko_android` yet. */
const GECKO_SETTINGS = {
  gecko: {
    id: GECKO_ID,
    strict_min_version: GECKO_MIN_VERSION,
    // The extension talks only to the RPCs the user configured; nothing is sent to us or anyone else.
    data_collection_permissions: { required: ['none'] as ['none'] },
  },
  // Firefox for Android reads data_collection_permissions from 142 on.
  gecko_android: { strict_min_version: '142.0' },
}

export function manifestFor(browser: TargetBrowser) {
  const common = {
    manifest_version: 3 as const,
    name: 'Superchain Relay',
    short_name: 'Superchain Relay',
    version: pkg.version,
    description:
      'Tracks your OP Superchain cross-chain messages and SuperchainERC20/ETH transfers, and relays the stuck ones.',
    icons,
    action: { default_title: 'Superchain Relay', default_popup: 'popup.html', default_icon: icons },
    options_ui: { page: 'options.html', open_in_tab: true },
    permissions: ['storage', 'alarms', 'notifications', 'idle'],
    host_permissions: ['http://127.0.0.1/*', 'http://localhost/*'],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    content_security_policy: { extension_pages: "script-src 'self'; object-src 'self'" },
  }
  if (browser === 'firefox') {
    return defineManifest({
      ...common,
      background: { scripts: [BACKGROUND_ENTRY], type: 'module' },
      browser_specific_settings: GECKO_SETTINGS,
    })
  }
  return defineManifest({
    ...common,
    // storage.session, promise-based APIs and alarms of 30 s: Chrome 116.
    minimum_chrome_version: '116',
    background: { service_worker: BACKGROUND_ENTRY, type: 'module' },
  })
}
