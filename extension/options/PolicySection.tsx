/** Notifications and relay policy: how long a ready message may wait before we speak up, and how loudly. */
import { useEffect, useState, type FormEvent } from 'react'

import type { ExtensionSettings } from '../messaging/protocol'
import { client } from '../shared/connection'
import { applyTheme } from '../shared/theme'
import { ActionErrors } from './ActionErrors'
import { asTyped } from './RelayAccountLimits'
import { useAction } from './useAction'

export function PolicySection({ onSettings }: { onSettings?: (settings: ExtensionSettings) => void }) {
  const [settings, setSettings] = useState<ExtensionSettings>()
  const [grace, setGrace] = useState('')
  const load = useAction(() => client.call('getSettings'))
  const save = useAction((patch: Partial<ExtensionSettings>) => client.call('updateSettings', patch))

  const show = (next: ExtensionSettings) => {
    setSettings(next)
    setGrace(String(next.gracePeriodSeconds))
    applyTheme(next.theme)
    onSettings?.(next)
  }

  useEffect(() => {
    void load.run().then((s) => s && show(s))
  }, [])

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    if (!settings) return
    // Sent as typed; the background says what is wrong with it ("a whole number of seconds from 0 to 86400").
    const next = await save.run({
      gracePeriodSeconds: asTyped(grace),
      relayPolicy: settings.relayPolicy,
      theme: settings.theme,
    })
    if (next) show(next)
  }

  return (
    <section className="opt-section" aria-labelledby="policy-title">
      <h2 id="policy-title">Notifications and relay policy</h2>
      <p className="opt-hint">
        Autorelayers usually relay within seconds; you are told about a message only when it waited longer
        than the grace period. You are also told when a relay fails, when a message you were told about is
        relayed, and a day before a message expires.
      </p>
      {settings ? (
        <form onSubmit={onSubmit}>
          <div className="opt-row">
            <label>
              Grace period
              <input
                type="number"
                min={0}
                max={86400}
                className="opt-narrow"
                aria-label="Grace period in seconds"
                value={grace}
                onChange={(e) => {
                  setGrace(e.target.value)
                  save.reset()
                }}
              />
              seconds
            </label>
          </div>
          <div className="opt-row" role="radiogroup" aria-label="When a message is stuck">
            <label>
              <input
                type="radio"
                name="policy"
                checked={settings.relayPolicy === 'notify'}
                onChange={() => setSettings({ ...settings, relayPolicy: 'notify' })}
              />
              Notify me
            </label>
            <label>
              <input
                type="radio"
                name="policy"
                checked={settings.relayPolicy === 'prompt'}
                onChange={() => setSettings({ ...settings, relayPolicy: 'prompt' })}
              />
              Notify me and open the popup on it
            </label>
          </div>
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
            {save.result && !save.error ? <span className="opt-muted">Saved.</span> : null}
          </div>
        </form>
      ) : null}
      <ActionErrors actions={[save, load]} />
    </section>
  )
}
