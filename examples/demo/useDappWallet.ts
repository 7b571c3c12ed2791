/**
 * The one wallet state of the demo: which wallet the dapp uses and its account, whoever connected it. The dapp's
 * own buttons connect a wallet; so does the widget's Connect (before the dapp has one). Wallets say when a site got
 * accounts (`accountsChanged`), so the dapp listens to every announced wallet and adopts the one that connects —
 * then hands that same provider to the widget, and both show the same wallet and account.
 */
import type { EIP6963ProviderDetail } from 'mipd'
import { useEffect, useState } from 'react'
import type { Address, EIP1193Provider } from 'viem'

const CHOSEN_WALLET = 'scr-demo:wallet'

export interface DappWallet {
  chosen?: EIP6963ProviderDetail
  provider?: EIP1193Provider
  account?: Address
  chainId?: number
  connect(detail: EIP6963ProviderDetail): Promise<void>
}

type Listener = (...args: never[]) => void
type ListeningProvider = EIP1193Provider & {
  on?: (event: string, listener: Listener) => void
  removeListener?: (event: string, listener: Listener) => void
}

export function useDappWallet(details: readonly EIP6963ProviderDetail[]): DappWallet {
  const [chosen, setChosen] = useState<EIP6963ProviderDetail>()
  const [account, setAccount] = useState<Address>()
  const [chainId, setChainId] = useState<number>()

  const adopt = (detail: EIP6963ProviderDetail, accounts: readonly Address[]) => {
    if (!accounts[0]) return
    setChosen(detail)
    setAccount(accounts[0])
    sessionStorage.setItem(CHOSEN_WALLET, detail.info.rdns)
  }

  // Reconnect silently to the wallet used earlier in this tab (eth_accounts does not prompt).
  useEffect(() => {
    if (chosen) return
    const previous = details.find((d) => d.info.rdns === sessionStorage.getItem(CHOSEN_WALLET))
    if (!previous) return
    void (previous.provider as EIP1193Provider)
      .request({ method: 'eth_accounts' })
      .then((accounts) => adopt(previous, accounts))
  }, [details, chosen])

  // Any wallet that connects (through the widget, say) becomes the dapp's while it has none; the chosen one's
  // account and chain changes are followed.
  useEffect(() => {
    const offs = details.map((detail) => {
      const provider = detail.provider as ListeningProvider
      const onAccounts = (accounts: Address[]) => {
        if (detail.info.uuid === chosen?.info.uuid) setAccount(accounts[0])
        else if (!chosen) adopt(detail, accounts)
      }
      const onChain = (id: string) => {
        if (detail.info.uuid === chosen?.info.uuid) setChainId(Number(id))
      }
      provider.on?.('accountsChanged', onAccounts as Listener)
      provider.on?.('chainChanged', onChain as Listener)
      return () => {
        provider.removeListener?.('accountsChanged', onAccounts as Listener)
        provider.removeListener?.('chainChanged', onChain as Listener)
      }
    })
    return () => offs.forEach((off) => off())
  }, [details, chosen])

  useEffect(() => {
    if (!chosen) return
    void (chosen.provider as EIP1193Provider)
      .request({ method: 'eth_chainId' })
      .then((id) => setChainId(Number(id)))
  }, [chosen])

  return {
    chosen,
    provider: chosen?.provider as EIP1193Provider | undefined,
    account,
    chainId,
    async connect(detail) {
      const accounts = await (detail.provider as EIP1193Provider).request({ method: 'eth_requestAccounts' })
      adopt(detail, accounts)
    },
  }
}
