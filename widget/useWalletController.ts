/**
 * The widget's wallet for one mount: recreated only when the host swaps its provider, wallet name or storage name,
 * destroyed on unmount. The session signs through `walletRef`, which always holds the live controller.
 */
import { useEffect, useRef, useState, useSyncExternalStore } from 'react'

import { DEFAULT_STORAGE_NAME, type SuperchainRelayConfig } from './config'
import { createWalletController, NO_WALLET, type WalletController } from './wallet'

const noopSubscribe = () => () => {}

export function useWalletController(config: SuperchainRelayConfig | undefined) {
  const [wallet, setWallet] = useState<WalletController>()
  const walletRef = useRef<WalletController | undefined>(undefined)
  useEffect(() => {
    if (!config) return
    const controller = createWalletController({
      provider: config.provider,
      walletName: config.walletName,
      namespace: config.storageName ?? DEFAULT_STORAGE_NAME,
    })
    walletRef.current = controller
    setWallet(controller)
    return () => {
      controller.destroy()
      if (walletRef.current === controller) walletRef.current = undefined
    }
  }, [config?.provider, config?.walletName, config?.storageName, !!config])
  const walletState = useSyncExternalStore(
    wallet?.subscribe ?? noopSubscribe,
    wallet?.getState ?? (() => NO_WALLET),
  )
  return { wallet, walletRef, walletState }
}
