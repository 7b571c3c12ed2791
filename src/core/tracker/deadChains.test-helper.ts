/**
 * A tracker whose chains 901 and 902 never answer (port 1 of 127.0.0.1 refuses at once): for unit tests of what a
 * tracker does with its store alone, or of how it treats chains it cannot read.
 */
import { createMemoryStore } from '../store/memoryStore'
import type { MessageStore } from '../store/types'
import { createTracker } from './tracker'

const dead = { rpcUrl: 'http://127.0.0.1:1', nativeSymbol: 'ETH' }

export async function trackerOnDeadChains(store: MessageStore = createMemoryStore()) {
  const tracker = await createTracker({
    store,
    defaultChains: [
      { id: 901, name: 'A', ...dead },
      { id: 902, name: 'B', ...dead },
    ],
    verifyChains: false,
  })
  return { store, tracker }
}
