/**
 * `<SuperchainRelayWidget>`: the shared RelayApp (src/ui) over an in-page tracker, with a wallet to sign relays.
 * A thin shell: the tracker, the store and the wallet signer are core's; this file only owns their lifetimes —
 * the history opens and polling starts on mount, polling stops and the store closes on unmount — and relays the
 * tracker's events to the host's callbacks.
 */
import {
  useEffect,
  useImperativeHandle,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type Ref,
  type RefObject,
} from 'react'
import type { Address, Hex } from 'viem'

import { type TrackedMessage } from '../src/core'
import { createVisibleChangeFilter, RelayApp, themeClassName } from '../src/ui'

import {
  DEFAULT_STORAGE_NAME,
  resolveTheme,
  validateWidgetConfig,
  type SuperchainRelayConfig,
} from './config'
import { errorDetail, type SuperchainRelayCallbacks, type SuperchainRelayEventHandler } from './events'
import { openWidgetSession, type WidgetSession } from './session'
import { WIDGET_CSS } from './styles'
import { WalletBar } from './WalletBar'
import { useWalletController } from './useWalletController'
import type { WalletController } from './wallet'

/** What a host can call through a ref. */
export interface SuperchainRelayHandle {
  /**
   * Track the cross-chain messages a source transaction emitted (a transfer the dapp just sent). Resolves with them;
   * with `[]` while the transaction is not mined yet — the widget keeps watching it and shows it once it is.
   */
  track(transactionHash: Hex, chainId: number): Promise<TrackedMessage[]>
}

export interface SuperchainRelayWidgetProps extends SuperchainRelayConfig, SuperchainRelayCallbacks {
  ref?: Ref<SuperchainRelayHandle>
  className?: string
  style?: CSSProperties
}

export function SuperchainRelayWidget(props: SuperchainRelayWidgetProps) {
  const { ref, className, style, onMessageUpdated, onRelayed, onError } = props

  // The session reads the latest callbacks through a ref, so a host passing inline arrows does not reopen it.
  const callbacks = useRef<SuperchainRelayCallbacks>({})
  callbacks.current = { onMessageUpdated, onRelayed, onError }

  const validation = useValidatedConfig(props, callbacks)
  const config = validation.config

  const [focusHash, setFocusHash] = useState<Hex>()
  const awaitingTransactions = useRef(new Set<string>())
  const emit = useHostEvents(callbacks, awaitingTransactions, setFocusHash)

  // The wallet: recreated only when the host swaps its provider.
  const { wallet, walletRef, walletState } = useWalletController(config)
  const { session, sessionRef, sessionWaiters } = useWidgetSession(config, emit, walletRef)

  const accounts = useWatchedAccounts(session, config, walletState.accounts, emit)

  useImperativeHandle(
    ref,
    () => ({
      async track(transactionHash, chainId) {
        const current =
          sessionRef.current ??
          (await new Promise<WidgetSession>((resolve) => sessionWaiters.current.push(resolve)))
        awaitingTransactions.current.add(transactionHash.toLowerCase())
        const found = await current.track(transactionHash, chainId)
        if (found[0]) {
          awaitingTransactions.current.delete(transactionHash.toLowerCase())
          setFocusHash(found[0].hash)
        }
        return found
      },
    }),
    [],
  )

  const walletName = walletState.options.find((o) => o.id === walletState.selectedId)?.name ?? 'Your wallet'
  const blockedSigners = walletState.dropsAccessList
    ? {
        wallet: `${walletName} drops the access list a relay needs, so a relay signed with it would be refused. Relay it one of these ways instead:`,
      }
    : undefined
  const theme = resolveTheme(config?.theme)
  return (
    <div
      className={`scrw ${themeClassName(theme.mode)}${className ? ` ${className}` : ''}`}
      style={{ ...(theme.variables as CSSProperties), ...style }}
    >
      <style>{WIDGET_CSS}</style>
      {validation.error ? (
        <p className="scrw-invalid" role="alert">
          {validation.error.message}
        </p>
      ) : null}
      {config && wallet ? (
        <WalletBar state={walletState} controller={wallet} chains={config.chains} fixed={!!config.provider} />
      ) : null}
      {config && session ? (
        <RelayApp
          api={session.api}
          accounts={accounts.length > 0 ? accounts : undefined}
          signers={['wallet']}
          signerLabels={{ wallet: walletName }}
          blockedSigners={blockedSigners}
          offerExtension
          focusHash={focusHash}
          theme={theme.mode}
          title={config.title}
        />
      ) : null}
    </div>
  )
}

/** The props' config, validated again only when a field changed by value; a bad one is reported to the host once. */
function useValidatedConfig(
  props: SuperchainRelayWidgetProps,
  callbacks: RefObject<SuperchainRelayCallbacks>,
): { config?: SuperchainRelayConfig; error?: Error } {
  // Hosts often pass fresh array literals each render: compare chains and accounts by value, not identity.
  const chainsKey = JSON.stringify(props.chains ?? null)
  const accountsKey = JSON.stringify(props.accounts ?? null)
  const themeKey = JSON.stringify(props.theme ?? null)
  const validation = useMemo(() => {
    try {
      return { config: validateWidgetConfig(pickConfig(props)) }
    } catch (error) {
      return { error: error as Error }
    }
  }, [
    chainsKey,
    accountsKey,
    themeKey,
    props.provider,
    props.walletName,
    props.title,
    props.storageName,
    props.discoverAccounts,
  ])
  useEffect(() => {
    if (validation.error) callbacks.current.onError?.(errorDetail(validation.error, 'config'))
  }, [validation.error])
  return validation
}

/** The session's events, to the host's latest callbacks; one stable function for the widget's lifetime. */
function useHostEvents(
  callbacks: RefObject<SuperchainRelayCallbacks>,
  awaitingTransactions: RefObject<Set<string>>,
  setFocusHash: (hash: Hex) => void,
): SuperchainRelayEventHandler {
  // messageUpdated only when something a user can see changed: the tracker also writes bookkeeping every block.
  const visible = useRef(createVisibleChangeFilter()).current
  return useRef<SuperchainRelayEventHandler>((type, detail) => {
    const c = callbacks.current
    if (type === 'messageUpdated') {
      const d = detail as Parameters<NonNullable<typeof c.onMessageUpdated>>[0]
      if (!visible.changed(d.message)) return
      // A transaction tracked before it was mined: show its message the moment it appears.
      if (
        d.previousStatus === undefined &&
        awaitingTransactions.current.delete(d.message.sourceTransactionHash.toLowerCase())
      ) {
        setFocusHash(d.message.hash)
      }
      c.onMessageUpdated?.(d)
    } else if (type === 'relayed') c.onRelayed?.(detail as Parameters<NonNullable<typeof c.onRelayed>>[0])
    else {
      // A chain that does not know a tracked hash is no failure: the session does not report it (session.ts).
      c.onError?.(detail as Parameters<NonNullable<typeof c.onError>>[0])
    }
  }).current
}

/**
 * The tracker session: one per mount and storage name. Chains changes are applied to it, not a reason to reopen.
 * The imperative handle reads the session through `sessionRef`: a handle created before the session opened may be
 * called after, and must not wait for a session that already exists (`sessionWaiters` hold the early callers).
 */
function useWidgetSession(
  config: SuperchainRelayConfig | undefined,
  emit: SuperchainRelayEventHandler,
  walletRef: RefObject<WalletController | undefined>,
) {
  const [session, setSession] = useState<WidgetSession>()
  const sessionRef = useRef<WidgetSession | undefined>(undefined)
  const sessionWaiters = useRef<((session: WidgetSession) => void)[]>([])
  const storageName = config?.storageName ?? DEFAULT_STORAGE_NAME
  const latestChains = useRef(config?.chains)
  latestChains.current = config?.chains
  useEffect(() => {
    const chains = latestChains.current
    if (!chains) return
    const opened = openWidgetSession({
      chains,
      storageName,
      emit,
      walletSigner: async () => {
        const controller = walletRef.current
        if (!controller) throw new Error('the widget is not mounted')
        return controller.signer()
      },
    })
    sessionRef.current = opened
    setSession(opened)
    for (const resolve of sessionWaiters.current.splice(0)) resolve(opened)
    return () => {
      if (sessionRef.current === opened) sessionRef.current = undefined
      setSession((current) => (current === opened ? undefined : current))
      void opened.close()
    }
  }, [storageName, emit, !!config])

  const chainsKey = JSON.stringify(config?.chains ?? null)
  useEffect(() => {
    if (session && config)
      void session
        .setChains(config.chains)
        .catch((e: unknown) => emit('error', errorDetail(e, 'updating chains')))
  }, [session, chainsKey])
  return { session, sessionRef, sessionWaiters }
}

/** Whose messages: the host's list, else the connected account; the session scans for their transfers. */
function useWatchedAccounts(
  session: WidgetSession | undefined,
  config: SuperchainRelayConfig | undefined,
  connected: readonly Address[],
  emit: SuperchainRelayEventHandler,
): Address[] {
  const accounts = useMemo(
    () => (config?.accounts && config.accounts.length > 0 ? config.accounts : [...connected]),
    [config?.accounts, connected],
  )
  const accountsToWatch = JSON.stringify(accounts)
  useEffect(() => {
    if (!session || config?.discoverAccounts === false || accounts.length === 0) return
    session.watchAccounts(accounts).catch((e: unknown) => emit('error', errorDetail(e, 'watching accounts')))
  }, [session, accountsToWatch, config?.discoverAccounts])
  return accounts
}

/** The config fields of the props (the rest are callbacks and React's). */
function pickConfig(props: SuperchainRelayWidgetProps): Record<string, unknown> {
  const { chains, provider, walletName, accounts, theme, title, storageName, discoverAccounts } = props
  const out: Record<string, unknown> = { chains }
  for (const [key, value] of Object.entries({
    provider,
    walletName,
    accounts,
    theme,
    title,
    storageName,
    discoverAccounts,
  })) {
    if (value !== undefined) out[key] = value
  }
  return out
}
