/**
 * Step 3 of the demo: the cross-chain transfer form — amount, MOCK or ETH, from which chain (to the other), to whom —
 * and its Send button, which stays off while the transfer could not succeed and says why underneath.
 */
import type { Address } from 'viem'

import { CHAIN_IDS, chainName } from './chains'
import type { Asset } from './sendCheck'
import type { TransferDraft } from './useTransferDraft'

export function SendCard({
  draft,
  account,
  problem,
  busy,
  onSend,
}: {
  draft: TransferDraft
  account: Address | undefined
  /** Why the transfer cannot be sent now, in one sentence. */
  problem: string | undefined
  /** Which action is running, if any. */
  busy: string | undefined
  onSend: () => void
}) {
  const { amount, asset, source, destination } = draft
  return (
    <div className="card" aria-labelledby="send-title">
      <h2 id="send-title">3 · Send across chains</h2>
      <div className="form">
        <label>
          Amount
          <input value={amount} inputMode="decimal" onChange={(e) => draft.setAmount(e.target.value)} />
        </label>
        <label>
          Asset
          <select value={asset} onChange={(e) => draft.setAsset(e.target.value as Asset)}>
            <option value="MOCK">MOCK</option>
            <option value="ETH">ETH</option>
          </select>
        </label>
        <label>
          From
          <select value={source} onChange={(e) => draft.setSource(Number(e.target.value))}>
            {CHAIN_IDS.map((id) => (
              <option key={id} value={id}>
                {chainName(id)}
              </option>
            ))}
          </select>
        </label>
        <p className="route">→ {chainName(destination)}</p>
        <label className="wide">
          Recipient
          <input
            value={draft.recipient}
            placeholder={account ?? 'your account'}
            spellCheck={false}
            onChange={(e) => draft.setRecipient(e.target.value)}
          />
        </label>
      </div>
      <button
        type="button"
        className="primary"
        disabled={!!problem || !!busy}
        aria-describedby={problem ? 'send-problem' : undefined}
        onClick={onSend}
      >
        {busy === 'send' ? 'Sending…' : `Send ${amount || '0'} ${asset} to ${chainName(destination)}`}
      </button>
      {problem ? (
        <p id="send-problem" className="muted small hint">
          {problem}
        </p>
      ) : null}
    </div>
  )
}
