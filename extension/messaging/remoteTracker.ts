/**
 * The UI's `TrackerApi` in an extension page: every call goes to the background tracker over the typed protocol,
 * updates arrive over the updates port. The shared UI (src/ui) cannot tell it from an in-page tracker.
 *
 * The calls are not written out one by one: `forwardTracker` makes one forwarder per tracker method the protocol
 * derives from `TrackerApi`, so a method added to core reaches the pages with no edit here. Only what needs more
 * than forwarding is spelled out: the relay's recovery after a background restart, and `subscribe` (a port).
 */
import type { Hex } from 'viem'

import {
  isSuperchainRelayError,
  type RelayApproval,
  type RelaySignerChoice,
  type TrackerApi,
  type TrackerUpdate,
} from '../../src/core'
import { BackgroundRestartedError, type BackgroundClient } from './client'
import type { ParamsOf, TrackerCalls, TrackerMethodName } from './protocol'
import { TRACKER_METHOD_NAMES } from './requests'
import type { UpdatesConnection } from './updates'

/** Every tracker call, forwarded to the background as it is. */
export function forwardTracker(client: BackgroundClient): TrackerCalls {
  const forward = <M extends TrackerMethodName>(method: M) =>
    [method, (...params: ParamsOf<M>) => client.call(method, ...params)] as const
  return Object.fromEntries(TRACKER_METHOD_NAMES.map(forward)) as unknown as TrackerCalls
}

type RelayMethod = 'relay' | 'resend'

/** One relay or resend call, as it is. */
function callRelay(
  client: BackgroundClient,
  method: RelayMethod,
  hash: Hex,
  signer: RelaySignerChoice,
  approval: RelayApproval | undefined,
): Promise<Hex> {
  return method === 'relay'
    ? client.call('relay', hash, signer, approval!)
    : client.call('resend', hash, signer)
}

/**
 * A relay whose worker died mid-call. Either the tracker recorded the submission before dying (then the message
 * carries our pending relay), or it never signed. Core records a relay before it leaves (docs/ARCHITECTURE.md
 * §5) and refuses to start a second one while the first is pending, so asking again is safe for the relay
 * account. A wallet is not asked again: its prompt may still be open, and a second one would confuse more than
 * it helps.
 */
async function recoverRelay(
  client: BackgroundClient,
  method: RelayMethod,
  hash: Hex,
  signer: RelaySignerChoice,
  approval: RelayApproval | undefined,
): Promise<Hex> {
  const message = await client.call('getMessage', hash)
  if (method === 'relay') {
    if (message?.pendingRelay) return message.pendingRelay.transactionHash
    if (message?.relay) return message.relay.transactionHash
  }
  if (signer.kind === 'wallet') {
    throw new BackgroundRestartedError(
      'the extension restarted while your wallet was signing. If you approved the transaction it will show up ' +
        'here once mined; otherwise try again.',
    )
  }
  try {
    return await callRelay(client, method, hash, signer, approval)
  } catch (error) {
    // Our first attempt landed and the tracker learned it while answering the second: report that tx.
    if (isSuperchainRelayError(error, 'AlreadyRelayedError')) {
      const relayed = await client.call('getMessage', hash)
      if (relayed?.relay) return relayed.relay.transactionHash
    }
    throw error
  }
}

/** A relay or resend that survives the background restarting under it (see `recoverRelay`). */
async function sendRelay(
  client: BackgroundClient,
  method: RelayMethod,
  hash: Hex,
  signer: RelaySignerChoice,
  approval?: RelayApproval,
): Promise<Hex> {
  try {
    return await callRelay(client, method, hash, signer, approval)
  } catch (error) {
    if (error instanceof BackgroundRestartedError) return recoverRelay(client, method, hash, signer, approval)
    throw error
  }
}

/**
 * Updates from the port. Changes made while no port was open were pushed to nobody: on reconnect the current state
 * is replayed as upserts, which the UI applies idempotently (src/ui/messageUpdates.ts).
 */
function subscribeWithReplay(
  client: BackgroundClient,
  updates: UpdatesConnection,
  listener: (update: TrackerUpdate) => void,
): () => void {
  const unsubscribe = updates.subscribe(listener)
  const offReconnect = updates.onReconnect(() => {
    client.call('listMessages').then(
      (messages) => {
        for (const message of messages) listener({ type: 'messageAdded', message })
      },
      (error: unknown) =>
        listener({
          type: 'error',
          context: 'reconnecting to the background',
          message: error instanceof Error ? error.message : String(error),
        }),
    )
  })
  return () => {
    offReconnect()
    unsubscribe()
  }
}

export function createRemoteTrackerApi(client: BackgroundClient, updates: UpdatesConnection): TrackerApi {
  return {
    ...forwardTracker(client),
    relay: (hash, signer, approval) => sendRelay(client, 'relay', hash, signer, approval),
    resend: (hash, signer) => sendRelay(client, 'resend', hash, signer),
    subscribe: (listener) => subscribeWithReplay(client, updates, listener),
  }
}
