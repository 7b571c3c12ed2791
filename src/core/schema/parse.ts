/**
 * Parsing untrusted input against a valibot schema, with one problem reported the way a person fixes it: where
 * (`messages[3].nonce`) and what (`expected a decimal integer string, got 'abc'`). Every boundary that reads data
 * it did not write — an imported history, a record read back from IndexedDB, the CLI's state file, a widget's props
 * — parses through here and wraps the problem in its own named error.
 */
import { safeParse, type BaseIssue, type GenericSchema, type InferOutput } from 'valibot'

export type Parsed<T> = { ok: true; value: T } | { ok: false; path: string; problem: string }

/** The offending value, quoted and cut short so a megabyte of garbage does not become the error message. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing'
  let text: string
  if (typeof value === 'string') text = `'${value}'`
  else if (typeof value === 'bigint') text = value.toString()
  else {
    try {
      text = JSON.stringify(value) ?? String(value)
    } catch {
      text = String(value)
    }
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/

/** `a.b[2].c`, `theme.variables["--scr-bg"]`; `''` for the value itself. */
export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`
  if (IDENTIFIER.test(key)) return base ? `${base}.${key}` : key
  return `${base}[${JSON.stringify(key)}]`
}

export function issuePath(issue: BaseIssue<unknown>, base = ''): string {
  let path = base
  for (const item of issue.path ?? []) {
    const key = (item as { key?: unknown }).key
    path = joinPath(path, typeof key === 'number' || typeof key === 'string' ? key : String(key))
  }
  return path
}

/**
 * The first problem only (valibot's `abortEarly`): one clear sentence beats a list of consequences, and a hostile
 * file of a million bad entries costs one.
 */
export function parseInput<S extends GenericSchema>(
  schema: S,
  input: unknown,
  base = '',
): Parsed<InferOutput<S>> {
  const result = safeParse(schema, input, { abortEarly: true })
  if (result.success) return { ok: true, value: result.output }
  const issue = result.issues[0]
  return { ok: false, path: issuePath(issue, base), problem: issue.message }
}
