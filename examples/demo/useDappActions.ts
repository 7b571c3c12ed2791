/**
 * What the demo dapp does with the connected wallet: mint MOCK and send a cross-chain transfer with
 * `@eth-optimism/viem`, then hand the transfer's hash to the widget (`track`). One action at a time: `busy` names the
 * running one, `status` says what happens in words, and every action ends by re-reading the balances (`tick`).
 */
import { sendETH, sendSuperchainERC20 } from '@eth-optimism/viem/actions/interop'
import { useState, type RefObject } from 'react'
import { createWalletClient, custom, parseEther, type Hex } from 'viem'

import type { SuperchainRelayHandle } from '../../widget/SuperchainRelayWidget'
import { CHAINS, chainName, MOCK, mockAbi, publicClients } from './chains'
import { actionErrorText } from './sendCheck'
import type { DappWallet } from './useDappWallet'
import type { TransferDraft } from './useTransferDraft'

export type Status = { tone: 'info' | 'error' | 'ok'; text: string }

export function useDappActions(
  { chosen, provider, account }: DappWallet,
  draft: TransferDraft,
  widget: RefObject<SuperchainRelayHandle | null>,
) {
  const [busy, setBusy] = useState<string>()
  const [status, setStatus] = useState<Status>()
  const [tick, setTick] = useState(0)
  const { amount, asset, source, destination, to } = draft
  const walletName = chosen?.info.name ?? 'your wallet'

  /** A wallet client on `chainId`, switching the wallet there first (writeContract checks the wallet's chain). */
  const walletOn = async (chainId: number) => {
    if (!provider || !account) throw new Error('Connect a wallet first')
    const current = Number(await provider.request({ method: 'eth_chainId' }))
    if (current !== chainId) {
      await provider.request({
        method: 'wallet_switchEthereumChain',
        params: [{ chainId: `0x${chainId.toString(16)}` }],
      })
    }
    return createWalletClient({ account, chain: CHAINS[chainId], transport: custom(provider) })
  }

  const run = async (label: string, action: () => Promise<void>) => {
    setBusy(label)
    setStatus(undefined)
    try {
      await action()
    } catch (error) {
      setStatus({ tone: 'error', text: actionErrorText(error, { asset, chainName: chainName(source) }) })
    } finally {
      setBusy(undefined)
      setTick((n) => n + 1)
    }
  }

  const mint = () =>
    run('mint', async () => {
      const client = await walletOn(source)
      setStatus({ tone: 'info', text: `Confirm the mint in ${walletName}…` })
      const hash = await client.writeContract({
        address: MOCK,
        abi: mockAbi,
        functionName: 'mint',
        args: [account!, parseEther('1000')],
        chain: CHAINS[source],
        account: account!,
      })
      setStatus({ tone: 'info', text: `Minting on ${chainName(source)}…` })
      await publicClients[source]!.waitForTransactionReceipt({ hash })
      setStatus({ tone: 'ok', text: `Minted 1000 MOCK on ${chainName(source)}` })
    })

  const send = () =>
    run('send', async () => {
      const value = parseEther(amount.trim())
      const client = await walletOn(source)
      setStatus({ tone: 'info', text: `Confirm the transfer in ${walletName}…` })
      const common = { chainId: destination, account: account!, chain: CHAINS[source] }
      const hash: Hex =
        asset === 'MOCK'
          ? await sendSuperchainERC20(client, { tokenAddress: MOCK, to: to!, amount: value, ...common })
          : await sendETH(client, { to: to!, value, ...common })
      setStatus({ tone: 'info', text: `Waiting for the transfer on ${chainName(source)}…` })
      await publicClients[source]!.waitForTransactionReceipt({ hash })
      // The host API: one call, and the widget follows the message to the end.
      const found = await widget.current?.track(hash, source)
      setStatus({
        tone: 'ok',
        text: `Sent ${amount} ${asset} ${chainName(source)} → ${chainName(destination)}; the widget tracks ${found?.length ?? 0} message(s) from it.`,
      })
    })

  return { busy, status, setStatus, tick, mint, send }
}
