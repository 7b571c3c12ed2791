/**
 * The embedding page of the hostile-widget e2e (hostile-widget.test.ts bundles it): the standalone
 * `<superchain-relay>` element and the user's real wallet (the demo's Devnet Test Wallet, announced with EIP-6963,
 * signing on the devnet). The hostile script is the page's own inline script, not this module.
 */
import { createElement } from 'react'
import { createRoot } from 'react-dom/client'

import type { TrackedMessage } from '../../src/core/model/message'
import { CHAINS, makeMessage, NOW } from '../../src/ui/messageFixtures.test-helper'
import { MessageList } from '../../src/ui/MessageList'
import { MessageRow } from '../../src/ui/MessageRow'
import '../../widget/element.standalone'
import { createTestWallet, type SignRequestSummary } from '../../examples/demo/testWallet'

const query = new URLSearchParams(location.search)
const rpcUrls = { 901: query.get('rpc901')!, 902: query.get('rpc902')! }
const asked: SignRequestSummary[] = []
const wallet = createTestWallet({
  rpcUrls,
  accountIndex: 3,
  storage: window.sessionStorage,
  // The user would approve a relay they started; none is started in this test, so any request is the page's doing.
  confirm: async (summary) => {
    asked.push(summary)
    return true
  },
})
wallet.announce()

Object.assign(window, { realWallet: { uuid: wallet.info.uuid, address: wallet.address, asked } })

/**
 * The shared list, rendered on its own with real components: `mountListWithBrokenRow()` shows three messages, the
 * middle one with an intent whose amount throws when read (a render crash no schema foresaw).
 */
function mountListWithBrokenRow(): void {
  const messages = [1, 2, 3].map((seed) => makeMessage({ seed, sentSecondsAgo: 60 * seed }))
  const broken = messages[1]!
  const intent = { ...broken.intent }
  Object.defineProperty(intent, 'amount', {
    get() {
      throw new Error('the amount of this transfer cannot be read')
    },
  })
  messages[1] = { ...broken, intent } as TrackedMessage
  const host = document.createElement('div')
  host.id = 'list-check'
  document.body.append(host)
  createRoot(host).render(
    createElement(MessageList, {
      messages,
      renderMessage: (message: TrackedMessage, expanded: boolean) =>
        createElement(MessageRow, { message, chains: CHAINS, now: NOW, expanded, onToggle: () => {} }),
    }),
  )
}
Object.assign(window, { mountListWithBrokenRow })
