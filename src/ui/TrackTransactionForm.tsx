/**
 * "Track a transaction": pick the source chain, paste the hash of the transaction that sent the message(s). The
 * hash is checked to be 32 bytes of hex *before* the tracker is called, so a typo gets an immediate, specific
 * answer instead of an RPC error; whatever the tracker then rejects with is shown verbatim.
 */
import { useId, useState } from 'react'
import type { FormEvent } from 'react'
import type { Hex } from 'viem'

import type { ChainConfig } from '../core/chains/types'
import type { TrackerApi } from '../core/tracker/api'
import type { TrackedMessage } from '../core/model/message'
import { chainName, errorText } from './format'

export type ParsedTransactionHash = { ok: true; hash: Hex } | { ok: false; error: string }

/** Accepts surrounding whitespace and upper-case hex (explorers show both); returns the lower-case hash. */
export function parseTransactionHash(input: string): ParsedTransactionHash {
  const text = input.trim()
  if (text === '') return { ok: false, error: 'Paste the hash of the transaction that sent the message.' }
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
  const [chainId, setChainId] = useState<number | undefined>(chains[0]?.id)
  const [input, setInput] = useState('')
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<Outcome>()
  // The chain list may arrive or change after mount; fall back to the first chain rather than a stale id.
  const selectedChain = chains.find((chain) => chain.id === chainId) ?? chains[0]

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (busy) return
    if (!selectedChain) {
      setOutcome({
        kind: 'error',
        text: 'Add a chain first: there is no chain to look the transaction up on.',
      })
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
      const found = await api.trackTransaction(selectedChain.id, parsed.hash)
      setOutcome({
        kind: 'note',
        text:
          found.length === 0
            ? `This transaction sent no cross-chain message on ${chainName(chains, selectedChain.id)}.`
            : found.length === 1
              ? 'Found 1 message.'
              : `Found ${found.length} messages.`,
      })
      if (found.length > 0) setInput('')
      onTracked?.(found)
    } catch (error) {
      setOutcome({ kind: 'error', text: errorText(error) })
    } finally {
      setBusy(false)
    }
  }

  const invalid = outcome?.kind === 'error'
  return (
    <form className="scr-track" onSubmit={onSubmit} aria-label="Track a transaction" noValidate>
      <div className="scr-track-fields">
        <label className="scr-sr-only" htmlFor={`${id}-chain`}>
          Source chain
        </label>
        <select
          id={`${id}-chain`}
          className="scr-select"
          value={selectedChain?.id ?? ''}
          onChange={(event) => setChainId(Number(event.target.value))}
          disabled={busy || chains.length === 0}
        >
          {chains.map((chain) => (
            <option key={chain.id} value={chain.id}>
              {chain.name}
            </option>
          ))}
        </select>
        <label className="scr-sr-only" htmlFor={`${id}-hash`}>
          Transaction hash
        </label>
        <input
          id={`${id}-hash`}
          className="scr-input"
          placeholder="0x… transaction hash"
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
