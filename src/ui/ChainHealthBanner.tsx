/**
 * One line per chain the tracker cannot read, above the list: which chain, which RPC, how old the shown statuses
 * are and when it retries, with the error itself behind "Details". Nothing is shown while every chain answers.
 */
import type { ChainConfig } from '../core/chains/types'
import { healthSentence, troubledChains, type ChainHealth } from './chainHealth'

export interface ChainHealthBannerProps {
  health: readonly ChainHealth[] | undefined
  chains: readonly ChainConfig[]
  now: number
}

export function ChainHealthBanner({ health, chains, now }: ChainHealthBannerProps) {
  const troubled = troubledChains(health)
  if (troubled.length === 0) return null
  return (
    <div className="scr-health" role="status" aria-label="Chain status">
      {troubled.map((h) => (
        <div key={h.chainId} className="scr-health-item" data-chain-id={h.chainId} data-state={h.state}>
          <p className="scr-health-text">{healthSentence(h, chains, now)}</p>
          {h.error ? (
            <details className="scr-details">
              <summary>Details</summary>
              <pre className="scr-details-text">{h.error}</pre>
            </details>
          ) : null}
        </div>
      ))}
    </div>
  )
}
