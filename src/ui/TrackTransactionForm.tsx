/**
 * "Track a transaction": paste the hash of the transaction that sent the message(s); every configured chain is
 * searched (trackEverywhere.ts). The hash is checked to be 32 bytes of hex *before* anything is asked, so a typo
 * gets an immediate, specific answer instead of an RPC error.
 */
import { useId, useState } from 'react'
import type { FormEvent } from 'react'
import type { Hex } from 'viem'

import type { ChainConfig } from '../core/chains/types'
import type { TrackerApi } from '../core/tracker/api'
import type { TrackedMessage } from '../core/model/message'
import { trackOnEveryChain, trackOutcomeText } from './trackEverywhere'

export type ParsedTransactionHash = { ok: true; hash: Hex } | { ok: false; error: string }

/** Accepts surrounding whitespace and upper-case hex (explorers show both); returns the lower-case hash. */
export function parseTransactionHash(input: string): ParsedTransactionHash {
  const text = input.trim()
  if (text === '') return { ok: false, error: 'Paste the hash of the transaction that sent the transfer.' }
  if (!/^0x/i.test(text)) return { ok: false, error: 'A transaction hash starts with 0x.' }
  const digits = text.slice(2)
  if (!/^[0-9a-fA-F]*$/.test(digits))
    return { ok: false, error: 'A transaction hash contains only hex digits (0-9, a-f).' }
  if (digits.length !== 64) {
    return {
      ok: false,
      error: `A transaction hash has 64 hex digits (32 bytes); this one has ${digits.length}.`,
    }
  }
  return { ok: true, hash: `0x${digits.toLowerCase()}` }
}

export interface TrackTransactionFormProps {
  api: TrackerApi
  chains: readonly ChainConfig[]
  /** Called with what the tracker found (possibly nothing), so the app can show and open it. */
  onTracked?: (messages: TrackedMessage[]) => void
}

type Outcome = { kind: 'error'; text: string } | { kind: 'note'; text: string } | undefined

export function TrackTransactionForm({ api, chains, onTracked }: TrackTransactionFormProps) {
  const id = useId()
  const [input, setInput] = useState('')
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<Outcome>()

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (busy) return
    if (chains.length === 0) {
      setOutcome({ kind: 'error', text: 'Add a chain first: there is nowhere to look the transaction up.' })
      return
    }
    const parsed = parseTransactionHash(input)
    if (!parsed.ok) {
      setOutcome({ kind: 'error', text: parsed.error })
      return
    }
    setBusy(true)
    setOutcome(undefined)
    try {
      const result = await trackOnEveryChain(api, chains, parsed.hash)
      const text = trackOutcomeText(result, chains)
      setOutcome({ kind: result.kind === 'found' || result.kind === 'pending' ? 'note' : 'error', text })
      if (result.kind === 'found' || result.kind === 'pending') setInput('')
      onTracked?.(result.kind === 'found' ? result.messages : [])
    } finally {
      setBusy(false)
    }
  }

  const invalid = outcome?.kind === 'error'
  return (
    <form className="scr-track" onSubmit={onSubmit} aria-label="Track a transaction" noValidate>
      <div className="scr-track-fields">
        <label className="scr-sr-only" htmlFor={`${id}-hash`}>
          Transaction hash
        </label>
        <input
          id={`${id}-hash`}
          className="scr-input"
          placeholder="0x… transaction hash, on any chain"
          spellCheck={false}
          autoComplete="off"
          autoFocus
          value={input}
          onChange={(event) => {
            setInput(event.target.value)
            if (outcome?.kind === 'error') setOutcome(undefined)
          }}
          aria-invalid={invalid}
          aria-describedby={outcome ? `${id}-outcome` : undefined}
          disabled={busy}
        />
        <button type="submit" className="scr-button scr-button-primary" disabled={busy}>
          {busy ? 'Looking…' : 'Track'}
        </button>
      </div>
      {outcome ? (
        <p
          id={`${id}-outcome`}
          className={outcome.kind === 'error' ? 'scr-field-error' : 'scr-field-note'}
          role={outcome.kind === 'error' ? 'alert' : 'status'}
        >
          {outcome.text}
        </p>
      ) : null}
    </form>
  )
}
