/**
 * The open updates ports (the popup's and the options page's): each gets every tracker update as it happens, so an
 * open page never polls. A port is accepted only from this extension's own pages, and only on the updates channel.
 */
import type { TrackerUpdate } from '../../src/core'

import { encode } from '../messaging/codec'
import { UPDATES_PORT, type UpdatesMessage } from '../messaging/protocol'
import { type ExtensionIdentity, isOwnExtensionPage, type SenderLike } from '../messaging/senders'

export interface PortLike {
  name: string
  sender?: SenderLike
  postMessage(message: unknown): void
  disconnect(): void
  onDisconnect: { addListener(listener: () => void): void }
}

export interface UpdatesPorts {
  /** How many pages are listening: an open page keeps the fast loop running. */
  readonly size: number
  /** Keep `port` until it disconnects; a port from anyone else, or on another channel, is closed and refused. */
  accept(port: PortLike): boolean
  broadcast(update: TrackerUpdate): void
}

export function createUpdatesPorts(self: ExtensionIdentity): UpdatesPorts {
  const ports = new Set<PortLike>()
  return {
    get size() {
      return ports.size
    },
    accept(port) {
      if (port.name !== UPDATES_PORT || !isOwnExtensionPage(port.sender, self)) {
        port.disconnect()
        return false
      }
      ports.add(port)
      port.onDisconnect.addListener(() => ports.delete(port))
      return true
    },
    broadcast(update) {
      if (ports.size === 0) return
      const message: UpdatesMessage = { type: 'update', update: encode(update) }
      for (const port of ports) {
        try {
          port.postMessage(message)
        } catch {
          ports.delete(port) // disconnected under us; its onDisconnect may not have run yet
        }
      }
    },
  }
}
