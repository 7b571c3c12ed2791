/**
 * The relay or resend dialog RelayApp has open (useMessageDialog.ts), over the live message only: it goes away if
 * the message does (removed from the tracker), and one asked for from a preview row opens once the live list is
 * in — nothing is ever shown to sign from remembered data. Both are loaded when first opened: the first screen
 * does not wait for them to parse.
 */
import { lazy, Suspense } from 'react'
import type { Address } from 'viem'

import type { ChainConfig } from '../core/chains/types'
import type { TrackedMessage } from '../core/model/message'
import type { RelaySignerChoice, TrackerApi } from '../core/tracker/api'
import type { ExplorerUrl } from './format'
import type { MessageDialog } from './useMessageDialog'

const RelayDialog = lazy(() => import('./RelayDialog').then((m) => ({ default: m.RelayDialog })))
const ResendDialog = lazy(() => import('./ResendDialog').then((m) => ({ default: m.ResendDialog })))

type SignerKind = RelaySignerChoice['kind']

export interface MessageDialogsProps {
  api: TrackerApi
  dialog?: MessageDialog
  /** The live list; undefined while a preview is shown. */
  liveMessages?: readonly TrackedMessage[]
  chains?: readonly ChainConfig[]
  signers: SignerKind[]
  signerLabels?: Partial<Record<SignerKind, string>>
  blockedSigners?: Partial<Record<SignerKind, string>>
  offerExtension: boolean
  accounts?: Address[]
  explorerUrl?: ExplorerUrl
  onClose: () => void
  /** Where focus goes when the relay dialog closes and its button is gone. */
  returnFocus: () => HTMLElement | null | undefined
}

export function MessageDialogs(props: MessageDialogsProps) {
  const { api, dialog, chains, signers, signerLabels, explorerUrl, onClose } = props
  const message = dialog ? props.liveMessages?.find((m) => m.hash === dialog.hash) : undefined
  if (!dialog || !message || !chains) return null
  return (
    <Suspense fallback={null}>
      {dialog.kind === 'relay' ? (
        <RelayDialog
          api={api}
          message={message}
          chains={chains}
          signers={signers}
          signerLabels={signerLabels}
          blockedSigners={props.blockedSigners}
          offerExtension={props.offerExtension}
          accounts={props.accounts}
          explorerUrl={explorerUrl}
          onClose={onClose}
          returnFocus={props.returnFocus}
        />
      ) : (
        <ResendDialog
          api={api}
          message={message}
          chains={chains}
          signers={signers}
          signerLabels={signerLabels}
          explorerUrl={explorerUrl}
          onClose={onClose}
        />
      )}
    </Suspense>
  )
}
