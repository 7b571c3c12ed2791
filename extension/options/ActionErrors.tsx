/**
 * The errors of a section's actions: one sentence each, and — for a chain or wallet error that has them — what the
 * software said behind "Details".
 */
import type { Action } from './useAction'

export function ActionErrors({
  actions,
  prefix,
}: {
  actions: readonly Pick<Action<never[], unknown>, 'error' | 'errorDetails'>[]
  /** A lead-in per action index ("Nothing was imported: "). */
  prefix?: Partial<Record<number, string>>
}) {
  return (
    <>
      {actions.map((a, i) =>
        a.error ? (
          <div key={i} className="opt-error" role="alert">
            <p className="opt-error-text">
              {prefix?.[i] ?? ''}
              {a.error}
            </p>
            {a.errorDetails ? (
              <details className="opt-details">
                <summary>Details</summary>
                <pre>{a.errorDetails}</pre>
              </details>
            ) : null}
          </div>
        ) : null,
      )}
    </>
  )
}
