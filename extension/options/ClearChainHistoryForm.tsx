/**
 * Clearing one chain's history from the options page, where the chains are managed (the popup offers the same
 * under its list): pick the chain, see how many messages go, confirm. It only stops tracking — nothing on chain
 * changes — and the chain's scan starts over (core's clearChainHistory, docs/ARCHITECTURE.md §5).
 */
import { useEffect, useState } from 'react'

import type { ChainConfig } from '../../src/core'
import { client } from '../shared/connection'
import { ActionErrors } from './ActionErrors'
import { useAction } from './useAction'

const plural = (n: number) => `${n} ${n === 1 ? 'message' : 'messages'}`

export function ClearChainHistoryForm() {
  const [chains, setChains] = useState<ChainConfig[]>([])
  const [chainId, setChainId] = useState<number>()
  const [pending, setPending] = useState<{ chain: ChainConfig; count: number }>()
  const load = useAction(() => client.call('listChains'))
  const count = useAction(async (chain: ChainConfig) => {
    const messages = await client.call('listMessages', { chainId: chain.id })
    setPending({ chain, count: messages.length })
    return messages.length
  })
  const clear = useAction(async (chain: ChainConfig) => {
    const gone = await client.call('clearChainHistory', chain.id)
    setPending(undefined)
    return `Cleared ${plural(gone)} from or to ${chain.name}.`
  })

  useEffect(() => {
    void load.run().then((list) => list && setChains(list))
  }, [])

  const chain = chains.find((c) => c.id === chainId) ?? chains[0]
  if (!chain) return null
  return (
    <div>
      <h3>Clear a chain’s history</h3>
      <p className="opt-hint">
        After restarting a devnet, say. Superchain Relay stops tracking every message from or to the chain and
        scans it again; nothing on chain changes.
      </p>
      <div className="opt-row">
        <select
          aria-label="Chain to clear"
          value={chain.id}
          onChange={(e) => {
            setChainId(Number(e.target.value))
            setPending(undefined)
            clear.reset()
          }}
        >
          {chains.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} ({c.id})
            </option>
          ))}
        </select>
        <button type="button" disabled={count.busy || !!pending} onClick={() => void count.run(chain)}>
          Clear history…
        </button>
      </div>
      {pending ? (
        <div className="opt-confirm" role="group" aria-label={`Clear the history of ${pending.chain.name}`}>
          <p>
            {pending.count === 0
              ? `No message from or to ${pending.chain.name} is tracked; clearing restarts its scan.`
              : `Stop tracking the ${plural(pending.count)} from or to ${pending.chain.name} (chain ${pending.chain.id})? Nothing on chain changes.`}
          </p>
          <div className="opt-row">
            <button
              type="button"
              className="opt-danger"
              disabled={clear.busy}
              autoFocus
              onClick={() => void clear.run(pending.chain)}
            >
              {pending.count === 0 ? 'Clear' : `Clear ${plural(pending.count)}`}
            </button>
            <button type="button" disabled={clear.busy} onClick={() => setPending(undefined)}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
      {clear.result && !clear.error ? (
        <p className="opt-ok" role="status">
          {clear.result}
        </p>
      ) : null}
      <ActionErrors actions={[load, count, clear]} />
    </div>
  )
}
