/**
 * The embedding page of the hostile-widget e2e (hostile-widget.test.ts bundles it): the standalone
 * `<superchain-relay>` element and the user's real wallet (the demo's Devnet Test Wallet, announced with EIP-6963,
 * signing on the devnet). The hostile script is the page's own inline script, not this module.
 */
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
