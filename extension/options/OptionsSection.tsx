/**
 * The frame every options section shares: a titled box (its heading labels it for screen readers), a one-line hint
 * under the title, the section's own controls, and the errors of its actions last, where the eye ends. One
 * component so the sections cannot drift apart in markup or in where their errors show.
 */
import type { ReactNode } from 'react'

import { ActionErrors } from './ActionErrors'
import type { Action } from './useAction'

export function OptionsSection({
  name,
  title,
  hint,
  errors,
  errorPrefix,
  after,
  children,
  ...data
}: {
  /** Names the heading's id (`${name}-title`), which labels the section. */
  name: string
  title: string
  hint?: ReactNode
  /** The section's actions whose errors show under its controls. */
  errors: readonly Pick<Action<never[], unknown>, 'error' | 'errorDetails'>[]
  errorPrefix?: Partial<Record<number, string>>
  /** A sub-form that follows the section's own errors (it shows its own). */
  after?: ReactNode
  children?: ReactNode
  [dataAttribute: `data-${string}`]: string | undefined
}) {
  return (
    <section className="opt-section" aria-labelledby={`${name}-title`} {...data}>
      <h2 id={`${name}-title`}>{title}</h2>
      {hint ? <p className="opt-hint">{hint}</p> : null}
      {children}
      <ActionErrors actions={errors} prefix={errorPrefix} />
      {after}
    </section>
  )
}
