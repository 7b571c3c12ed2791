/**
 * A confirmation dialog's one call: reviewing, then working (the dialog is busy and cannot be closed by a stray
 * key), then either done — the dialog closes — or failed, the error shown and the user free to try again. A call
 * that settles after the dialog closed changes nothing.
 */
import { useEffect, useRef, useState } from 'react'

export type ConfirmedCallPhase = { step: 'review' | 'working' } | { step: 'failed'; error: unknown }

export function useConfirmedCall(onDone: () => void) {
  const mounted = useRef(false)
  const [phase, setPhase] = useState<ConfirmedCallPhase>({ step: 'review' })
  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])

  const busy = phase.step === 'working'
  const run = async (call: () => Promise<unknown>) => {
    if (busy) return
    setPhase({ step: 'working' })
    try {
      await call()
      if (mounted.current) onDone()
    } catch (error) {
      if (mounted.current) setPhase({ step: 'failed', error })
    }
  }
  /** Back to reviewing after a failure (the user changed what the call is about). */
  const review = () => {
    if (phase.step === 'failed') setPhase({ step: 'review' })
  }
  return { phase, busy, run, review }
}
