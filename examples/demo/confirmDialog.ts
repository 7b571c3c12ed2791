/**
 * The test wallet's "confirm transaction" window, drawn in the page (a real wallet has its own popup). It shows
 * what is about to be signed — chain, to, value, the function called, and the access list — because the access
 * list is the thing this project is about: the user should see a relay carry it, or see this wallet drop it.
 *
 * Plain DOM in a native <dialog> (top layer, above the widget), independent of the dapp's React tree.
 */
import { formatEther, toFunctionSelector, type Hex } from 'viem'

import type { SignRequestSummary } from './testWallet'

/** Functions the demo sends, so the dialog names them rather than showing a bare selector. */
const KNOWN_FUNCTIONS = [
  'mint(address,uint256)',
  'sendERC20(address,address,uint256,uint256)',
  'sendETH(address,uint256)',
  'relayMessage((address,uint256,uint256,uint256,uint256),bytes)',
  'resendMessage(uint256,uint256,address,address,bytes)',
]
const FUNCTION_NAMES = new Map<string, string>(
  KNOWN_FUNCTIONS.map((signature) => [toFunctionSelector(`function ${signature}`), signature.split('(')[0]!]),
)

export function describeSelector(selector: Hex | undefined): string {
  if (!selector) return 'none (plain transfer)'
  const name = FUNCTION_NAMES.get(selector.toLowerCase())
  return name ? `${name}() · ${selector}` : selector
}

export function createConfirmDialog(walletName: string, chainName: (id: number) => string) {
  return (summary: SignRequestSummary): Promise<boolean> =>
    new Promise((resolve) => {
      const dialog = document.createElement('dialog')
      dialog.className = 'test-wallet-dialog'
      dialog.setAttribute('aria-label', `${walletName}: confirm transaction`)
      const rows: [string, string][] = [
        ['Chain', `${chainName(summary.chainId)} (${summary.chainId})`],
        ['From', summary.from],
        ['To', summary.to ?? '(contract creation)'],
        ['Value', `${formatEther(summary.value)} ETH`],
        [
          'Function',
          `${describeSelector(summary.selector)}${summary.dataBytes ? ` · ${summary.dataBytes} bytes` : ''}`,
        ],
        [
          'Access list',
          summary.accessListEntries === 0
            ? 'none'
            : `${summary.accessListEntries} ${summary.accessListEntries === 1 ? 'entry' : 'entries'}, ${summary.accessListKeys} storage keys`,
        ],
      ]
      const title = document.createElement('h2')
      title.textContent = `${walletName} — confirm transaction`
      const list = document.createElement('dl')
      for (const [label, value] of rows) {
        const dt = document.createElement('dt')
        dt.textContent = label
        const dd = document.createElement('dd')
        dd.textContent = value
        dd.dataset.field = label.toLowerCase().replace(/\s+/g, '-')
        list.append(dt, dd)
      }
      dialog.append(title, list)
      if (summary.droppedAccessListEntries > 0) {
        const warning = document.createElement('p')
        warning.className = 'test-wallet-warning'
        warning.textContent =
          `This wallet drops access lists (like MetaMask): the ${summary.droppedAccessListEntries} ` +
          'entry the dapp asked for will not be signed.'
        dialog.append(warning)
      }
      const actions = document.createElement('div')
      actions.className = 'test-wallet-actions'
      const reject = document.createElement('button')
      reject.type = 'button'
      reject.textContent = 'Reject'
      const confirm = document.createElement('button')
      confirm.type = 'button'
      confirm.className = 'primary'
      confirm.textContent = 'Confirm'
      actions.append(reject, confirm)
      dialog.append(actions)

      const finish = (answer: boolean) => {
        dialog.close()
        dialog.remove()
        resolve(answer)
      }
      reject.addEventListener('click', () => finish(false))
      confirm.addEventListener('click', () => finish(true))
      // Escape closes a modal <dialog> by itself: count it as a rejection.
      dialog.addEventListener('cancel', (event) => {
        event.preventDefault()
        finish(false)
      })
      document.body.append(dialog)
      dialog.showModal()
      confirm.focus()
    })
}
