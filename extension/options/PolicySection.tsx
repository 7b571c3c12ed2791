/** Notifications and relay policy: how long a ready message may wait before we speak up, and how loudly. */
import { useState } from 'react'

import type { ExtensionSettings } from '../messaging/protocol'
import { applyTheme } from '../shared/theme'
import { OptionsSection } from './OptionsSection'
import { asTyped } from './RelayAccountLimits'
import { SettingField } from './SettingField'
import { useSettingsForm } from './useSettingsForm'

type Policy = ExtensionSettings['relayPolicy']

const POLICY_LABELS: Record<Policy, string> = {
  notify: 'Notify me',
  prompt: 'Notify me and open the popup on it',
}

/** What happens when a message is stuck: a notification, or a notification and the popup opened on it. */
function PolicyChoice({ value, onChange }: { value: Policy; onChange: (policy: Policy) => void }) {
  return (
    <div className="opt-row" role="radiogroup" aria-label="When a message is stuck">
      {(Object.keys(POLICY_LABELS) as Policy[]).map((policy) => (
        <label key={policy}>
          <input type="radio" name="policy" checked={value === policy} onChange={() => onChange(policy)} />
          {POLICY_LABELS[policy]}
        </label>
      ))}
    </div>
  )
}

export function PolicySection({ onSettings }: { onSettings?: (settings: ExtensionSettings) => void }) {
  const [settings, setSettings] = useState<ExtensionSettings>()
  const [grace, setGrace] = useState('')
  const { load, save, onSubmit, saved, edit } = useSettingsForm(
    (next) => {
      setSettings(next)
      setGrace(String(next.gracePeriodSeconds))
      applyTheme(next.theme)
      onSettings?.(next)
    },
    // Sent as typed; the background says what is wrong with it ("a whole number of seconds from 0 to 86400").
    () =>
      settings && {
        gracePeriodSeconds: asTyped(grace),
        relayPolicy: settings.relayPolicy,
        theme: settings.theme,
      },
  )

  return (
    <OptionsSection
      name="policy"
      title="Notifications and relay policy"
      hint={
        <>
          Autorelayers usually relay within seconds; you are told about a message only when it waited longer
          than the grace period. You are also told when a relay fails, when a message you were told about is
          relayed, and a day before a message expires.
        </>
      }
      errors={[save, load]}
    >
      {settings ? (
        <form onSubmit={onSubmit}>
          <SettingField
            label="Grace period"
            unit="seconds"
            type="number"
            min={0}
            max={86400}
            aria-label="Grace period in seconds"
            value={grace}
            onChange={edit(setGrace)}
          />
          <PolicyChoice
            value={settings.relayPolicy}
            onChange={(relayPolicy) => setSettings({ ...settings, relayPolicy })}
          />
          <div className="opt-row">
            <label>
              Theme
              <select
                aria-label="Theme"
                value={settings.theme}
                onChange={(e) =>
                  setSettings({ ...settings, theme: e.target.value as ExtensionSettings['theme'] })
                }
              >
                <option value="auto">System</option>
                <option value="light">Light</option>
                <option value="dark">Dark</option>
              </select>
            </label>
          </div>
          <div className="opt-row">
            <button type="submit" className="opt-primary" disabled={save.busy}>
              Save
            </button>
            {saved ? <span className="opt-muted">Saved.</span> : null}
          </div>
        </form>
      ) : null}
    </OptionsSection>
  )
}
