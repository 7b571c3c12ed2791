/**
 * What to do instead when the chosen signer cannot relay: copy the CLI commands, or relay from the extension (a dapp
 * page cannot open another extension's pages, so it says where to paste the transaction hash).
 */
import { useState } from 'react'

import type { ChainConfig } from '../core/chains/types'
import type { TrackedMessage } from '../core/model/message'
import { CopyButton } from './CopyButton'
import { cliRelayCommands } from './relayElsewhere'

export interface RelayElsewhereProps {
  message: TrackedMessage
  chains: readonly ChainConfig[]
  /** Offer the extension route (a shell that is not the extension). */
  extension?: boolean
}

export function RelayElsewhere({ message, chains, extension = true }: RelayElsewhereProps) {
  const [open, setOpen] = useState<'cli' | 'extension'>()
  const commands = cliRelayCommands(message, chains)
  return (
    <div className="scr-elsewhere">
      <div className="scr-elsewhere-actions">
        <CopyButton value={commands} what="the CLI commands that relay it" label="Copy CLI command" primary />
        <button
          type="button"
          className="scr-button scr-button-small"
          aria-expanded={open === 'cli'}
          onClick={() => setOpen(open === 'cli' ? undefined : 'cli')}
        >
          Show the commands
        </button>
        {extension ? (
          <button
            type="button"
            className="scr-button scr-button-small"
            aria-expanded={open === 'extension'}
            onClick={() => setOpen(open === 'extension' ? undefined : 'extension')}
          >
            Open in the extension
          </button>
        ) : null}
      </div>
      {open === 'cli' ? <pre className="scr-details-text scr-commands">{commands}</pre> : null}
      {open === 'extension' ? (
        <ol className="scr-elsewhere-steps">
          <li>Open the Superchain Relay extension and choose “Track a transaction”.</li>
          <li>
            Paste this transaction hash:{' '}
            <CopyButton value={message.sourceTransactionHash} what="transaction hash" label="Copy hash" />
          </li>
          <li>Relay it there with its relay account, which keeps the access list.</li>
        </ol>
      ) : null}
    </div>
  )
}

/** Why the chosen signer cannot relay, in one sentence, the ways that work, and the error itself behind Details. */
export function SignerBlocked({
  reason,
  details,
  message,
  chains,
  offerExtension,
}: {
  reason: string
  details?: string
  message: TrackedMessage
  chains: readonly ChainConfig[]
  offerExtension?: boolean
}) {
  return (
    <div className="scr-callout scr-callout-warning" role="alert" data-error-kind="accessListDropped">
      <p className="scr-callout-text">{reason}</p>
      <RelayElsewhere message={message} chains={chains} extension={offerExtension} />
      {details ? (
        <details className="scr-details">
          <summary>Details</summary>
          <pre className="scr-details-text">{details}</pre>
        </details>
      ) : null}
    </div>
  )
}
