/**
 * What a first-time user sees: why the list is empty and the one thing they can do about it. Watching an account
 * finds its transfers by itself; otherwise a pasted transaction hash is the way in.
 */
export interface EmptyStateProps {
  /** Whether the shell watches accounts (then messages show up without the user doing anything). */
  watchingAccounts: boolean
  onTrackTransaction?: () => void
}

export function EmptyState({ watchingAccounts, onTrackTransaction }: EmptyStateProps) {
  return (
    <div className="scr-state">
      <p className="scr-state-title">No cross-chain messages yet</p>
      <p>
        {watchingAccounts
          ? 'Transfers and messages sent from or to your account appear here as soon as they are on chain.'
          : 'Connect an account, or paste the hash of a transaction that sent a cross-chain message.'}
      </p>
      {onTrackTransaction ? (
        <button type="button" className="scr-button" onClick={onTrackTransaction}>
          Track a transaction
        </button>
      ) : null}
    </div>
  )
}
