/**
 * The parts of a signing dialog that read the same whether the user relays or resends: the wait while a signer
 * works, and the "not sent" callout that shows the error verbatim (core's errors explain the way out).
 */
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

export function NotSentCallout({ title, error }: { title: string; error: string }) {
  return (
    <p className="scr-callout scr-callout-danger" role="alert">
      <strong>{title}</strong>
      {'\n'}
      {error}
    </p>
  )
}
