/**
 * One button's async call: busy while it runs, its error shown verbatim (the background's messages say what to
 * do), its result kept for display. A call that finishes after the component unmounted changes nothing.
 */
import { useCallback, useEffect, useRef, useState } from 'react'

import { errorText } from '../../src/ui'

export interface Action<A extends unknown[], R> {
  run: (...args: A) => Promise<R | undefined>
  busy: boolean
  error?: string
  result?: R
  reset: () => void
}

export function useAction<A extends unknown[], R>(task: (...args: A) => Promise<R>): Action<A, R> {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
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
    try {
      const value = await latest.current(...args)
      if (mounted.current) setResult(value)
      return value
    } catch (e) {
      if (mounted.current) setError(errorText(e))
      return undefined
    } finally {
      if (mounted.current) setBusy(false)
    }
  }, [])

  const reset = useCallback(() => {
    setError(undefined)
    setResult(undefined)
  }, [])

  return { run, busy, error, result, reset }
}
