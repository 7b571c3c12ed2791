/**
 * The whole shared UI: the extension popup and the embeddable widget both render this, and differ only in the
 * props they pass — which tracker (`api`), whose messages (`accounts`), which signers they can offer, and how to
 * link to an explorer. It talks to nothing but `TrackerApi` (docs/ARCHITECTURE.md §1–2).
 *
 * It brings its own stylesheet in a `<style>` inside its tree, so it looks the same in a popup, on a dapp page and
 * inside a shadow root, and touches no global CSS.
 */
import { lazy, Suspense, useCallback, useEffect, useId, useMemo, useRef, useState } from 'react'
import type { Address, Hex } from 'viem'

import type { RelaySignerChoice, TrackerApi } from '../core/tracker/api'
import type { TrackedMessage } from '../core/model/message'
import { ChainHealthBanner } from './ChainHealthBanner'
import { tabFor } from './directions'
import type { MessageTab } from './directions'
import { ErrorNotice } from './ErrorNotice'
import { explainError } from './errorWords'
import { clockTime, explorerUrlFromChains } from './format'
import type { ExplorerUrl } from './format'
import { ErrorBoundary } from './ErrorBoundary'
import { previewCounts, previewMessages, type MessagePreview } from './messagePreview'
import { MessagesPanel } from './MessagesPanel'
import { UnreadableRecords } from './UnreadableRecords'
import { RELAY_APP_CSS } from './styles'
import { themeClassName } from './theme'
import type { ThemeName } from './theme'
import { useClock } from './useClock'
import { useHistoryActions } from './useHistoryActions'
import { useMessageDialog } from './useMessageDialog'
import { useTrackedMessages } from './useTrackedMessages'

// What only an action opens is loaded when it first opens: the first screen does not wait for it to parse.
const RelayDialog = lazy(() => import('./RelayDialog').then((m) => ({ default: m.RelayDialog })))
const ResendDialog = lazy(() => import('./ResendDialog').then((m) => ({ default: m.ResendDialog })))
const TrackTransactionForm = lazy(() =>
  import('./TrackTransactionForm').then((m) => ({ default: m.TrackTransactionForm })),
)

export interface RelayAppProps {
  /** Keep its identity stable (create it once): a new object reloads everything and resubscribes. */
  api: TrackerApi
  /** The user's accounts: messages split into Outgoing / Incoming against them. Absent or empty: one "All" tab. */
  accounts?: Address[]
  /** The signers this shell can offer, preferred first: ['relayAccount', 'wallet'] in the extension, ['wallet'] in the widget. */
  signers: RelaySignerChoice['kind'][]
  signerLabels?: Partial<Record<RelaySignerChoice['kind'], string>>
  /** Open on this message (a notification click): its tab selected, its row expanded and scrolled into view. */
  focusHash?: Hex
  /** Explorer links; by default built from each chain's `explorerUrl`. */
  explorerUrl?: ExplorerUrl
  theme?: ThemeName
  title?: string
  /**
   * Signers that cannot relay, each with the reason in one sentence (a wallet known to drop access lists): the
   * relay dialog refuses them up front and offers the ways that work.
   */
  blockedSigners?: Partial<Record<RelaySignerChoice['kind'], string>>
  /** Offer "Open in the extension" when a relay cannot be signed here (not in the extension itself). */
  offerExtension?: boolean
  /**
   * The first screen as last known (messagePreview.ts), shown until the tracker's own list arrives, marked "as of"
   * its time if that takes long. Nothing acts on it: a dialog opens on the live message only.
   */
  preview?: MessagePreview
}

export function RelayApp({
  api,
  accounts,
  signers,
  signerLabels,
  focusHash,
  explorerUrl,
  theme = 'auto',
  title = 'Cross-chain messages',
  blockedSigners,
  offerExtension = false,
  preview,
}: RelayAppProps) {
  const formId = useId()
  const rootRef = useRef<HTMLDivElement>(null)
  const { state, trackerError, dismissTrackerError, retry, merge } = useTrackedMessages(api)
  const [tab, setTab] = useState<MessageTab>()
  const [expandedHash, setExpandedHash] = useState<Hex | undefined>(focusHash)
  const [scrollToHash, setScrollToHash] = useState<Hex | undefined>(focusHash)
  const [formOpen, setFormOpen] = useState(false)
  const { dialog, onRelay, onResend, closeDialog, rowOfDialog } = useMessageDialog(rootRef)

  const live = state.phase === 'ready' ? state : undefined
  // The preview stands in until the live list arrives (and stays, under the error, if it never does).
  const shownPreview = live ? undefined : preview
  const previewList = useMemo(() => (preview ? previewMessages(preview) : undefined), [preview])
  const messages = live?.messages ?? (shownPreview ? previewList : undefined)
  const chains = live?.chains ?? shownPreview?.chains
  // Per-chain health from the tracker: a banner for each chain not answering, its messages marked stale, Relay off.
  const chainHealth = live?.health ?? shownPreview?.health
  // A preview's tabs were split against its own accounts; the live list against the shell's.
  const tabAccounts = shownPreview ? shownPreview.accounts : accounts

  const now = useClock(messages)

  // A later notification click on an open popup re-focuses; the tab is then derived from the message again.
  useEffect(() => {
    if (!focusHash) return
    setExpandedHash(focusHash)
    setScrollToHash(focusHash)
    setTab(undefined)
  }, [focusHash])

  const links = useMemo(
    () => explorerUrl ?? (chains ? explorerUrlFromChains(chains) : undefined),
    [explorerUrl, chains],
  )

  // Until the user picks a tab, show the one holding the focused message (if any).
  const focused = scrollToHash ? messages?.find((m) => m.hash === scrollToHash) : undefined
  const shownTab = tab ?? (focused ? tabFor(focused, tabAccounts) : undefined)

  const onToggle = useCallback(
    (hash: Hex) => setExpandedHash((open) => (open === hash ? undefined : hash)),
    [],
  )
  const onTabChange = useCallback((next: MessageTab) => {
    setTab(next)
    setScrollToHash(undefined)
  }, [])
  // Removing a message (any row) or clearing a chain's history, each behind a confirmation.
  const history = useHistoryActions(api, messages, chains, accounts, rootRef)
  const onTracked = useCallback(
    (found: TrackedMessage[]) => {
      merge(found)
      const first = found[0]
      if (!first) return
      setTab(tabFor(first, accounts))
      setExpandedHash(first.hash)
      setScrollToHash(first.hash)
    },
    [merge, accounts],
  )

  // The dialog shows the live message, and goes away if the message does (removed from the tracker). One asked for
  // from a preview row opens once the live list is in: nothing is ever shown to sign from remembered data.
  const dialogMessage = dialog ? live?.messages.find((m) => m.hash === dialog.hash) : undefined
  const hasSigner = signers.length > 0
  const dialogElement =
    !dialog || !dialogMessage || !chains ? null : dialog.kind === 'relay' ? (
      <RelayDialog
        api={api}
        message={dialogMessage}
        chains={chains}
        signers={signers}
        signerLabels={signerLabels}
        blockedSigners={blockedSigners}
        offerExtension={offerExtension}
        accounts={accounts}
        explorerUrl={links}
        onClose={closeDialog}
        returnFocus={rowOfDialog}
      />
    ) : (
      <ResendDialog
        api={api}
        message={dialogMessage}
        chains={chains}
        signers={signers}
        signerLabels={signerLabels}
        explorerUrl={links}
        onClose={closeDialog}
      />
    )

  return (
    <div ref={rootRef} className={`scr-root ${themeClassName(theme)}`} data-theme={theme}>
      <style>{RELAY_APP_CSS}</style>
      <header className="scr-header">
        <h2 className="scr-title">{title}</h2>
        {/* Fades in only after 0.4 s (styles.ts): a tracker that answers at once replaces the preview unmarked. */}
        {shownPreview ? (
          <span
            className="scr-as-of"
            role="status"
            title="Saved when the tracker last looked; live data replaces it as soon as the tracker answers."
          >
            as of {clockTime(shownPreview.asOf)}
          </span>
        ) : null}
        {chains ? (
          <button
            type="button"
            className="scr-button scr-button-small"
            aria-expanded={formOpen}
            aria-controls={formOpen ? formId : undefined}
            disabled={!live}
            onClick={() => setFormOpen((open) => !open)}
          >
            {formOpen ? 'Close' : 'Track a transaction'}
          </button>
        ) : null}
      </header>

      {formOpen && live ? (
        <div id={formId}>
          <Suspense fallback={null}>
            <TrackTransactionForm api={api} chains={live.chains} onTracked={onTracked} />
          </Suspense>
        </div>
      ) : null}

      {chains ? <ChainHealthBanner health={chainHealth} chains={chains} now={now} /> : null}
      {live ? history.notice : null}

      {/* A chain that is not answering is already in the banner; the notice is for the other background errors. */}
      {trackerError && !chainHealth?.some((h) => h.state === 'unreachable' || h.state === 'wrongChain') ? (
        <div className="scr-notice">
          <ErrorNotice error={explainError(trackerError, { chains })} role="status" tone="warning" />
          <button type="button" className="scr-close" aria-label="Dismiss" onClick={dismissTrackerError}>
            ×
          </button>
        </div>
      ) : null}

      {state.phase === 'loading' && !shownPreview ? (
        <div className="scr-state" role="status">
          <div className="scr-spinner" aria-hidden="true" />
          <p>Loading messages…</p>
        </div>
      ) : null}

      {state.phase === 'error' && shownPreview ? (
        <div className="scr-notice" role="alert">
          <ErrorNotice error={state.error} role="status" />
          <button type="button" className="scr-button scr-button-small" onClick={retry}>
            Retry
          </button>
        </div>
      ) : null}

      {state.phase === 'error' && !shownPreview ? (
        <div className="scr-state" role="alert">
          <p className="scr-state-title">Could not load your messages</p>
          <ErrorNotice error={state.error} role="status" />
          <button type="button" className="scr-button" onClick={retry}>
            Retry
          </button>
        </div>
      ) : null}

      {live ? <UnreadableRecords api={api} refreshKey={live.messages} /> : null}
      {messages && chains ? (
        <ErrorBoundary
          resetKey={messages}
          fallback={(error) => <ErrorNotice error={error} title="The message list could not be shown." />}
        >
          <MessagesPanel
            messages={messages}
            chains={chains}
            accounts={tabAccounts}
            counts={shownPreview ? previewCounts(shownPreview) : undefined}
            now={now}
            tab={shownTab}
            onTabChange={onTabChange}
            expandedHash={expandedHash}
            onToggle={onToggle}
            scrollToHash={scrollToHash}
            // A preview's statuses may be out of date: no action is offered on them until the live list is in.
            onRelay={hasSigner && live ? onRelay : undefined}
            onResend={hasSigner && live ? onResend : undefined}
            onTrackTransaction={() => setFormOpen(true)}
            explorerUrl={links}
            chainHealth={chainHealth}
            onForget={live ? history.onRemove : undefined}
          />
        </ErrorBoundary>
      ) : null}
      {live ? history.bar : null}

      {history.dialogs}
      <Suspense fallback={null}>{dialogElement}</Suspense>
    </div>
  )
}
