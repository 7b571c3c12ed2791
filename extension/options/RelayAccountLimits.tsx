/**
 * The relay account's two safety limits, edited in place: how long an unlocked key may sit unused before it locks
 * itself, and the most one relay may cost in fees (enforced in core right before signing, whatever an RPC quotes).
 * Typed values go to the background as they are; it says what is wrong with them.
 */
import { useEffect, useState, type FormEvent } from 'react'
import { formatEther, parseEther } from 'viem'

import type { ExtensionSettings } from '../messaging/protocol'
import { client } from '../shared/connection'
import { ActionErrors } from './ActionErrors'
import { useAction } from './useAction'

/** "0.01" ETH → wei as a decimal string; what cannot be read goes as typed, so the background names it. */
function toWei(eth: string): string {
  const text = eth.trim()
  if (!/^[0-9]*\.?[0-9]+$/.test(text)) return text
  try {
    return parseEther(text as `${number}`).toString()
  } catch {
    return text
  }
}

/**
 * A number field's value for the background: the number, or — when it is not one — the text as typed, so the
 * background's schema names it ("expected a number of minutes") instead of NaN failing to cross messaging.
 */
export function asTyped(text: string): number {
  const n = Number(text)
  return (text.trim() !== '' && Number.isFinite(n) ? n : text) as number
}

export function RelayAccountLimits({ onSaved }: { onSaved?: () => void }) {
  const [minutes, setMinutes] = useState('')
  const [cap, setCap] = useState('')
  const load = useAction(() => client.call('getSettings'))
  const save = useAction((patch: Partial<ExtensionSettings>) => client.call('updateSettings', patch))

  const show = (s: ExtensionSettings) => {
    setMinutes(String(s.autoLockMinutes))
    setCap(formatEther(BigInt(s.relayFeeCapWei)))
  }
  useEffect(() => {
    void load.run().then((s) => s && show(s))
  }, [])

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    const next = await save.run({
      autoLockMinutes: asTyped(minutes),
      relayFeeCapWei: toWei(cap),
    })
    if (next) {
      show(next)
      onSaved?.()
    }
  }

  return (
    <form aria-label="Relay account limits" onSubmit={onSubmit}>
      <h3>Limits</h3>
      <div className="opt-row">
        <label>
          Lock after
          <input
            type="number"
            min={1}
            max={1440}
            className="opt-narrow"
            aria-label="Auto-lock after minutes unused"
            value={minutes}
            onChange={(e) => {
              setMinutes(e.target.value)
              save.reset()
            }}
          />
          minutes unused
        </label>
      </div>
      <div className="opt-row">
        <label>
          Spend at most
          <input
            type="text"
            inputMode="decimal"
            className="opt-narrow"
            aria-label="Spending cap per relay in ETH"
            value={cap}
            onChange={(e) => {
              setCap(e.target.value)
              save.reset()
            }}
          />
          ETH in fees per relay
        </label>
      </div>
      <p className="opt-muted">
        The key also locks when your screen locks. A relay whose fee could exceed the cap is refused before it
        is signed.
      </p>
      <div className="opt-row">
        <button type="submit" disabled={save.busy || load.busy}>
          Save limits
        </button>
        {save.result && !save.error ? <span className="opt-muted">Saved.</span> : null}
      </div>
      <ActionErrors actions={[save, load]} />
    </form>
  )
}
