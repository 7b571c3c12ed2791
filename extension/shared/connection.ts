/**
 * The one connection an extension page keeps to the background: the typed client, the updates port, and the
 * `TrackerApi` the shared UI renders. Created once per page, so `RelayApp` gets a stable `api`. `browser.runtime`
 * is Firefox's own or Chrome's through webextension-polyfill: the same page runs in both.
 */
import browser from 'webextension-polyfill'

import { createBackgroundClient } from '../messaging/client'
import { createRemoteTrackerApi } from '../messaging/remoteTracker'
import { createUpdatesConnection } from '../messaging/updates'
import { EXTENSION_ERROR_CLASSES } from './errorClasses'

export const client = createBackgroundClient(browser.runtime, { errorClasses: EXTENSION_ERROR_CLASSES })
export const updates = createUpdatesConnection(browser.runtime)
export const trackerApi = createRemoteTrackerApi(client, updates)
