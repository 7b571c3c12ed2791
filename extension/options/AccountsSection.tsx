/**
 * Watched accounts: their outgoing and incoming transfers are found by scanning the chains. Typed (checked by the
 * background, whose error names the problem) or read from MetaMask.
 */
import { useEffect, useState, type FormEvent } from 'react'
import { getAddress, type Address } from 'viem'

import { client } from '../shared/connection'
import { OptionsSection } from './OptionsSection'
import { useAction } from './useAction'

export function AccountsSection() {
  const [accounts, setAccounts] = useState<Address[]>([])
  const [draft, setDraft] = useState('')
  const load = useAction(() => client.call('listAccounts'))
  const add = useAction((account: string) => client.call('watchAccount', account))
  const remove = useAction((account: string) => client.call('unwatchAccount', account))
  const fromWallet = useAction(async () => {
    let list = accounts
    for (const account of await client.call('walletAccounts'))
      list = await client.call('watchAccount', account)
    setAccounts(list)
    return list
  })

  useEffect(() => {
    void load.run().then((list) => list && setAccounts(list))
  }, [])

  const onAdd = async (event: FormEvent) => {
    event.preventDefault()
    const list = await add.run(draft.trim())
    if (list) {
      setAccounts(list)
      setDraft('')
    }
  }

  return (
    <OptionsSection
      name="accounts"
      title="Watched accounts"
      hint="Transfers and messages sent from or to these accounts show up by themselves."
      errors={[add, remove, fromWallet, load]}
    >
      <ul className="opt-list" aria-label="Watched accounts">
        {accounts.length === 0 ? <li className="opt-empty">No account yet.</li> : null}
        {accounts.map((account) => (
          <li key={account}>
            <span className="opt-grow opt-mono">{getAddress(account)}</span>
            <button
              type="button"
              className="opt-small"
              disabled={remove.busy}
              onClick={async () => {
                const list = await remove.run(account)
                if (list) setAccounts(list)
              }}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      <form className="opt-row" onSubmit={onAdd}>
        <input
          type="text"
          className="opt-wide opt-mono"
          aria-label="Account address"
          placeholder="0x… account address"
          value={draft}
          aria-invalid={add.error ? true : undefined}
          onChange={(e) => {
            setDraft(e.target.value)
            add.reset()
          }}
        />
        <button type="submit" className="opt-primary" disabled={add.busy || !draft.trim()}>
          Add account
        </button>
        <button type="button" disabled={fromWallet.busy} onClick={() => void fromWallet.run()}>
          {fromWallet.busy ? 'Waiting for MetaMask…' : 'Add from MetaMask'}
        </button>
      </form>
    </OptionsSection>
  )
}
