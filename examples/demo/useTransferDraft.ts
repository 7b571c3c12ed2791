/**
 * The transfer being written in the send card: amount, asset, source chain and recipient as typed. The destination
 * is the other devnet chain; an empty recipient means the connected account itself.
 */
import { useState } from 'react'
import type { Address } from 'viem'

import { CHAIN_IDS } from './chains'
import type { Asset } from './sendCheck'

export function useTransferDraft(account: Address | undefined) {
  const [amount, setAmount] = useState('10')
  const [asset, setAsset] = useState<Asset>('MOCK')
  const [source, setSource] = useState(CHAIN_IDS[0] ?? 901)
  const [recipient, setRecipient] = useState('')
  const destination = CHAIN_IDS.find((id) => id !== source) ?? source
  const to = (recipient.trim() || account) as Address | undefined
  return { amount, setAmount, asset, setAsset, source, setSource, recipient, setRecipient, destination, to }
}

export type TransferDraft = ReturnType<typeof useTransferDraft>
