/**
 * The parts of a signing dialog that read the same whether the user relays or resends: the wait while a signer
 * works, and the "not sent" callout (one plain sentence, the error itself behind Details).
 */
import type { ChainConfig } from '../core/chains/types'
import { ErrorNotice } from './ErrorNotice'
import type { SignerKind } from './SignerChoice'

export function SigningBusy({ signer }: { signer: SignerKind | undefined }) {
  return (
    <div className="scr-busy" role="status">
      <div className="scr-spinner" aria-hidden="true" />
      <p>
        {signer === 'wallet'
          ? 'Waiting for your signature in the wallet…'
          : 'Signing with the relay account and sending…'}
      </p>
    </div>
  )
}

export function NotSentCallout({
  title,
  error,
  chains,
}: {
  title: string
  error: unknown
  chains?: readonly ChainConfig[]
}) {
  return <ErrorNotice error={error} chains={chains} title={title} />
}
