/**
 * One button's async call: busy while it runs, its error in words, its result kept for display. The background's
 * own errors are sentences that say what to do and are kept as they are; a chain or wallet error (viem's text,
 * with request bodies and versions) becomes one plain sentence, its text kept in `errorDetails`. A call that
 * finishes after the component unmounted changes nothing.
 */
import { useCallback, useEffect, useRef, useState } from 'react'

import { explainError } from '../../src/ui'

export interface Action<A extends unknown[], R> {
  run: (...args: A) => Promise<R | undefined>
  busy: boolean
  error?: string
  /** What the software said, for a "Details" disclosure; absent when `error` says it all. */
  errorDetails?: string
  result?: R
  reset: () => void
}

export function useAction<A extends unknown[], R>(task: (...args: A) => Promise<R>): Action<A, R> {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const [errorDetails, setErrorDetails] = useState<string>()
  const [result, setResult] = useState<R>()
  const mounted = useRef(true)
  const latest = useRef(task)
  latest.current = task

  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])

  const run = useCallback(async (...args: A) => {
    setBusy(true)
    setError(undefined)
    setErrorDetails(undefined)
    try {
      const value = await latest.current(...args)
      if (mounted.current) setResult(value)
      return value
    } catch (e) {
      if (mounted.current) {
        const words = explainError(e)
        const ours = words.kind === 'other'
        setError(ours ? (words.details ?? words.summary) : words.summary)
        setErrorDetails(ours ? undefined : words.details)
      }
      return undefined
    } finally {
      if (mounted.current) setBusy(false)
    }
  }, [])

  const reset = useCallback(() => {
    setError(undefined)
    setErrorDetails(undefined)
    setResult(undefined)
  }, [])

  return { run, busy, error, errorDetails, result, reset }
}
