/**
 * The UI's live copy of the tracker's messages: loads the messages and chains, then keeps them current from the
 * tracker's pushed updates. Plain TypeScript (no React) so its ordering rules are unit-tested; `useTrackedMessages`
 * only wires it to component state.
 *
 * It subscribes *before* loading and buffers what arrives meanwhile, then replays it over the loaded list: an
 * update that lands between the tracker answering `listMessages()` and the answer reaching us (over extension
 * messaging that is a real window) is not lost. Updates are upserts, so replaying one the list already reflects is
 * harmless.
 *
 * A background error about one chain (`chainId` on the update) is withdrawn once that chain's health *returns* to
 * ok: otherwise the one-off "Can't reach …" of a restart would outlive the outage it reported. One reported while
 * the chain was already ok (a scan that failed on a healthy chain) stays until the user dismisses it.
 */
import type { ChainConfig } from '../core/chains/types'
import type { TrackerApi, TrackerUpdate } from '../core/tracker/api'
import type { TrackedMessage } from '../core/model/message'
import { withHealth, type ChainHealth } from './chainHealth'
import { applyTrackerUpdate, mergeMessages, sortMessages } from './messageUpdates'

export type TrackerLoadState =
  | { phase: 'loading' }
  /** The rejection itself: the UI words it (errorWords.ts) and keeps the details. */
  | { phase: 'error'; error: unknown }
  /** `health`: each chain's, kept current from 'chainHealth' updates (empty until the tracker reports one). */
  | { phase: 'ready'; messages: TrackedMessage[]; chains: ChainConfig[]; health: ChainHealth[] }

export interface MessageFeedListener {
  /** Every new state (never the initial 'loading'). */
  onState: (state: TrackerLoadState) => void
  /** A problem the tracker reported in the background (an RPC down, a scan failed): its text, then "(while …)". */
  onTrackerError?: (text: string) => void
  /**
   * The error last reported was about one chain, and that chain's health has since come back to ok (a devnet
   * restarted, an RPC answering again): it no longer holds, so the UI drops it.
   */
  onTrackerErrorCleared?: () => void
}

export interface MessageFeed {
  /** Merge messages the UI got directly (trackTransaction's answer) without waiting for their events. */
  merge: (messages: readonly TrackedMessage[]) => void
  /** Unsubscribe; nothing is reported after this, even a load still in flight. */
  stop: () => void
}

export function startMessageFeed(api: TrackerApi, listener: MessageFeedListener): MessageFeed {
  let active = true
  let state: TrackerLoadState = { phase: 'loading' }
  let buffered: TrackerUpdate[] = []
  /** The chain the last reported error was about, and whether that chain has been down since (or was then). */
  let errorOn: { chainId: number; down: boolean } | undefined
  /** Each chain's last known health state. */
  const lastState = new Map<number, ChainHealth['state']>()

  const noteHealth = (health: ChainHealth) => {
    lastState.set(health.chainId, health.state)
    if (health.chainId !== errorOn?.chainId) return
    if (health.state !== 'ok') errorOn.down = true
    else if (errorOn.down) {
      errorOn = undefined
      listener.onTrackerErrorCleared?.()
    }
  }

  const publish = (next: TrackerLoadState) => {
    state = next
    if (active) listener.onState(next)
  }

  const unsubscribe = api.subscribe((update) => {
    if (!active) return
    if (update.type === 'error') {
      // A restart reports the scan's failure a moment before the poll marks the chain down: either way, the
      // chain's next return to ok withdraws it. One on a chain that stays ok all along stands on its own.
      errorOn =
        update.chainId === undefined
          ? undefined
          : { chainId: update.chainId, down: lastState.get(update.chainId) !== 'ok' }
      listener.onTrackerError?.(`${update.message}\n(while ${update.context})`)
      return
    }
    if (update.type === 'chainHealth') noteHealth(update.health)
    if (state.phase !== 'ready') {
      buffered.push(update)
      return
    }
    if (update.type === 'chainHealth') {
      publish({ ...state, health: withHealth(state.health, update.health) })
      return
    }
    const messages = applyTrackerUpdate(state.messages, update)
    if (messages !== state.messages) publish({ ...state, messages })
  })

  // Health is a nicety: a tracker that cannot say (an older background) still lists its messages.
  const health = (async () => api.chainHealth())().catch(() => [] as ChainHealth[])
  Promise.all([api.listMessages(), api.listChains(), health]).then(
    ([messages, chains, healthList]) => {
      if (!active) return
      let list = sortMessages(messages)
      let known = healthList
      for (const h of healthList) if (!lastState.has(h.chainId)) lastState.set(h.chainId, h.state)
      for (const update of buffered) {
        if (update.type === 'chainHealth') known = withHealth(known, update.health)
        else list = applyTrackerUpdate(list, update)
      }
      buffered = []
      publish({ phase: 'ready', messages: list, chains, health: known })
    },
    (error: unknown) => {
      if (active) publish({ phase: 'error', error })
    },
  )

  return {
    merge(messages) {
      if (!active || state.phase !== 'ready') return
      const merged = mergeMessages(state.messages, messages)
      if (merged !== state.messages) publish({ ...state, messages: merged })
    },
    stop() {
      active = false
      unsubscribe()
    },
  }
}
