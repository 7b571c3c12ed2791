/**
 * A form over the extension's settings: read them once on mount, save a patch, and show what the background kept
 * (it may normalise a value). The policy section and the relay account's limits are both such forms.
 */
import { useEffect, type FormEvent } from 'react'

import type { ExtensionSettings } from '../messaging/protocol'
import { client } from '../shared/connection'
import { useAction } from './useAction'

export function useSettingsForm(
  show: (settings: ExtensionSettings) => void,
  patch: () => Partial<ExtensionSettings> | undefined,
  onSaved?: () => void,
) {
  const load = useAction(() => client.call('getSettings'))
  const save = useAction((change: Partial<ExtensionSettings>) => client.call('updateSettings', change))

  useEffect(() => {
    void load.run().then((s) => s && show(s))
  }, [])

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    const change = patch()
    if (!change) return
    const next = await save.run(change)
    if (next) {
      show(next)
      onSaved?.()
    }
  }

  /** "Saved." beside the button, until the next edit or save. */
  const saved = !!save.result && !save.error
  /** A field's change handler: keep the text, and drop the last save's "Saved." or error, which spoke of the old one. */
  const edit = (set: (value: string) => void) => (value: string) => {
    set(value)
    save.reset()
  }
  return { load, save, onSubmit, saved, edit }
}
