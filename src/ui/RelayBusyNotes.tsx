/**
 * The relay dialog's two waits, each with a spinner and a status role so a screen reader hears them: preparing
 * (re-reading the message and simulating the relay) and, once our relay is sent, waiting for it to be mined.
 */
import type { ReactNode } from 'react'

import type { ExplorerUrl } from './format'
import { HashLink } from './HashLink'

function BusyNote({ children }: { children: ReactNode }) {
  return (
    <div className="scr-busy" role="status">
      <div className="scr-spinner" aria-hidden="true" />
      <p>{children}</p>
    </div>
  )
}

export function RelayPreparing({ source, destination }: { source: string; destination: string }) {
  return (
    <BusyNote>
      Re-reading the message on {source} and simulating the relay on {destination}…
    </BusyNote>
  )
}

export function RelaySubmitted({
  transactionHash,
  chainId,
  destination,
  explorerUrl,
}: {
  transactionHash: string
  chainId: number
  destination: string
  explorerUrl?: ExplorerUrl
}) {
  return (
    <BusyNote>
      Relay sent on {destination} (
      <HashLink value={transactionHash} chainId={chainId} kind="tx" explorerUrl={explorerUrl} />
      ), waiting for it to be mined…
    </BusyNote>
  )
}
