/**
 * The strip above the messages saying who signs relays: the host's wallet, or a picker over the wallets EIP-6963
 * discovered, with Connect. Relaying also connects on demand, so the bar is information first, a control second.
 */
import { type ChainConfig } from '../src/core'
import { chainName, shortAddress } from '../src/ui'
import type { WalletController, WalletState } from './wallet'

export interface WalletBarProps {
  state: WalletState
  controller: WalletController
  chains: readonly ChainConfig[]
  /** The host passed its own provider: no picker. */
  fixed: boolean
}

export function WalletBar({ state, controller, chains, fixed }: WalletBarProps) {
  const selected = state.options.find((o) => o.id === state.selectedId)
  const account = state.accounts[0]
  return (
    <div className="scrw-wallet" role="group" aria-label="Wallet">
      <span className="scrw-wallet-label">Relays signed by</span>
      {fixed || state.options.length <= 1 ? (
        <span className="scrw-wallet-name">
          {selected?.icon ? <img className="scrw-wallet-icon" src={selected.icon} alt="" /> : null}
          {selected?.name ?? 'no wallet found'}
        </span>
      ) : (
        <select
          className="scrw-wallet-select"
          aria-label="Wallet"
          value={state.selectedId ?? ''}
          onChange={(event) => controller.select(event.target.value)}
        >
          {state.selectedId ? null : (
            <option value="" disabled>
              Choose a wallet…
            </option>
          )}
          {state.options.map((option) => (
            <option key={option.id} value={option.id}>
              {option.name}
            </option>
          ))}
        </select>
      )}
      {account ? (
        <span>
          <span className="scrw-wallet-account" title={account}>
            {shortAddress(account)}
          </span>
          {state.chainId ? (
            <span className="scrw-wallet-label"> on {chainName(chains, state.chainId)}</span>
          ) : null}
        </span>
      ) : null}
      <span className="scrw-spacer" />
      {selected && state.status !== 'connected' ? (
        <button
          type="button"
          className="scrw-button"
          disabled={state.status === 'connecting'}
          onClick={() => void controller.connect()}
        >
          {state.status === 'connecting' ? 'Connecting…' : 'Connect'}
        </button>
      ) : null}
      {state.options.length === 0 && !fixed ? (
        <p className="scrw-warning">No browser wallet found. Install one to relay from here.</p>
      ) : null}
      {state.dropsAccessList ? (
        <p className="scrw-warning">
          {selected?.name ?? 'This wallet'} drops the access list a relay needs: relay with the CLI or the
          extension instead (the Relay dialog shows how).
        </p>
      ) : null}
      {state.error ? (
        <p className="scrw-error" role="alert">
          {state.error}
        </p>
      ) : null}
    </div>
  )
}
