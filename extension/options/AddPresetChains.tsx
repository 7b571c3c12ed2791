/**
 * Adding a preset's chains in one click (the local devnet, OP Sepolia's interop set…). The host permission is asked
 * for synchronously inside the click: `permissions.request` needs the user gesture.
 */
import { useState } from 'react'

import { PRESET_INFO } from '../../src/core'
import { EXTENSION_PRESETS as PRESETS } from '../shared/devnetChains'
import { requestHostPermission } from './permissions'
import type { AddChains } from './useChainList'

const PRESET_LABELS: Record<string, string> = Object.fromEntries(
  Object.entries(PRESET_INFO).map(([key, info]) => [key, info.label]),
)

export function AddPresetChains({ add }: { add: AddChains }) {
  const [preset, setPreset] = useState('localDevnet')
  const addPreset = () => {
    const configs = PRESETS[preset] ?? []
    void add.run(requestHostPermission(configs.map((c) => c.rpcUrl)), configs)
  }
  return (
    <>
      <h3>Add a preset</h3>
      <div className="opt-row">
        <select aria-label="Preset" value={preset} onChange={(e) => setPreset(e.target.value)}>
          {Object.keys(PRESETS).map((key) => (
            <option key={key} value={key}>
              {PRESET_LABELS[key] ?? key}
            </option>
          ))}
        </select>
        <button type="button" disabled={add.busy} onClick={addPreset}>
          Add preset chains
        </button>
      </div>
    </>
  )
}
