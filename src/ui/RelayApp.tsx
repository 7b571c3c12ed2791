/**
 * The whole shared UI: the extension popup and the embeddable widget both render this, and differ only in the
 * props they pass — which tracker (`api`), whose messages (`accounts`), which signers they can offer, and how to
 * link to an explorer. It talks to nothing but `TrackerApi` (docs/ARCHITECTURE.md §1–2).
 *
 * It brings its own stylesheet in a `<style>` inside its tree, so it looks the same in a popup, on a dapp page and
 * inside a shadow root, and touches no global CSS.
 */
import { useId } from 'react'
import type { Address, Hex } from 'viem'

import type { RelaySignerChoice, TrackerApi } from '../core/tracker/api'
import { ChainHealthBanner } from './ChainHealthBanner'
import { ErrorBoundary } from './ErrorBoundary'
import { ErrorNotice } from './ErrorNotice'
import type { ExplorerUrl } from './format'
import type { MessagePreview } from './messagePreview'
import { MessageDialogs } from './MessageDialogs'
import { MessagesPanel } from './MessagesPanel'
import { RelayAppHeader, TrackTransactionPanel } from './RelayAppHeader'
import { RELAY_APP_CSS } from './styles'
import { themeClassName } from './theme'
import type { ThemeName } from './theme'
import { TrackerStatus } from './TrackerStatus'
import { UnreadableRecords } from './UnreadableRecords'
import { useRelayAppState } from './useRelayAppState'

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

export function RelayApp(props: RelayAppProps) {
  const { api, accounts, signers, theme = 'auto' } = props
  const formId = useId()
  const { rootRef, tracked, formOpen, setFormOpen, dialogs, shown, now, focus, links, history, canAct } =
    useRelayAppState(props)
  const { live, messages, chains, chainHealth } = shown

  return (
    <div ref={rootRef} className={`scr-root ${themeClassName(theme)}`} data-theme={theme}>
      <style>{RELAY_APP_CSS}</style>
      <RelayAppHeader
        title={props.title ?? 'Cross-chain messages'}
        previewAsOf={shown.shownPreview?.asOf}
        showTrack={!!chains}
        canTrack={!!live}
        formOpen={formOpen}
        formId={formId}
        onToggleForm={() => setFormOpen((open) => !open)}
      />
      {formOpen && live ? (
        <TrackTransactionPanel id={formId} api={api} chains={live.chains} onTracked={focus.onTracked} />
      ) : null}
      {chains ? <ChainHealthBanner health={chainHealth} chains={chains} now={now} /> : null}
      {live ? history.notice : null}
      <TrackerStatus
        state={tracked.state}
        previewShown={!!shown.shownPreview}
        trackerError={tracked.trackerError}
        onDismissTrackerError={tracked.dismissTrackerError}
        onRetry={tracked.retry}
        chains={chains}
        chainHealth={chainHealth}
      />
      {live ? <UnreadableRecords api={api} refreshKey={live.messages} /> : null}
      {messages && chains ? (
        <ErrorBoundary
          resetKey={messages}
          fallback={(error) => <ErrorNotice error={error} title="The message list could not be shown." />}
        >
          <MessagesPanel
            messages={messages}
            chains={chains}
            accounts={shown.tabAccounts}
            counts={shown.counts}
            now={now}
            tab={focus.shownTab}
            onTabChange={focus.onTabChange}
            expandedHash={focus.expandedHash}
            onToggle={focus.onToggle}
            scrollToHash={focus.scrollToHash}
            onRelay={canAct ? dialogs.onRelay : undefined}
            onResend={canAct ? dialogs.onResend : undefined}
            onTrackTransaction={() => setFormOpen(true)}
            explorerUrl={links}
            chainHealth={chainHealth}
            onForget={live ? history.onRemove : undefined}
          />
        </ErrorBoundary>
      ) : null}
      {live ? history.bar : null}
      {history.dialogs}
      <MessageDialogs
        api={api}
        dialog={dialogs.dialog}
        liveMessages={live?.messages}
        chains={chains}
        signers={signers}
        signerLabels={props.signerLabels}
        blockedSigners={props.blockedSigners}
        offerExtension={props.offerExtension ?? false}
        accounts={accounts}
        explorerUrl={links}
        onClose={dialogs.closeDialog}
        returnFocus={dialogs.rowOfDialog}
      />
    </div>
  )
}
