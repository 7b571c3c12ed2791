/// <reference types="chrome" />
/**
 * The service worker's entry. Chrome runs this file on every worker start (install, browser start, an alarm, a
 * message, a notification click after the worker was stopped), so it only registers listeners — synchronously, as
 * MV3 requires for events that woke the worker to be delivered — and starts the background, which rebuilds its
 * state from storage.
 */
import '../shims/nodeGlobals'

import { createExternalExtensionProvider } from '@metamask/providers'

import { openIndexedDbStore } from '../../src/core'

import { DEFAULT_CHAINS } from '../shared/devnetChains'
import { createBackground } from './background'
import type { ExtensionHost } from './host'
import { createWallet, createWalletConnection, type StreamProviderLike } from './wallet'

const host: ExtensionHost = chrome

// The devnet starts two chains (901, 902) unless asked for more; polling three that are not running would only
// produce errors. The others are one click away in the options page's presets. On the ports `npm start` built for.

const background = createBackground({
  host,
  openStore: () => openIndexedDbStore(),
  defaultChains: DEFAULT_CHAINS,
  wallet: createWallet(
    createWalletConnection(() => createExternalExtensionProvider('stable') as unknown as StreamProviderLike),
    host.storage.local,
  ),
})

chrome.runtime.onMessage.addListener(background.onMessage)
chrome.runtime.onConnect.addListener(background.onConnect)
chrome.alarms.onAlarm.addListener(background.onAlarm)
chrome.notifications.onClicked.addListener(background.onNotificationClicked)

void background.start().catch((error: unknown) => console.error('[superchain-relay] start failed', error))
