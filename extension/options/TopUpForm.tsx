/**
 * Topping the relay account up from MetaMask: an amount of ETH and the chain to send it on. An amount that does not
 * read as ETH goes as zero, and the background says why that cannot be sent.
 */
import { useState, type FormEvent } from 'react'
import { parseEther, type Hex } from 'viem'

import type { ChainConfig } from '../../src/core'
import type { Action } from './useAction'

export function TopUpForm({
  chains,
  topUp,
  onSent,
}: {
  chains: readonly ChainConfig[]
  topUp: Action<[chainId: number, wei: bigint], Hex>
  onSent: () => void
}) {
  const [amount, setAmount] = useState('0.01')
  const [chainId, setChainId] = useState<number>()
  const target = chainId ?? chains[0]?.id

  const onTopUp = async (event: FormEvent) => {
    event.preventDefault()
    let wei: bigint
    try {
      wei = parseEther(amount.trim() as `${number}`)
    } catch {
      wei = 0n
    }
    if (target === undefined) return
    if (await topUp.run(target, wei)) onSent()
  }

  return (
    <>
      <h3>Top up from MetaMask</h3>
      <form className="opt-row" onSubmit={onTopUp} aria-label="Top up from MetaMask">
        <input
          type="text"
          inputMode="decimal"
          className="opt-narrow"
          aria-label="Amount in ETH"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
        />
        ETH on
        <select
          aria-label="Chain to top up on"
          value={target}
          onChange={(e) => setChainId(Number(e.target.value))}
        >
          {chains.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <button type="submit" disabled={topUp.busy}>
          {topUp.busy ? 'Confirm in MetaMask…' : 'Send from MetaMask'}
        </button>
      </form>
      {topUp.result && !topUp.error ? (
        <p className="opt-ok" role="status">
          Sent: <span className="opt-mono">{topUp.result}</span>
        </p>
      ) : null}
    </>
  )
}
