/**
 * Deleting the relay account: the key goes for good, and with it any ETH left on the account unless the key was
 * exported. So it takes the password — or, once the key was exported in this browser session, the address typed
 * back — not a stray click (the background checks; this form only asks).
 */
import { useState } from 'react'

import type { RelayAccountStatus } from '../messaging/protocol'
import { client } from '../shared/connection'
import { ActionErrors } from './ActionErrors'
import { useAction } from './useAction'

export function DeleteRelayAccount({
  status,
  onStatus,
}: {
  status: RelayAccountStatus
  onStatus: (s: RelayAccountStatus) => void
}) {
  const [confirming, setConfirming] = useState(false)
  const [proof, setProof] = useState('')
  const remove = useAction((p: string) => client.call('deleteRelayAccount', p))
  if (!confirming) {
    return (
      <button type="button" className="opt-danger" onClick={() => setConfirming(true)}>
        Delete relay account…
      </button>
    )
  }
  return (
    <form
      className="opt-stack"
      aria-label="Delete the relay account"
      onSubmit={async (event) => {
        event.preventDefault()
        const next = await remove.run(proof)
        setProof('')
        if (next) onStatus(next)
      }}
    >
      <p className="opt-warning" role="alert">
        Deleting removes the key from this computer. ETH left on {status.address} is lost unless you exported
        the key.
      </p>
      <div className="opt-row">
        {status.exported ? (
          <input
            type="text"
            className="opt-mono"
            aria-label="The relay account's address, to confirm"
            placeholder="Its address (you exported the key)"
            spellCheck={false}
            value={proof}
            onChange={(e) => setProof(e.target.value)}
          />
        ) : (
          <input
            type="password"
            aria-label="Password to delete"
            placeholder="Password"
            autoComplete="current-password"
            value={proof}
            onChange={(e) => setProof(e.target.value)}
          />
        )}
        <button type="submit" className="opt-danger" disabled={remove.busy || !proof}>
          Delete it for good
        </button>
        <button
          type="button"
          onClick={() => {
            remove.reset()
            setProof('')
            setConfirming(false)
          }}
        >
          Keep it
        </button>
      </div>
      <ActionErrors actions={[remove]} />
    </form>
  )
}
