/**
 * Who signs: a radio group when the shell offers several signers (the extension: relay account or wallet), the
 * signer's name when there is one (the widget: the wallet). The order of `signers` is the shell's preference.
 */
import { useId } from 'react'

import type { RelaySignerChoice } from '../core/tracker/api'

export type SignerKind = RelaySignerChoice['kind']

export const DEFAULT_SIGNER_LABELS: Record<SignerKind, string> = {
  wallet: 'Your wallet',
  relayAccount: 'Relay account',
}

export interface SignerChoiceProps {
  signers: readonly SignerKind[]
  labels?: Partial<Record<SignerKind, string>>
  /** One line per signer saying why one would pick it. */
  hints?: Partial<Record<SignerKind, string>>
  value: SignerKind | undefined
  onChange: (signer: SignerKind) => void
  /** Shown but not changeable (while signing, after submission). */
  readOnly?: boolean
}

export function SignerChoice({
  signers,
  labels,
  hints,
  value,
  onChange,
  readOnly = false,
}: SignerChoiceProps) {
  const name = useId()
  const names = { ...DEFAULT_SIGNER_LABELS, ...labels }
  const hint = value ? hints?.[value] : undefined

  if (signers.length === 0) return <>No signer available</>
  if (signers.length === 1 || readOnly) {
    return (
      <>
        <span>{value ? names[value] : ''}</span>
        {hint && !readOnly ? <div className="scr-muted">{hint}</div> : null}
      </>
    )
  }
  return (
    <>
      <fieldset className="scr-signers">
        <legend className="scr-sr-only">Who signs</legend>
        {signers.map((kind) => (
          <label key={kind} className="scr-signer" title={hints?.[kind]}>
            <input
              type="radio"
              name={name}
              value={kind}
              checked={value === kind}
              onChange={() => onChange(kind)}
            />
            {names[kind]}
          </label>
        ))}
      </fieldset>
      {hint ? <div className="scr-muted">{hint}</div> : null}
    </>
  )
}
