/**
 * Which message's relay or resend dialog is open, in RelayApp. The dialog is keyed by hash, never by a remembered
 * message: RelayApp shows it over the live message only.
 */
import { useCallback, useState } from 'react'
import type { RefObject } from 'react'
import type { Hex } from 'viem'

import type { TrackedMessage } from '../core/model/message'

export interface MessageDialog {
  kind: 'relay' | 'resend'
  hash: Hex
}

export function useMessageDialog(rootRef: RefObject<HTMLElement | null>) {
  const [dialog, setDialog] = useState<MessageDialog>()
  const onRelay = useCallback(
    (message: TrackedMessage) => setDialog({ kind: 'relay', hash: message.hash }),
    [],
  )
  const onResend = useCallback(
    (message: TrackedMessage) => setDialog({ kind: 'resend', hash: message.hash }),
    [],
  )
  const closeDialog = useCallback(() => setDialog(undefined), [])
  // The Relay button that opened the dialog is gone once the message is delivered: focus its row instead.
  const rowOfDialog = useCallback(
    () =>
      dialog
        ? rootRef.current?.querySelector<HTMLElement>(`[data-hash="${dialog.hash}"] .scr-row-summary`)
        : undefined,
    [dialog, rootRef],
  )
  return { dialog, onRelay, onResend, closeDialog, rowOfDialog }
}
