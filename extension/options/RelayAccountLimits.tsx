/**
 * The relay account's two safety limits, edited in place: how long an unlocked key may sit unused before it locks
 * itself, and the most one relay may cost in fees (enforced in core right before signing, whatever an RPC quotes).
 * Typed values go to the background as they are; it says what is wrong with them.
 */
import { useState } from 'react'
import { formatEther, parseEther } from 'viem'

import { ActionErrors } from './ActionErrors'
import { SettingField } from './SettingField'
import { useSettingsForm } from './useSettingsForm'

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
  const { load, save, onSubmit, saved, edit } = useSettingsForm(
    (s) => {
      setMinutes(String(s.autoLockMinutes))
      setCap(formatEther(BigInt(s.relayFeeCapWei)))
    },
    () => ({ autoLockMinutes: asTyped(minutes), relayFeeCapWei: toWei(cap) }),
    onSaved,
  )

  return (
    <form aria-label="Relay account limits" onSubmit={onSubmit}>
      <h3>Limits</h3>
      <SettingField
        label="Lock after"
        unit="minutes unused"
        type="number"
        min={1}
        max={1440}
        aria-label="Auto-lock after minutes unused"
        value={minutes}
        onChange={edit(setMinutes)}
      />
      <SettingField
        label="Spend at most"
        unit="ETH in fees per relay"
        type="text"
        inputMode="decimal"
        aria-label="Spending cap per relay in ETH"
        value={cap}
        onChange={edit(setCap)}
      />
      <p className="opt-muted">
        The key also locks when your screen locks. A relay whose fee could exceed the cap is refused before it
        is signed.
      </p>
      <div className="opt-row">
        <button type="submit" disabled={save.busy || load.busy}>
          Save limits
        </button>
        {saved ? <span className="opt-muted">Saved.</span> : null}
      </div>
      <ActionErrors actions={[save, load]} />
    </form>
  )
}
