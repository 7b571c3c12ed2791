/**
 * The background's entry, in both browsers: Chrome runs it as the MV3 service worker, Firefox as an event page
 * (docs/ARCHITECTURE.md §6). Either may unload it when idle and run this file again on the next event (install,
 * browser start, an alarm, a message, a notification click), so it only registers listeners — synchronously, as
 * both require for the event that woke it to be delivered — and starts the background, which rebuilds its state
 * from storage. Every browser API goes through `browser.*` (webextension-polyfill: Firefox's own namespace, or
 * Chrome's wrapped in promises), so one code path serves both.
 */
import '../shims/nodeGlobals'

import { createExternalExtensionProvider } from '@metamask/providers'
import browser, { type Runtime } from 'webextension-polyfill'

import { openIndexedDbStore } from '../../src/core'

import { DEFAULT_CHAINS } from '../shared/devnetChains'
import { createBackground } from './background'
import type { ExtensionHost } from './host'
import { createWallet, createWalletConnection, type StreamProviderLike } from './wallet'

const host: ExtensionHost = browser

// The devnet starts two chains (901, 902) unless asked for more; polling three that are not running would only
// produce errors. The others are one click away in the options page's presets. On the ports `npm start` built for.

const background = createBackground({
  host,
  openStore: () => openIndexedDbStore(),
  defaultChains: DEFAULT_CHAINS,
  wallet: createWallet(
    // MetaMask's provider picks its extension id (Chrome's or Firefox's) from the user agent.
    createWalletConnection(() => createExternalExtensionProvider('stable') as unknown as StreamProviderLike),
    host.storage.local,
  ),
})

// The listener answers our requests later (`true`) and leaves any other message alone (`false`), which all three
// runtimes support; the polyfill's types only model the first.
browser.runtime.onMessage.addListener(background.onMessage as Runtime.OnMessageListenerCallback)
browser.runtime.onConnect.addListener(background.onConnect)
browser.runtime.onInstalled.addListener(background.onInstalled)
browser.alarms.onAlarm.addListener(background.onAlarm)
browser.notifications.onClicked.addListener(background.onNotificationClicked)
// The screen locking drops the unlocked relay key (the `idle` permission, both browsers).
browser.idle.onStateChanged.addListener(background.onIdleStateChanged)

void background.start().catch((error: unknown) => console.error('[superchain-relay] start failed', error))
