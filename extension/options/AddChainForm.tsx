/**
 * Adding a custom chain — which is also how a preset's URL is edited: a chain with the same id replaces it. The
 * fields are checked at once with core's validateChainConfig, the field at fault marked; the background checks them
 * again and asks the RPC which chain it serves (verifyRpc) before saving.
 */
import { useState, type FormEvent } from 'react'

import { type ChainConfig, validateChainConfig } from '../../src/core'
import { errorText } from '../../src/ui'
import { requestHostPermission } from './permissions'
import type { AddChains } from './useChainList'

interface Draft {
  id: string
  name: string
  rpcUrl: string
  explorerUrl: string
}

const EMPTY: Draft = { id: '', name: '', rpcUrl: '', explorerUrl: '' }

/** Each field: its label, its element id, and how it looks (URLs in monospace, a hint of what goes there). */
const FIELDS: { field: keyof Draft; id: string; label: string; mono?: boolean; placeholder?: string }[] = [
  { field: 'id', id: 'chain-id', label: 'Chain id' },
  { field: 'name', id: 'chain-name', label: 'Name' },
  { field: 'rpcUrl', id: 'chain-rpc', label: 'RPC URL', mono: true, placeholder: 'https://… or wss://…' },
  { field: 'explorerUrl', id: 'chain-explorer', label: 'Explorer URL', mono: true, placeholder: 'optional' },
]

/** The draft as a checked config, or the field at fault and what is wrong with it. */
function checkDraft(draft: Draft): { config: ChainConfig } | { field: string; text: string } {
  try {
    return {
      config: validateChainConfig({
        id: draft.id.trim() === '' ? undefined : Number(draft.id),
        name: draft.name,
        rpcUrl: draft.rpcUrl,
        ...(draft.explorerUrl.trim() ? { explorerUrl: draft.explorerUrl } : {}),
      }),
    }
  } catch (error) {
    return { field: (error as { field?: string }).field ?? '', text: errorText(error) }
  }
}

export function AddChainForm({ add }: { add: AddChains }) {
  const [draft, setDraft] = useState<Draft>(EMPTY)
  const [fieldError, setFieldError] = useState<{ field: string; text: string }>()

  const addCustom = (event: FormEvent) => {
    event.preventDefault()
    setFieldError(undefined)
    add.reset()
    const checked = checkDraft(draft)
    if (!('config' in checked)) return setFieldError(checked)
    void add.run(requestHostPermission([checked.config.rpcUrl]), [checked.config]).then((list) => {
      if (list) setDraft(EMPTY)
    })
  }

  return (
    <>
      <h3>Add a chain</h3>
      <form onSubmit={addCustom} aria-label="Add a chain">
        <div className="opt-grid">
          {FIELDS.map(({ field, id, label, mono, placeholder }) => [
            <label key={`${id}-label`} htmlFor={id}>
              {label}
            </label>,
            <input
              key={id}
              id={id}
              type="text"
              inputMode={field === 'id' ? 'numeric' : undefined}
              className={mono ? 'opt-mono' : undefined}
              placeholder={placeholder}
              value={draft[field]}
              onChange={(e) => {
                setDraft((d) => ({ ...d, [field]: e.target.value }))
                setFieldError(undefined)
              }}
              aria-invalid={fieldError?.field === field ? true : undefined}
            />,
          ])}
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
    </>
  )
}
