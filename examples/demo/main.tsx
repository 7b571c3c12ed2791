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
import { sendETH, sendSuperchainERC20 } from '@eth-optimism/viem/actions/interop'
import { createStore } from 'mipd'
import { StrictMode, useMemo, useRef, useState, useSyncExternalStore } from 'react'
import { createRoot } from 'react-dom/client'
import { createWalletClient, custom, isAddress, parseEther, type Address, type Hex } from 'viem'

import { SuperchainRelayWidget, type SuperchainRelayHandle } from '../../widget/SuperchainRelayWidget'
import type { ThemeName } from '../../widget/config'
import type { SuperchainRelayEventMap } from '../../widget/events'
import { CHAIN_IDS, CHAINS, chainName, MOCK, mockAbi, publicClients, settings, WIDGET_CHAINS } from './chains'
import { createConfirmDialog } from './confirmDialog'
import { actionErrorText, sendProblem, type Asset } from './sendCheck'
import { createTestWallet } from './testWallet'
import { useBalances } from './useBalances'
import { useDappWallet } from './useDappWallet'
import { BalancesTable, WalletCard } from './WalletCard'

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

type LogLine = { at: number; text: string }
type Status = { tone: 'info' | 'error' | 'ok'; text: string }

function App() {
  const details = useSyncExternalStore(subscribeWallets, wallets.getProviders)
  const wallet = useDappWallet(details)
  const { chosen, provider, account } = wallet
  const [busy, setBusy] = useState<string>()
  const [status, setStatus] = useState<Status>()
  const [amount, setAmount] = useState('10')
  const [asset, setAsset] = useState<Asset>('MOCK')
  const [source, setSource] = useState(CHAIN_IDS[0] ?? 901)
  const [recipient, setRecipient] = useState('')
  const [theme, setTheme] = useState<ThemeName>('light')
  const [log, setLog] = useState<LogLine[]>([])
  const [tick, setTick] = useState(0)
  const widget = useRef<SuperchainRelayHandle>(null)
  const balances = useBalances(account, tick)
  const destination = CHAIN_IDS.find((id) => id !== source) ?? source
  const testWallet = testWallets.find((w) => w.info.uuid === chosen?.info.uuid)

  /** A wallet client on `chainId`, switching the wallet there first (writeContract checks the wallet's chain). */
  const walletOn = async (chainId: number) => {
    if (!provider || !account) throw new Error('Connect a wallet first')
    const current = Number(await provider.request({ method: 'eth_chainId' }))
    if (current !== chainId) {
      await provider.request({
        method: 'wallet_switchEthereumChain',
        params: [{ chainId: `0x${chainId.toString(16)}` }],
      })
    }
    return createWalletClient({ account, chain: CHAINS[chainId], transport: custom(provider) })
  }

  const run = async (label: string, action: () => Promise<void>) => {
    setBusy(label)
    setStatus(undefined)
    try {
      await action()
    } catch (error) {
      setStatus({ tone: 'error', text: actionErrorText(error, { asset, chainName: chainName(source) }) })
    } finally {
      setBusy(undefined)
      setTick((n) => n + 1)
    }
  }

  const mint = () =>
    run('mint', async () => {
      const client = await walletOn(source)
      setStatus({ tone: 'info', text: `Confirm the mint in ${chosen?.info.name ?? 'your wallet'}…` })
      const hash = await client.writeContract({
        address: MOCK,
        abi: mockAbi,
        functionName: 'mint',
        args: [account!, parseEther('1000')],
        chain: CHAINS[source],
        account: account!,
      })
      setStatus({ tone: 'info', text: `Minting on ${chainName(source)}…` })
      await publicClients[source]!.waitForTransactionReceipt({ hash })
      setStatus({ tone: 'ok', text: `Minted 1000 MOCK on ${chainName(source)}` })
    })

  const to = (recipient.trim() || account) as Address | undefined
  const problem = account
    ? sendProblem({
        amount,
        asset,
        balance: balances[source]?.[asset],
        chainName: chainName(source),
        recipientOk: !!to && isAddress(to),
      })
    : 'Connect a wallet first.'

  const send = () =>
    run('send', async () => {
      const value = parseEther(amount.trim())
      const client = await walletOn(source)
      setStatus({ tone: 'info', text: `Confirm the transfer in ${chosen?.info.name ?? 'your wallet'}…` })
      const common = { chainId: destination, account: account!, chain: CHAINS[source] }
      const hash: Hex =
        asset === 'MOCK'
          ? await sendSuperchainERC20(client, { tokenAddress: MOCK, to: to!, amount: value, ...common })
          : await sendETH(client, { to: to!, value, ...common })
      setStatus({ tone: 'info', text: `Waiting for the transfer on ${chainName(source)}…` })
      await publicClients[source]!.waitForTransactionReceipt({ hash })
      // The host API: one call, and the widget follows the message to the end.
      const found = await widget.current?.track(hash, source)
      setStatus({
        tone: 'ok',
        text: `Sent ${amount} ${asset} ${chainName(source)} → ${chainName(destination)}; the widget tracks ${found?.length ?? 0} message(s) from it.`,
      })
    })

  const addLog = (text: string) => setLog((lines) => [{ at: Date.now(), text }, ...lines].slice(0, 8))
  const callbacks = useMemo(
    () => ({
      onMessageUpdated: (d: SuperchainRelayEventMap['messageUpdated']) =>
        addLog(
          `messageUpdated ${d.message.hash.slice(0, 10)}… ${
            d.previousStatus === d.status
              ? `${d.status} (details changed)`
              : `${d.previousStatus ?? 'new'} → ${d.status}`
          }`,
        ),
      onRelayed: (d: SuperchainRelayEventMap['relayed']) => addLog(`relayed ${d.message.hash.slice(0, 10)}…`),
      onError: (d: SuperchainRelayEventMap['error']) => addLog(`error (${d.context}) ${d.name}`),
    }),
    [],
  )

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

          <div className="card" aria-labelledby="send-title">
            <h2 id="send-title">3 · Send across chains</h2>
            <div className="form">
              <label>
                Amount
                <input value={amount} inputMode="decimal" onChange={(e) => setAmount(e.target.value)} />
              </label>
              <label>
                Asset
                <select value={asset} onChange={(e) => setAsset(e.target.value as Asset)}>
                  <option value="MOCK">MOCK</option>
                  <option value="ETH">ETH</option>
                </select>
              </label>
              <label>
                From
                <select value={source} onChange={(e) => setSource(Number(e.target.value))}>
                  {CHAIN_IDS.map((id) => (
                    <option key={id} value={id}>
                      {chainName(id)}
                    </option>
                  ))}
                </select>
              </label>
              <p className="route">→ {chainName(destination)}</p>
              <label className="wide">
                Recipient
                <input
                  value={recipient}
                  placeholder={account ?? 'your account'}
                  spellCheck={false}
                  onChange={(e) => setRecipient(e.target.value)}
                />
              </label>
            </div>
            <button
              type="button"
              className="primary"
              disabled={!!problem || !!busy}
              aria-describedby={problem ? 'send-problem' : undefined}
              onClick={() => void send()}
            >
              {busy === 'send' ? 'Sending…' : `Send ${amount || '0'} ${asset} to ${chainName(destination)}`}
            </button>
            {problem ? (
              <p id="send-problem" className="muted small hint">
                {problem}
              </p>
            ) : null}
          </div>

          {status ? (
            <p className={`status ${status.tone}`} role={status.tone === 'error' ? 'alert' : 'status'}>
              {status.text}
            </p>
          ) : null}
        </section>

        <aside className="widget-column">
          <div className="widget-header">
            <h2>4 · The embedded widget</h2>
            <label className="muted">
              Theme{' '}
              <select value={theme} onChange={(e) => setTheme(e.target.value as ThemeName)}>
                <option value="light">light</option>
                <option value="dark">dark</option>
                <option value="auto">auto</option>
              </select>
            </label>
          </div>
          <SuperchainRelayWidget
            ref={widget}
            chains={WIDGET_CHAINS}
            provider={provider}
            walletName={chosen?.info.name}
            accounts={account ? [account] : undefined}
            theme={theme}
            title="Your cross-chain transfers"
            {...callbacks}
          />
          <div className="events">
            <h3>Widget events</h3>
            <ol aria-label="Widget events">
              {log.map((line) => (
                <li key={`${line.at}-${line.text}`}>
                  <code>{line.text}</code>
                </li>
              ))}
            </ol>
          </div>
        </aside>
      </main>
    </div>
  )
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
