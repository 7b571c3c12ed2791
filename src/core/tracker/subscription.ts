/** The tracker's events as the `TrackerUpdate`s a UI subscribes to (api.ts). */
import { normalizeHash } from '../store/storedForm'
import type { TrackerUpdate } from './api'
import type { TrackerEventHub } from './events'

export function subscribeTo(events: TrackerEventHub, listener: (update: TrackerUpdate) => void): () => void {
  const offs = [
    events.on('messageAdded', ({ message }) => listener({ type: 'messageAdded', message })),
    events.on('messageUpdated', ({ message, from, to }) =>
      listener({ type: 'messageUpdated', message, from, to }),
    ),
    events.on('messageRemoved', ({ hash }) =>
      listener({ type: 'messageRemoved', hash: normalizeHash(hash) }),
    ),
    events.on('chainHealth', ({ health }) => listener({ type: 'chainHealth', health })),
    events.on('chainReset', ({ chainId, affected }) => listener({ type: 'chainReset', chainId, affected })),
    events.on('error', ({ error, context, chainId }) =>
      listener({
        type: 'error',
        message: error.message,
        context,
        ...(chainId === undefined ? {} : { chainId }),
      }),
    ),
  ]
  return () => offs.forEach((off) => off())
}
