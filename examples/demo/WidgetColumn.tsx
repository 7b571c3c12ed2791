/**
 * The demo's right-hand column: the embedded widget as a dapp would mount it (one wallet, shared with the page),
 * a theme picker to see it in light, dark or the system's scheme, and the widget's events as they fire.
 */
import { useState, type Ref } from 'react'
import type { Address, EIP1193Provider } from 'viem'

import { SuperchainRelayWidget, type SuperchainRelayHandle } from '../../widget/SuperchainRelayWidget'
import type { ThemeName } from '../../widget/config'
import { WIDGET_CHAINS } from './chains'
import { useWidgetEventLog } from './useWidgetEventLog'

export function WidgetColumn({
  widget,
  provider,
  walletName,
  account,
}: {
  widget: Ref<SuperchainRelayHandle>
  provider: EIP1193Provider | undefined
  walletName: string | undefined
  account: Address | undefined
}) {
  const [theme, setTheme] = useState<ThemeName>('light')
  const { log, callbacks } = useWidgetEventLog()
  return (
    <aside className="widget-column">
      <div className="widget-header">
        <h2>4 · The embedded widget</h2>
        <label className="muted">
          Theme{' '}
          <select value={theme} onChange={(e) => setTheme(e.target.value as ThemeName)}>
            <option value="light">light</option>
            <option value="dark">dark</option>
            <option value="auto">auto</option>
          </select>
        </label>
      </div>
      <SuperchainRelayWidget
        ref={widget}
        chains={WIDGET_CHAINS}
        provider={provider}
        walletName={walletName}
        accounts={account ? [account] : undefined}
        theme={theme}
        title="Your cross-chain transfers"
        {...callbacks}
      />
      <div className="events">
        <h3>Widget events</h3>
        <ol aria-label="Widget events">
          {log.map((line) => (
            <li key={`${line.at}-${line.text}`}>
              <code>{line.text}</code>
            </li>
          ))}
        </ol>
      </div>
    </aside>
  )
}
