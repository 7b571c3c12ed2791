/**
 * What the popup adds around RelayApp: the watched accounts (so messages split into Outgoing / Incoming), the two
 * signers with labels that say where each stands (the relay account locked? MetaMask known to drop access lists?),
 * the user's theme, and a footer to the options page. Everything else is the shared UI.
 */
import { useEffect, useState } from 'react'
import type { Address, Hex } from 'viem'
import browser from 'webextension-polyfill'

import { shortAddress } from '../../src/core'
import { ChainNotices, clockTime, RelayApp, type MessagePreview } from '../../src/ui'
import type { ExtensionSettings, RelayAccountStatus, WalletStatus } from '../messaging/protocol'
import { watchingText } from '../shared/popupSnapshot'
import { applyTheme } from '../shared/theme'
import { connection, trackerApi } from './lazyConnection'
import { AS_OF_TITLE, POPUP_CSS } from './popupCss'

interface PopupState {
  accounts: Address[]
  settings?: ExtensionSettings
  relayAccount?: RelayAccountStatus
  wallet?: WalletStatus
  focusHash?: Hex
}

function relayAccountLabel(status: RelayAccountStatus | undefined): string {
  if (!status?.exists || !status.address) return 'Relay account (create one in Options)'
  return `Relay account ${shortAddress(status.address)}${status.unlocked ? '' : ' (locked)'}`
}

export interface PopupAppProps {
  focusHash?: Hex
  /** Read from storage before the first paint, so the theme is right from the start. */
  settings?: ExtensionSettings
  /** The first screen as the background last saved it; the live list replaces it. */
  preview?: MessagePreview
}

export function PopupApp({ focusHash, settings, preview }: PopupAppProps) {
  const [state, setState] = useState<PopupState>({
    accounts: preview?.accounts ?? [],
    settings,
    focusHash,
  })

  useEffect(() => {
    let live = true
    // Each piece is optional for the list to work: a failure here must not keep the messages from showing.
    const settled = <T,>(p: Promise<T>) => p.catch(() => undefined)
    const call = connection().then((c) => c.client)
    void Promise.all([
      settled(call.then((client) => client.call('listAccounts'))),
      settled(call.then((client) => client.call('getSettings'))),
      settled(call.then((client) => client.call('relayAccountStatus'))),
      settled(call.then((client) => client.call('walletStatus'))),
      focusHash ? Promise.resolve(focusHash) : settled(call.then((client) => client.call('takeFocus'))),
    ]).then(([accounts, liveSettings, relayAccount, wallet, focus]) => {
      if (!live) return
      if (liveSettings) applyTheme(liveSettings.theme)
      setState((current) => ({
        accounts: accounts ?? current.accounts,
        settings: liveSettings ?? current.settings,
        relayAccount,
        wallet,
        focusHash: focus,
      }))
    })
    return () => {
      live = false
    }
  }, [focusHash])

  const { relayAccount, wallet } = state
  return (
    <>
      <style>{POPUP_CSS}</style>
      <ChainNotices api={trackerApi} />
      <RelayApp
        api={trackerApi}
        accounts={state.accounts}
        signers={['relayAccount', 'wallet']}
        signerLabels={{ relayAccount: relayAccountLabel(relayAccount), wallet: 'MetaMask' }}
        blockedSigners={
          wallet?.dropsAccessList
            ? {
                wallet:
                  'MetaMask drops the access list a relay needs, so a relay signed with it would be refused: sign with the relay account instead.',
              }
            : undefined
        }
        focusHash={state.focusHash}
        theme={state.settings?.theme ?? 'auto'}
        title="Superchain Relay"
        preview={preview}
      />
      <footer className="popup-footer">
        <span>{watchingText(state.accounts)}</span>
        {preview ? (
          <span className="popup-as-of" role="status" title={AS_OF_TITLE}>
            as of {clockTime(preview.asOf)}
          </span>
        ) : null}
        <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
          Options
        </button>
      </footer>
    </>
  )
}
