/**
 * One typed setting read as a sentence: "Grace period [ 60 ] seconds". The field's text goes to the background as
 * typed (it names what is wrong with it); the form decides what an edit also clears.
 */
import type { InputHTMLAttributes } from 'react'

export function SettingField({
  label,
  unit,
  value,
  onChange,
  type,
  min,
  max,
  inputMode,
  'aria-label': ariaLabel,
}: {
  /** The words before the field. */
  label: string
  /** The words after it. */
  unit: string
  value: string
  onChange: (value: string) => void
  'aria-label': string
} & Pick<InputHTMLAttributes<HTMLInputElement>, 'type' | 'min' | 'max' | 'inputMode'>) {
  return (
    <div className="opt-row">
      <label>
        {label}
        <input
          type={type}
          min={min}
          max={max}
          inputMode={inputMode}
          className="opt-narrow"
          aria-label={ariaLabel}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
        {unit}
      </label>
    </div>
  )
}
