/**
 * What the widget tells its host, one shape for both faces: props callbacks on the React component
 * (`onMessageUpdated`…) and CustomEvents on the element (`messageUpdated`…, the payload in `event.detail`).
 */
import type { Hex } from 'viem'

import { type MessageStatus, type TrackedMessage } from '../src/core'

export type { MessageStatus, TrackedMessage }

export interface SuperchainRelayEventMap {
  /**
   * A message was first tracked (`previousStatus` absent) or changed: its status, or within a status what the UI
   * shows (how final its blocks are, a resend's new initiating log…), so `status` may equal `previousStatus`.
   */
  messageUpdated: { message: TrackedMessage; status: MessageStatus; previousStatus?: MessageStatus }
  /** A message was seen executed on its destination, by this widget's relay or anyone else's. */
  relayed: { message: TrackedMessage; relayTransactionHash?: Hex }
  /**
   * Something failed: a relay (`context: 'relay'`), tracking a transaction (`'track'`), a background poll. `name` is
   * the error class (`AccessListDroppedError`, `WalletError`…), so a host can react to one kind without parsing text.
   */
  error: { name: string; message: string; context: string }
}

export type SuperchainRelayEventName = keyof SuperchainRelayEventMap

export type SuperchainRelayEventHandler = <K extends SuperchainRelayEventName>(
  type: K,
  detail: SuperchainRelayEventMap[K],
) => void

/** The React component's callback props, derived from the map so the two faces cannot drift apart. */
export interface SuperchainRelayCallbacks {
  onMessageUpdated?: (detail: SuperchainRelayEventMap['messageUpdated']) => void
  onRelayed?: (detail: SuperchainRelayEventMap['relayed']) => void
  onError?: (detail: SuperchainRelayEventMap['error']) => void
}

export function errorDetail(error: unknown, context: string): SuperchainRelayEventMap['error'] {
  if (error instanceof Error) return { name: error.name, message: error.message, context }
  return { name: 'Error', message: String(error), context }
}
