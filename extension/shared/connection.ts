/// <reference types="chrome" />
/**
 * The one connection an extension page keeps to the background: the typed client, the updates port, and the
 * `TrackerApi` the shared UI renders. Created once per page, so `RelayApp` gets a stable `api`.
 */
import { createBackgroundClient } from '../messaging/client'
import { createRemoteTrackerApi } from '../messaging/remoteTracker'
import { createUpdatesConnection } from '../messaging/updates'

export const client = createBackgroundClient(chrome.runtime)
export const updates = createUpdatesConnection(chrome.runtime)
export const trackerApi = createRemoteTrackerApi(client, updates)
