/**
 * Chains and their RPC URLs: presets in one click, or a custom chain (which is also how a preset's URL is edited:
 * a chain with the same id replaces it). The form checks the fields at once with core's validateChainConfig; the
 * background checks them again and asks the RPC which chain it serves (verifyRpc) before saving.
 */
import { useEffect, useState, type FormEvent } from 'react'

import { type ChainConfig, type ChainReadiness, PRESET_INFO, validateChainConfig } from '../../src/core'

import { errorText } from '../../src/ui'
import { client } from '../shared/connection'
import { EXTENSION_PRESETS as PRESETS } from '../shared/devnetChains'
import { requestHostPermission } from './permissions'
import { ActionErrors } from './ActionErrors'
import { useAction } from './useAction'

const PRESET_LABELS: Record<string, string> = Object.fromEntries(
  Object.entries(PRESET_INFO).map(([key, info]) => [key, info.label]),
)

interface Draft {
  id: string
  name: string
  rpcUrl: string
  explorerUrl: string
}

const EMPTY: Draft = { id: '', name: '', rpcUrl: '', explorerUrl: '' }

export function ChainsSection() {
  const [chains, setChains] = useState<ChainConfig[]>([])
  const [preset, setPreset] = useState('localDevnet')
  const [draft, setDraft] = useState<Draft>(EMPTY)
  const [fieldError, setFieldError] = useState<{ field: string; text: string }>()
  // Whether interop is active on each chain, in one sentence ("interop is not active on OP Sepolia yet").
  const [readiness, setReadiness] = useState<Record<number, ChainReadiness>>({})
  const readReadiness = () =>
    void client.call('chainReadiness').then(
      (list) => setReadiness(Object.fromEntries(list.map((r) => [r.chainId, r]))),
      () => {},
    )
  const load = useAction(() => client.call('listChains'))
  const remove = useAction((id: number) => client.call('removeChain', id))
  const add = useAction(async (permission: Promise<void>, configs: ChainConfig[]) => {
    await permission
    let list = chains
    const failures: string[] = []
    // One by one, so a preset with one dead RPC still adds the others, and the error names the one that failed.
    for (const config of configs) {
      try {
        list = await client.call('addChain', config)
      } catch (error) {
        failures.push(errorText(error))
      }
    }
    setChains(list)
    readReadiness()
    if (failures.length) throw new Error(failures.join('\n'))
    return list
  })

  useEffect(() => {
    void load.run().then((list) => list && setChains(list))
    readReadiness()
  }, [])

  const addPreset = () => {
    const configs = PRESETS[preset] ?? []
    // Synchronously, inside the click: permissions.request needs the user gesture.
    void add.run(requestHostPermission(configs.map((c) => c.rpcUrl)), configs)
  }

  const addCustom = (event: FormEvent) => {
    event.preventDefault()
    setFieldError(undefined)
    add.reset()
    let config: ChainConfig
    try {
      config = validateChainConfig({
        id: draft.id.trim() === '' ? undefined : Number(draft.id),
        name: draft.name,
        rpcUrl: draft.rpcUrl,
        ...(draft.explorerUrl.trim() ? { explorerUrl: draft.explorerUrl } : {}),
      })
    } catch (error) {
      const field = (error as { field?: string }).field ?? ''
      setFieldError({ field, text: errorText(error) })
      return
    }
    void add.run(requestHostPermission([config.rpcUrl]), [config]).then((list) => {
      if (list) setDraft(EMPTY)
    })
  }

  const invalid = (field: string) => (fieldError?.field === field ? true : undefined)
  const edit = (field: keyof Draft) => (e: { target: { value: string } }) => {
    setDraft((d) => ({ ...d, [field]: e.target.value }))
    setFieldError(undefined)
  }

  return (
    <section className="opt-section" aria-labelledby="chains-title">
      <h2 id="chains-title">Chains</h2>
      <p className="opt-hint">
        Where messages are read and relayed. Adding a chain with an id already listed replaces its RPC URL.
      </p>
      <ul className="opt-list" aria-label="Chains">
        {chains.length === 0 ? <li className="opt-empty">No chain configured.</li> : null}
        {chains.map((chain) => (
          <li key={chain.id} data-chain-id={chain.id}>
            <span className="opt-grow">
              <strong>{chain.name}</strong> <span className="opt-muted">({chain.id})</span>
              <br />
              <span className="opt-mono opt-muted">{chain.rpcUrl}</span>
              {readiness[chain.id] ? (
                <>
                  <br />
                  <span
                    className="opt-muted"
                    data-interop={readiness[chain.id]!.readiness?.state ?? 'unknown'}
                  >
                    {readiness[chain.id]!.sentence}
                  </span>
                </>
              ) : null}
            </span>
            <button
              type="button"
              className="opt-small"
              disabled={remove.busy}
              onClick={async () => {
                const list = await remove.run(chain.id)
                if (list) setChains(list)
              }}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>

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

      <h3>Add a chain</h3>
      <form onSubmit={addCustom} aria-label="Add a chain">
        <div className="opt-grid">
          <label htmlFor="chain-id">Chain id</label>
          <input
            id="chain-id"
            type="text"
            inputMode="numeric"
            value={draft.id}
            onChange={edit('id')}
            aria-invalid={invalid('id')}
          />
          <label htmlFor="chain-name">Name</label>
          <input
            id="chain-name"
            type="text"
            value={draft.name}
            onChange={edit('name')}
            aria-invalid={invalid('name')}
          />
          <label htmlFor="chain-rpc">RPC URL</label>
          <input
            id="chain-rpc"
            type="text"
            className="opt-mono"
            placeholder="https://… or wss://…"
            value={draft.rpcUrl}
            onChange={edit('rpcUrl')}
            aria-invalid={invalid('rpcUrl')}
          />
          <label htmlFor="chain-explorer">Explorer URL</label>
          <input
            id="chain-explorer"
            type="text"
            className="opt-mono"
            placeholder="optional"
            value={draft.explorerUrl}
            onChange={edit('explorerUrl')}
            aria-invalid={invalid('explorerUrl')}
          />
        </div>
        <div className="opt-row">
          <button type="submit" className="opt-primary" disabled={add.busy}>
            {add.busy ? 'Checking the RPC…' : 'Add chain'}
          </button>
        </div>
      </form>
      {fieldError ? (
        <p className="opt-error" role="alert">
          {fieldError.text}
        </p>
      ) : null}
      <ActionErrors actions={[add, remove, load]} />
    </section>
  )
}
