/**
 * An error as the user reads it: one plain sentence (errorWords.ts), and what the software said behind a "Details"
 * disclosure — there for a bug report or a developer, out of the way of everyone else.
 */
import type { ReactNode } from 'react'

import type { ChainConfig } from '../core/chains/types'
import { explainError, type ErrorWords } from './errorWords'

export interface ErrorNoticeProps {
  /** The error itself, or words already chosen for it. */
  error: unknown
  chains?: readonly ChainConfig[]
  /** A lead-in in bold before the sentence ("The relay was not sent."). */
  title?: string
  /** What the user can do, under the sentence (buttons, a hint). */
  children?: ReactNode
  /** 'alert' for an error the user just caused; 'status' for one found in the background. */
  role?: 'alert' | 'status'
  tone?: 'danger' | 'warning'
}

function isWords(value: unknown): value is ErrorWords {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorWords).summary === 'string' &&
    typeof (value as ErrorWords).kind === 'string'
  )
}

export function ErrorNotice({
  error,
  chains,
  title,
  children,
  role = 'alert',
  tone = 'danger',
}: ErrorNoticeProps) {
  const words = isWords(error) ? error : explainError(error, { chains })
  return (
    <div className={`scr-callout scr-callout-${tone}`} role={role} data-error-kind={words.kind}>
      <p className="scr-callout-text">
        {title ? <strong>{title} </strong> : null}
        {words.summary}
      </p>
      {children}
      {words.details ? (
        <details className="scr-details">
          <summary>Details</summary>
          <pre className="scr-details-text">{words.details}</pre>
        </details>
      ) : null}
    </div>
  )
}
