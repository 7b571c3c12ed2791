/**
 * The configured chains, one line each: name and id, the RPC URL the extension reads (so a wrong one is seen at a
 * glance), whether interop is active there, and Remove.
 */
import type { ChainConfig, ChainReadiness } from '../../src/core'
import type { Action } from './useAction'

export function ChainList({
  chains,
  readiness,
  remove,
}: {
  chains: readonly ChainConfig[]
  readiness: Record<number, ChainReadiness>
  remove: Action<[id: number], unknown>
}) {
  return (
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
                <span className="opt-muted" data-interop={readiness[chain.id]!.readiness?.state ?? 'unknown'}>
                  {readiness[chain.id]!.sentence}
                </span>
              </>
            ) : null}
          </span>
          <button
            type="button"
            className="opt-small"
            disabled={remove.busy}
            onClick={() => void remove.run(chain.id)}
          >
            Remove
          </button>
        </li>
      ))}
    </ul>
  )
}
