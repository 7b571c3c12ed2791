/** The options page: every setting the extension has, one section each. */
import { ChainNotices } from '../../src/ui'
import { trackerApi } from '../shared/connection'
import { AccountsSection } from './AccountsSection'
import { ChainsSection } from './ChainsSection'
import { HistorySection } from './HistorySection'
import { PolicySection } from './PolicySection'
import { RelayAccountSection } from './RelayAccountSection'
import { OPTIONS_CSS } from './styles'

export function OptionsApp() {
  return (
    <main className="opt">
      <style>{OPTIONS_CSS}</style>
      <header className="opt-header">
        <img src="/icons/icon-128.png" alt="" />
        <h1>Superchain Relay</h1>
      </header>
      <AccountsSection />
      <ChainNotices api={trackerApi} inset={false} />
      <ChainsSection />
      <RelayAccountSection />
      <PolicySection />
      <HistorySection />
    </main>
  )
}
