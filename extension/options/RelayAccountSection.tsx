/**
 * The built-in relay account: a key this extension holds (encrypted with your password) that always sends a
 * relay's full access list. Create, unlock, lock, see its balance per chain, top it up from MetaMask, export the
 * key (password again), set its auto-lock and spending cap, delete it (password again).
 */
import { useEffect, useState, type FormEvent } from 'react'

import type { ChainConfig } from '../../src/core'

import type { RelayAccountStatus } from '../messaging/protocol'
import { CopyButton } from '../../src/ui'
import { client } from '../shared/connection'
import { ActionErrors } from './ActionErrors'
import { DeleteRelayAccount } from './DeleteRelayAccount'
import { OptionsSection } from './OptionsSection'
import { RelayAccountBalances } from './RelayAccountBalances'
import { RelayAccountLimits } from './RelayAccountLimits'
import { useAction } from './useAction'

const Errors = ActionErrors

function CreateForm({ onStatus }: { onStatus: (s: RelayAccountStatus) => void }) {
  const [password, setPassword] = useState('')
  const [confirm, setConfirm] = useState('')
  const [mismatch, setMismatch] = useState(false)
  const create = useAction((p: string) => client.call('createRelayAccount', p))
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    if (password !== confirm) {
      setMismatch(true)
      return
    }
    const status = await create.run(password)
    if (status) onStatus(status)
  }
  return (
    <form onSubmit={onSubmit} aria-label="Create the relay account">
      <p className="opt-muted">
        No relay account yet. Choose a password (8 characters or more): it encrypts the key on this computer
        and is asked for again to export it.
      </p>
      <div className="opt-row">
        <input
          type="password"
          aria-label="New password"
          placeholder="Password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => {
            setPassword(e.target.value)
            setMismatch(false)
          }}
        />
        <input
          type="password"
          aria-label="Repeat the password"
          placeholder="Repeat the password"
          autoComplete="new-password"
          value={confirm}
          aria-invalid={mismatch || undefined}
          onChange={(e) => {
            setConfirm(e.target.value)
            setMismatch(false)
          }}
        />
        <button type="submit" className="opt-primary" disabled={create.busy || !password}>
          {create.busy ? 'Creating…' : 'Create relay account'}
        </button>
      </div>
      {mismatch ? (
        <p className="opt-error" role="alert">
          The two passwords differ.
        </p>
      ) : null}
      <Errors actions={[create]} />
    </form>
  )
}

function UnlockForm({ onStatus }: { onStatus: (s: RelayAccountStatus) => void }) {
  const [password, setPassword] = useState('')
  const unlock = useAction((p: string) => client.call('unlockRelayAccount', p))
  return (
    <form
      aria-label="Unlock the relay account"
      onSubmit={async (event) => {
        event.preventDefault()
        const status = await unlock.run(password)
        if (status) {
          setPassword('')
          onStatus(status)
        }
      }}
    >
      <div className="opt-row">
        <input
          type="password"
          aria-label="Password"
          placeholder="Password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <button type="submit" className="opt-primary" disabled={unlock.busy || !password}>
          {unlock.busy ? 'Unlocking…' : 'Unlock'}
        </button>
      </div>
      <Errors actions={[unlock]} />
    </form>
  )
}

function ExportKey({ onExported }: { onExported: () => void }) {
  const [open, setOpen] = useState(false)
  const [password, setPassword] = useState('')
  const exporting = useAction((p: string) => client.call('exportRelayAccount', p))
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        Export private key…
      </button>
    )
  }
  return (
    <div>
      {exporting.result ? (
        <>
          <p className="opt-warning">
            Anyone with this key controls the relay account. Store it somewhere safe and close this.
          </p>
          <p className="opt-secret opt-mono" aria-label="Private key">
            {exporting.result}
          </p>
        </>
      ) : (
        <form
          className="opt-row"
          aria-label="Export the private key"
          onSubmit={async (event) => {
            event.preventDefault()
            if (await exporting.run(password)) onExported()
            setPassword('')
          }}
        >
          <input
            type="password"
            aria-label="Password to export"
            placeholder="Password, again"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <button type="submit" disabled={exporting.busy || !password}>
            Show private key
          </button>
        </form>
      )}
      <div className="opt-row">
        <button
          type="button"
          className="opt-small"
          onClick={() => {
            exporting.reset()
            setOpen(false)
          }}
        >
          {exporting.result ? 'Hide the key' : 'Cancel'}
        </button>
      </div>
      <Errors actions={[exporting]} />
    </div>
  )
}

export function RelayAccountSection() {
  const [status, setStatus] = useState<RelayAccountStatus>()
  const [chains, setChains] = useState<ChainConfig[]>([])
  const load = useAction(async () => {
    const [s, c] = await Promise.all([client.call('relayAccountStatus'), client.call('listChains')])
    setStatus(s)
    setChains(c)
    return s
  })
  const lock = useAction(() => client.call('lockRelayAccount'))

  useEffect(() => {
    void load.run()
  }, [])

  return (
    <OptionsSection
      name="relay-account"
      title="Relay account"
      hint={
        <>
          Wallets such as MetaMask drop the access list a relay needs, and the relay then fails. This account,
          held by the extension, always sends it. Fund it with a little ETH on the chains you relay to.
        </>
      }
      errors={[load, lock]}
      data-relay-account={status?.address}
    >
      {status && !status.exists ? <CreateForm onStatus={setStatus} /> : null}
      {status?.exists ? (
        <>
          <div className="opt-row">
            <span className="opt-grow opt-address">
              <span className="opt-mono" aria-label="Relay account address">
                {status.address}
              </span>
              {status.address ? (
                <CopyButton value={status.address} what="the relay account's address" label="Copy address" />
              ) : null}
            </span>
            <span className="opt-muted" data-locks-at={status.locksAt}>
              {status.unlocked
                ? `Unlocked${status.locksAt ? ` · locks at ${new Date(status.locksAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })} if unused` : ''}`
                : 'Locked'}
            </span>
            {status.unlocked ? (
              <button
                type="button"
                className="opt-small"
                disabled={lock.busy}
                onClick={async () => {
                  const next = await lock.run()
                  if (next) setStatus(next)
                }}
              >
                Lock
              </button>
            ) : null}
          </div>
          {!status.unlocked ? <UnlockForm onStatus={setStatus} /> : null}
          <RelayAccountBalances chains={chains} />
          <RelayAccountLimits onSaved={() => void load.run()} />
          <h3>Key</h3>
          <div className="opt-row">
            <ExportKey onExported={() => void load.run()} />
          </div>
          <div className="opt-row">
            <DeleteRelayAccount status={status} onStatus={setStatus} />
          </div>
        </>
      ) : null}
    </OptionsSection>
  )
}
