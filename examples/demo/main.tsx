/**
 * The demo dapp: what a dapp embedding the widget looks like. It connects a wallet (EIP-6963 picker), mints the
 * devnet's MOCK SuperchainERC20, sends MOCK or ETH between chains 901 and 902 with `@eth-optimism/viem`, and hands
 * each transfer's hash to the widget (`track`). The devnet runs no autorelayer under `npm start`, so the transfer
 * stops at "Ready" and the widget offers Relay — the case Superchain Relay exists for.
 *
 * The page injects a Devnet Test Wallet (testWallet.ts), so no extension is needed; any other EIP-6963 wallet the
 * browser has shows up in the picker too.
 */
import { sendETH, sendSuperchainERC20 } from '@eth-optimism/viem/actions/interop'
import { supersimL2A, supersimL2B } from '@eth-optimism/viem/chains'
import { createStore, type EIP6963ProviderDetail } from 'mipd'
import { StrictMode, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react'
import { createRoot } from 'react-dom/client'
import {
  createPublicClient,
  createWalletClient,
  custom,
  defineChain,
  formatEther,
  http,
  isAddress,
  parseAbi,
  parseEther,
  type Address,
  type Chain,
  type EIP1193Provider,
  type Hex,
  type PublicClient,
} from 'viem'

import { SuperchainRelayWidget, type SuperchainRelayHandle } from '../../widget/SuperchainRelayWidget'
import type { ChainConfig, ThemeName } from '../../widget/config'
import type { SuperchainRelayEventMap } from '../../widget/events'
import { createConfirmDialog } from './confirmDialog'
import { readDemoSettings } from './settings'
import { createTestWallet, TEST_WALLET_ACCOUNTS } from './testWallet'

const MOCK = '0x420beeF000000000000000000000000000000001' as const
const mockAbi = parseAbi([
  'function mint(address to, uint256 amount)',
  'function balanceOf(address) view returns (uint256)',
])

const settings = readDemoSettings(window.location.search)
const BASES: Record<number, Chain> = { 901: supersimL2A, 902: supersimL2B }
const CHAIN_IDS = Object.keys(settings.rpcUrls)
  .map(Number)
  .filter((id) => BASES[id])
/** Supersim's chain definitions pointed at this devnet's URLs ("Devnet", since it is not Supersim). */
const CHAINS: Record<number, Chain> = Object.fromEntries(
  CHAIN_IDS.map((id) => [
    id,
    defineChain({
      ...BASES[id]!,
      name: BASES[id]!.name.replace(/^Supersim /, 'Devnet '),
      rpcUrls: { default: { http: [settings.rpcUrls[id]!] } },
    }),
  ]),
)
const WIDGET_CHAINS: ChainConfig[] = CHAIN_IDS.map((id) => ({
  id,
  name: CHAINS[id]!.name,
  rpcUrl: settings.rpcUrls[id]!,
  nativeSymbol: 'ETH',
}))
const chainName = (id: number) => CHAINS[id]?.name ?? `Chain ${id}`
const publicClients: Record<number, PublicClient> = Object.fromEntries(
  CHAIN_IDS.map((id) => [
    id,
    createPublicClient({ chain: CHAINS[id], transport: http(), cacheTime: 0 }) as PublicClient,
  ]),
)

// The page's own wallet, announced before anything asks for wallets, like an extension's content script would.
const testWallet = createTestWallet({
  rpcUrls: Object.fromEntries(CHAIN_IDS.map((id) => [id, settings.rpcUrls[id]!])),
  dropAccessList: settings.dropAccessList,
  storage: window.sessionStorage,
  confirm: (summary) => confirmInPage(summary),
})
const confirmInPage = createConfirmDialog(testWallet.info.name, chainName)
testWallet.announce()

const wallets = createStore()
const subscribeWallets = (listener: () => void) => wallets.subscribe(listener)
const CHOSEN_WALLET = 'scr-demo:wallet'

type Asset = 'MOCK' | 'ETH'
interface Balances {
  [chainId: number]: { MOCK?: bigint; ETH?: bigint }
}
type LogLine = { at: number; text: string }

function useBalances(account: Address | undefined, tick: number): Balances {
  const [balances, setBalances] = useState<Balances>({})
  useEffect(() => {
    if (!account) return
    let active = true
    const read = async () => {
      const next: Balances = {}
      await Promise.all(
        CHAIN_IDS.map(async (id) => {
          const client = publicClients[id]!
          const [mock, eth] = await Promise.all([
            client
              .readContract({ address: MOCK, abi: mockAbi, functionName: 'balanceOf', args: [account] })
              .catch(() => undefined),
            client.getBalance({ address: account }).catch(() => undefined),
          ])
          next[id] = { MOCK: mock, ETH: eth }
        }),
      )
      if (active) setBalances(next)
    }
    void read()
    const timer = setInterval(read, 2_000)
    return () => {
      active = false
      clearInterval(timer)
    }
  }, [account, tick])
  return account ? balances : {}
}

function App() {
  const details = useSyncExternalStore(subscribeWallets, wallets.getProviders)
  const [chosen, setChosen] = useState<EIP6963ProviderDetail>()
  const [account, setAccount] = useState<Address>()
  const [walletChain, setWalletChain] = useState<number>()
  const [testAccount, setTestAccount] = useState(testWallet.accountIndex)
  const [busy, setBusy] = useState<string>()
  const [status, setStatus] = useState<{ tone: 'info' | 'error' | 'ok'; text: string }>()
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

  const provider = chosen?.provider as EIP1193Provider | undefined

  // Reconnect silently to the wallet chosen earlier in this tab (eth_accounts does not prompt).
  useEffect(() => {
    if (chosen) return
    const rdns = sessionStorage.getItem(CHOSEN_WALLET)
    const previous = details.find((d) => d.info.rdns === rdns)
    if (!previous) return
    void (previous.provider as EIP1193Provider).request({ method: 'eth_accounts' }).then((accounts) => {
      if (accounts[0]) {
        setChosen(previous)
        setAccount(accounts[0])
      }
    })
  }, [details, chosen])

  useEffect(() => {
    if (!provider) return
    const onAccounts = (accounts: Address[]) => setAccount(accounts[0])
    const onChain = (id: string) => setWalletChain(Number(id))
    provider.on('accountsChanged', onAccounts)
    provider.on('chainChanged', onChain)
    void provider.request({ method: 'eth_chainId' }).then((id) => setWalletChain(Number(id)))
    return () => {
      provider.removeListener('accountsChanged', onAccounts)
      provider.removeListener('chainChanged', onChain)
    }
  }, [provider])

  const connect = async (detail: EIP6963ProviderDetail) => {
    setStatus(undefined)
    try {
      const accounts = await (detail.provider as EIP1193Provider).request({ method: 'eth_requestAccounts' })
      setChosen(detail)
      setAccount(accounts[0])
      sessionStorage.setItem(CHOSEN_WALLET, detail.info.rdns)
    } catch (error) {
      setStatus({ tone: 'error', text: `Could not connect: ${(error as Error).message}` })
    }
  }

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
      const e = error as { shortMessage?: string; message: string }
      setStatus({ tone: 'error', text: e.shortMessage ?? e.message })
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
      setStatus({ tone: 'info', text: `Minting on ${chainName(source)}… (${hash.slice(0, 10)}…)` })
      await publicClients[source]!.waitForTransactionReceipt({ hash })
      setStatus({ tone: 'ok', text: `Minted 1000 MOCK on ${chainName(source)}` })
    })

  const send = () =>
    run('send', async () => {
      const to = (recipient.trim() || account) as Address
      if (!isAddress(to)) throw new Error(`Recipient ${to} is not an address`)
      const value = parseEther(amount)
      const client = await walletOn(source)
      setStatus({ tone: 'info', text: `Confirm the transfer in ${chosen?.info.name ?? 'your wallet'}…` })
      const hash: Hex =
        asset === 'MOCK'
          ? await sendSuperchainERC20(client, {
              tokenAddress: MOCK,
              to,
              amount: value,
              chainId: destination,
              account: account!,
              chain: CHAINS[source],
            })
          : await sendETH(client, {
              to,
              value,
              chainId: destination,
              account: account!,
              chain: CHAINS[source],
            })
      setStatus({ tone: 'info', text: `Waiting for ${hash.slice(0, 10)}… on ${chainName(source)}` })
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
        addLog(`messageUpdated ${d.message.hash.slice(0, 10)}… ${d.previousStatus ?? 'new'} → ${d.status}`),
      onRelayed: (d: SuperchainRelayEventMap['relayed']) => addLog(`relayed ${d.message.hash.slice(0, 10)}…`),
      onError: (d: SuperchainRelayEventMap['error']) => addLog(`error (${d.context}) ${d.name}`),
    }),
    [],
  )

  const isTestWallet = chosen?.info.uuid === testWallet.info.uuid
  const format = (value: bigint | undefined) =>
    value === undefined
      ? '—'
      : Number(formatEther(value)).toLocaleString('en-US', { maximumFractionDigits: 4 })

  return (
    <div className="page">
      <header className="hero">
        <h1>Superchain Relay · demo dapp</h1>
        <p>
          Send a SuperchainERC20 or ETH between two local chains. Nobody relays it for you here, so the widget
          on the right notices it is stuck and lets you finish it.
        </p>
        {settings.problems.map((p) => (
          <p key={p} className="status error">
            {p}
          </p>
        ))}
      </header>

      <main className="columns">
        <section className="steps">
          <div className="card" aria-labelledby="wallet-title">
            <h2 id="wallet-title">1 · Wallet</h2>
            {account && chosen ? (
              <p className="connected">
                <img src={chosen.info.icon} alt="" width={20} height={20} />
                <strong>{chosen.info.name}</strong>
                <code title={account}>{account}</code>
                {walletChain ? <span className="muted">on {chainName(walletChain)}</span> : null}
              </p>
            ) : (
              <>
                {details.length === 0 ? <p className="muted">Looking for wallets (EIP-6963)…</p> : null}
                <ul className="wallet-list" aria-label="Wallets">
                  {details.map((d) => (
                    <li key={d.info.uuid}>
                      <button type="button" className="wallet" onClick={() => void connect(d)}>
                        <img src={d.info.icon} alt="" width={24} height={24} />
                        Connect {d.info.name}
                      </button>
                    </li>
                  ))}
                </ul>
              </>
            )}
            {isTestWallet ? (
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
            <label className="row muted">
              <input
                type="checkbox"
                checked={settings.dropAccessList}
                onChange={(e) => {
                  const url = new URL(window.location.href)
                  if (e.target.checked) url.searchParams.set('dropAccessList', '1')
                  else url.searchParams.delete('dropAccessList')
                  sessionStorage.removeItem(CHOSEN_WALLET)
                  window.location.assign(url)
                }}
              />
              The test wallet drops access lists, like MetaMask (reloads the page)
            </label>
          </div>

          <div className="card" aria-labelledby="balances-title">
            <h2 id="balances-title">2 · Balances</h2>
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
                        {format(balances[id]?.[a])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
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
                  <option value="MOCK">MOCK (SuperchainERC20)</option>
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
              disabled={!account || !!busy}
              onClick={() => void send()}
            >
              {busy === 'send' ? 'Sending…' : `Send ${amount || '0'} ${asset} to ${chainName(destination)}`}
            </button>
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
