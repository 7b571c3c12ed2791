/**
 * The signing half of the relay and resend dialogs, written once: from review (or after a send that failed) the user
 * signs → signing → submitted with the transaction hash, or back to a failure the dialog explains. An answer that
 * arrives after the dialog closed is dropped: the tracker records the transaction either way, and a closed dialog
 * has nothing to show it in.
 */
import { useCallback, useEffect, useRef } from 'react'
import type { Hex } from 'viem'

/**
 * The phases around one signature. `Context` is what every phase carries (the relay's plan; nothing for a resend);
 * `Failed` names the step in which a send that did not go out is shown.
 */
export type SignPhase<Context extends object, Failed extends string> =
  | (Context & { step: 'review' })
  | (Context & { step: 'signing' })
  | (Context & { step: 'submitted'; transactionHash: Hex })
  | (Context & { step: Failed; error: unknown })

/** May the user sign from this phase: reviewing, or trying again after a send that failed. */
export function isSignable<P extends { step: string }, Failed extends string>(
  phase: P,
  failed: Failed,
): phase is Extract<P, { step: 'review' | Failed }> {
  return phase.step === 'review' || phase.step === failed
}

/** One signature: the phase shown while it is pending, the send itself, and the phase for each outcome. */
export interface SignStep<P> {
  signing: P
  send: () => Promise<Hex>
  submitted: (transactionHash: Hex) => P
  failed: (error: unknown) => P
}

/**
 * Runs one signature: shows `signing`, awaits the send, then shows its outcome — only while `isOpen()` still says the
 * dialog is there to show it.
 */
export async function runSignStep<P>(
  step: SignStep<P>,
  setPhase: (phase: P) => void,
  isOpen: () => boolean,
): Promise<void> {
  setPhase(step.signing)
  let next: P
  try {
    next = step.submitted(await step.send())
  } catch (error) {
    next = step.failed(error)
  }
  if (isOpen()) setPhase(next)
}

/** Is the component still mounted? For results of awaits that may land after the dialog closed. */
export function useIsMounted(): () => boolean {
  const mounted = useRef(false)
  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])
  return useCallback(() => mounted.current, [])
}
