/**
 * A journal of what the background signed, so a relay is never signed twice because the worker died.
 *
 * The page's call to `relay` can be cut by the worker stopping at any point. If it stops after the transaction
 * went out but before the tracker recorded it, the page asks again (messaging/remoteTracker.ts), the message still
 * looks unrelayed (the tx is in the mempool), and a second tx would be signed — which reverts MessageAlreadyRelayed
 * and costs gas. So every send is journalled in `chrome.storage.session` the moment it returns, keyed by what was
 * sent (chain, to, data); the same request within a few minutes, while that tx is still pending, gets the
 * journalled hash back instead of a new signature. A mined one is not replayed: if it succeeded, core's pre-sign
 * checks already refused the relay; if it reverted, the user's retry deserves a fresh transaction.
 */
import { keccak256, toHex, type Hex } from 'viem'

import { type RelaySigner, type SignerRequest } from '../../src/core'
import type { StorageAreaLike } from './host'

/** Past this a repeat is a deliberate retry (e.g. the first tx was dropped), not a restart's echo. */
const REPLAY_WINDOW_MS = 5 * 60_000
const PREFIX = 'sent:'

interface JournalEntry {
  hash: Hex
  at: number
}

function entryKey(chainId: number, request: SignerRequest): string {
  return `${PREFIX}${chainId}:${keccak256(toHex(`${request.to.toLowerCase()}:${request.data}`))}`
}

export function journalled(
  signer: RelaySigner,
  session: StorageAreaLike,
  now: () => number = Date.now,
): RelaySigner {
  return {
    kind: signer.kind,
    address: () => signer.address(),
    async send(request, target) {
      const key = entryKey(target.chain.id, request)
      const entry = (await session.get(key))[key] as JournalEntry | undefined
      if (entry && now() - entry.at < REPLAY_WINDOW_MS) {
        const pending = await target.client.getTransaction({ hash: entry.hash }).then(
          (tx) => tx.blockNumber === null,
          () => false,
        )
        if (pending) return entry.hash
      }
      const hash = await signer.send(request, target)
      await session.set({ [key]: { hash, at: now() } satisfies JournalEntry })
      return hash
    },
  }
}
