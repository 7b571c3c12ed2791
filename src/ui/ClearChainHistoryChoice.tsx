/**
 * The body of the clear-history dialog: which chain (each with how many messages go), what clearing it means in
 * words — nothing on chain changes, the scan starts again and brings back what still exists — and a warning when
 * some of those messages are being relayed right now.
 */
import type { ChainHistoryCount } from './removal'
import { messageCount } from './removal'

export function ClearChainHistoryChoice({
  counts,
  selected,
  selectId,
  textId,
  disabled,
  onPick,
}: {
  counts: readonly ChainHistoryCount[]
  selected: ChainHistoryCount
  selectId: string
  /** The id of the explanation, which describes the dialog. */
  textId: string
  disabled: boolean
  onPick: (chainId: number) => void
}) {
  return (
    <>
      <div className="scr-clear-field">
        <label htmlFor={selectId}>Chain</label>
        <select
          id={selectId}
          className="scr-select"
          value={selected.chainId}
          disabled={disabled}
          onChange={(event) => onPick(Number(event.target.value))}
        >
          {counts.map((c) => (
            <option key={c.chainId} value={c.chainId}>
              {c.name} ({c.chainId}) · {messageCount(c.count)}
            </option>
          ))}
        </select>
      </div>
      <div className="scr-callout" id={textId}>
        <p className="scr-callout-text">
          <strong>
            Superchain Relay stops tracking the {messageCount(selected.count)} from or to {selected.name}{' '}
            (chain {selected.chainId}); nothing on chain changes.
          </strong>
        </p>
        <p className="scr-callout-text">
          The chain is scanned again for your watched accounts, so their recent transfers that still exist on
          it come back; any other comes back when you track its transaction.
        </p>
      </div>
      {selected.relaying > 0 ? (
        <p className="scr-callout scr-callout-warning" role="status">
          {selected.relaying === 1 ? '1 of them is' : `${selected.relaying} of them are`} being relayed right
          now: the relay goes on, but nothing here will follow it.
        </p>
      ) : null}
    </>
  )
}
