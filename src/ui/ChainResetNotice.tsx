/**
 * After a chain was reset (a devnet restarted with its history kept), its old transfers stay in the list as Gone
 * until the user removes them. This says so once per chain, above the list, with the way to clear that chain's
 * history in one step; each row can still be removed on its own.
 */
import type { ChainConfig } from '../core/chains/types'
import type { TrackedMessage } from '../core/model/message'
import { chainName } from './format'
import { resetLeftovers } from './removal'

export interface ChainResetNoticeProps {
  messages: readonly TrackedMessage[]
  chains: readonly ChainConfig[]
  onClearChain: (chainId: number) => void
}

export function ChainResetNotice({ messages, chains, onClearChain }: ChainResetNoticeProps) {
  const leftovers = resetLeftovers(messages)
  if (leftovers.length === 0) return null
  return (
    <div className="scr-reset-notice" role="status" aria-label="Reset chains">
      {leftovers.map(({ chainId, vanished }) => {
        const name = chainName(chains, chainId)
        return (
          <div key={chainId} className="scr-reset-item" data-chain-id={chainId}>
            <p className="scr-reset-text">
              {name} was reset: {vanished === 1 ? '1 transfer' : `${vanished} transfers`} sent on it before no
              longer {vanished === 1 ? 'exists' : 'exist'}.
            </p>
            <button
              type="button"
              className="scr-button scr-button-small"
              aria-label={`Clear the history of ${name}…`}
              onClick={() => onClearChain(chainId)}
            >
              Clear history…
            </button>
          </div>
        )
      })}
    </div>
  )
}
