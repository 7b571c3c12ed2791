/**
 * The demo dapp: what a dapp embedding the widget looks like. It connects a wallet (EIP-6963), mints the devnet's
 * MOCK SuperchainERC20, sends MOCK or ETH between chains 901 and 902 with `@eth-optimism/viem`, and hands each
 * transfer's hash to the widget (`track`). The devnet runs no autorelayer under `npm start`, so the transfer waits
 * for a relay and the widget offers it — the case Superchain Relay exists for.
 *
 * The page announces two Devnet Test Wallets (testWallet.ts), so no extension is needed: one keeps a relay's access
 * list, the other drops it as MetaMask does, to show what the widget says then. Any other EIP-6963 wallet the
 * browser has shows up too. There is one wallet state (useDappWallet.ts): the dapp and the widget always agree.
 */
import { createStore } from 'mipd'
import { StrictMode, useRef, useSyncExternalStore } from 'react'
import { createRoot } from 'react-dom/client'
import { isAddress } from 'viem'

import type { SuperchainRelayHandle } from '../../widget/SuperchainRelayWidget'
import { CHAIN_IDS, chainName, settings } from './chains'
import { createConfirmDialog } from './confirmDialog'
import { actionErrorText, sendProblem } from './sendCheck'
import { SendCard } from './SendCard'
import { createTestWallet } from './testWallet'
import { useBalances } from './useBalances'
import { useDappActions } from './useDappActions'
import { useDappWallet } from './useDappWallet'
import { useTransferDraft } from './useTransferDraft'
import { BalancesTable, WalletCard } from './WalletCard'
import { WidgetColumn } from './WidgetColumn'

// The page's own wallets, announced before anything asks for wallets, like extensions' content scripts would.
const testWallets = [false, true].map((dropAccessList) => {
  const wallet = createTestWallet({
    rpcUrls: Object.fromEntries(CHAIN_IDS.map((id) => [id, settings.rpcUrls[id]!])),
    dropAccessList,
    storage: window.sessionStorage,
    confirm: (summary) => confirmInPage(summary),
  })
  const confirmInPage = createConfirmDialog(wallet.info.name, chainName)
  wallet.announce()
  return wallet
})

const wallets = createStore()
const subscribeWallets = (listener: () => void) => wallets.subscribe(listener)

function App() {
  const details = useSyncExternalStore(subscribeWallets, wallets.getProviders)
  const wallet = useDappWallet(details)
  const { chosen, provider, account } = wallet
  const widget = useRef<SuperchainRelayHandle>(null)
  const draft = useTransferDraft(account)
  const { amount, asset, source, to } = draft
  const { busy, status, setStatus, tick, mint, send } = useDappActions(wallet, draft, widget)
  const balances = useBalances(account, tick)
  const testWallet = testWallets.find((w) => w.info.uuid === chosen?.info.uuid)

  const problem = account
    ? sendProblem({
        amount,
        asset,
        balance: balances[source]?.[asset],
        chainName: chainName(source),
        recipientOk: !!to && isAddress(to),
      })
    : 'Connect a wallet first.'

  return (
    <div className="page">
      <header className="hero">
        <h1>Superchain Relay · demo dapp</h1>
        <p>
          Send a SuperchainERC20 or ETH between two local chains. Nobody relays it for you here, so the widget
          notices it is stuck and lets you finish it.
        </p>
        {settings.problems.map((p) => (
          <p key={p} className="status error">
            {p}
          </p>
        ))}
      </header>

      <main className="columns">
        <section className="steps">
          <WalletCard
            key={chosen?.info.uuid}
            wallet={wallet}
            details={details}
            testWallet={testWallet}
            onError={(error) =>
              setStatus({
                tone: 'error',
                text: `Could not connect: ${actionErrorText(error, { asset, chainName: chainName(source) })}`,
              })
            }
          />

          <div className="card" aria-labelledby="balances-title">
            <h2 id="balances-title">2 · Balances</h2>
            <BalancesTable balances={balances} />
            <button type="button" disabled={!account || !!busy} onClick={() => void mint()}>
              {busy === 'mint' ? 'Minting…' : `Mint 1000 MOCK on ${chainName(source)}`}
            </button>
          </div>

          <SendCard
            draft={draft}
            account={account}
            problem={problem}
            busy={busy}
            onSend={() => void send()}
          />

          {status ? (
            <p className={`status ${status.tone}`} role={status.tone === 'error' ? 'alert' : 'status'}>
              {status.text}
            </p>
          ) : null}
        </section>

        <WidgetColumn widget={widget} provider={provider} walletName={chosen?.info.name} account={account} />
      </main>
    </div>
  )
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
