/** The demo's wallet card (who is connected, the other wallets to switch to) and its balances table. */
import type { EIP6963ProviderDetail } from 'mipd'
import { useState } from 'react'
import { formatEther } from 'viem'

import { CHAIN_IDS, chainName } from './chains'
import { TEST_WALLET_ACCOUNTS, type TestWallet } from './testWallet'
import type { Balances } from './useBalances'
import type { DappWallet } from './useDappWallet'

export function WalletCard({
  wallet,
  details,
  testWallet,
  onError,
}: {
  wallet: DappWallet
  details: readonly EIP6963ProviderDetail[]
  /** The chosen wallet when it is one of the page's test wallets: it can switch between anvil's accounts. */
  testWallet?: TestWallet
  onError: (error: unknown) => void
}) {
  const { chosen, account } = wallet
  const others = details.filter((d) => d.info.uuid !== chosen?.info.uuid)
  const [testAccount, setTestAccount] = useState(testWallet?.accountIndex ?? 0)
  return (
    <div className="card" aria-labelledby="wallet-title">
      <h2 id="wallet-title">1 · Wallet</h2>
      {account && chosen ? (
        <p className="connected">
          <img src={chosen.info.icon} alt="" width={20} height={20} />
          <strong>{chosen.info.name}</strong>
          <code title={account}>{account}</code>
          {wallet.chainId ? <span className="muted">on {chainName(wallet.chainId)}</span> : null}
        </p>
      ) : details.length === 0 ? (
        <p className="muted">Looking for wallets (EIP-6963)…</p>
      ) : null}
      {others.length > 0 ? (
        <>
          {account ? <p className="muted small">Or switch to:</p> : null}
          <ul className="wallet-list" aria-label="Wallets">
            {others.map((d) => (
              <li key={d.info.uuid}>
                <button
                  type="button"
                  className="wallet"
                  onClick={() => void wallet.connect(d).catch(onError)}
                >
                  <img src={d.info.icon} alt="" width={24} height={24} />
                  Connect {d.info.name}
                </button>
              </li>
            ))}
          </ul>
          <p className="muted small">
            The second test wallet drops the access list a relay needs, as MetaMask does: relay with it to see
            what the widget says.
          </p>
        </>
      ) : null}
      {testWallet ? (
        <div className="row">
          <label>
            Test account{' '}
            <select
              value={testAccount}
              onChange={(e) => {
                testWallet.setAccount(Number(e.target.value))
                setTestAccount(Number(e.target.value))
              }}
            >
              {Array.from({ length: TEST_WALLET_ACCOUNTS }, (_, i) => (
                <option key={i} value={i}>
                  anvil #{i}
                </option>
              ))}
            </select>
          </label>
        </div>
      ) : null}
    </div>
  )
}

const formatBalance = (value: bigint | undefined) =>
  value === undefined ? '—' : Number(formatEther(value)).toLocaleString('en-US', { maximumFractionDigits: 4 })

export function BalancesTable({ balances }: { balances: Balances }) {
  return (
    <div className="table-scroll">
      <table>
        <thead>
          <tr>
            <th />
            {CHAIN_IDS.map((id) => (
              <th key={id}>{chainName(id)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {(['MOCK', 'ETH'] as const).map((a) => (
            <tr key={a}>
              <th>{a}</th>
              {CHAIN_IDS.map((id) => (
                <td key={id} data-balance={`${a}-${id}`}>
                  {formatBalance(balances[id]?.[a])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
