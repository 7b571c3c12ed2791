/**
 * The relay account's ETH on each chain (read when the section opens, on Refresh, and after a top-up) and the
 * top-up form beside it. A chain whose balance cannot be read says why on its line instead of a number.
 */
import { useEffect } from 'react'

import { type ChainConfig, formatAmount } from '../../src/core'
import type { ChainBalance } from '../messaging/protocol'
import { client } from '../shared/connection'
import { ActionErrors } from './ActionErrors'
import { TopUpForm } from './TopUpForm'
import { useAction } from './useAction'

function BalanceList({ rows, reading }: { rows: readonly ChainBalance[]; reading: boolean }) {
  return (
    <ul className="opt-list" aria-label="Relay account balances">
      {rows.length === 0 ? <li className="opt-empty">{reading ? 'Reading…' : 'No chain.'}</li> : null}
      {rows.map((row) => (
        <li key={row.chainId} data-chain-id={row.chainId}>
          <span className="opt-grow">
            {row.name} <span className="opt-muted">({row.chainId})</span>
          </span>
          {row.balance !== undefined ? (
            <span className="opt-mono">{formatAmount(row.balance, 18, 6)} ETH</span>
          ) : (
            <span className="opt-muted">{row.error}</span>
          )}
        </li>
      ))}
    </ul>
  )
}

export function RelayAccountBalances({ chains }: { chains: ChainConfig[] }) {
  const balances = useAction(() => client.call('relayAccountBalances'))
  const topUp = useAction((id: number, wei: bigint) => client.call('topUpRelayAccount', id, wei))

  useEffect(() => {
    void balances.run()
  }, [])

  return (
    <>
      <h3>Balance</h3>
      <BalanceList rows={balances.result ?? []} reading={balances.busy} />
      <div className="opt-row">
        <button
          type="button"
          className="opt-small"
          disabled={balances.busy}
          onClick={() => void balances.run()}
        >
          Refresh balances
        </button>
      </div>
      <TopUpForm chains={chains} topUp={topUp} onSent={() => void balances.run()} />
      <ActionErrors actions={[balances, topUp]} />
    </>
  )
}
