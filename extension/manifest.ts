/**
 * The MV3 manifest, with the least the extension needs:
 * - permissions: storage (settings, the encrypted relay account), alarms (polling while the worker sleeps),
 *   notifications (stuck, relayed, failed, expiring messages). No tabs, no scripting, no content scripts, and no
 *   `externally_connectable`: web pages cannot reach the background at all.
 * - host_permissions: only loopback, for the local devnet the extension starts with (it must work with no prompt,
 *   and loopback grants no access to the web). Any other RPC is an *optional* host permission, requested for that
 *   one origin when the user adds the chain; WebSocket RPCs need none (no CORS on WebSockets).
 * - CSP: scripts from the package only; nothing is fetched or evaluated at run time.
 */
import { defineManifest } from '@crxjs/vite-plugin'

import pkg from '../package.json' with { type: 'json' }

const icons = {
  16: 'icons/icon-16.png',
  32: 'icons/icon-32.png',
  48: 'icons/icon-48.png',
  128: 'icons/icon-128.png',
}

export default defineManifest({
  manifest_version: 3,
  name: 'Superchain Relay',
  short_name: 'Superchain Relay',
  version: pkg.version,
  description:
    'Tracks your OP Superchain cross-chain messages and SuperchainERC20/ETH transfers, and relays the stuck ones.',
  // storage.session, promise-based APIs and alarms of 30 s: Chrome 116.
  minimum_chrome_version: '116',
  icons,
  action: { default_title: 'Superchain Relay', default_popup: 'popup.html', default_icon: icons },
  options_ui: { page: 'options.html', open_in_tab: true },
  background: { service_worker: 'background/index.ts', type: 'module' },
  permissions: ['storage', 'alarms', 'notifications'],
  host_permissions: ['http://127.0.0.1/*', 'http://localhost/*'],
  optional_host_permissions: ['https://*/*', 'http://*/*'],
  content_security_policy: { extension_pages: "script-src 'self'; object-src 'self'" },
})
