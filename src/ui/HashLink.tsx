/**
 * A shortened tx hash or address, linked to the chain's explorer when one is known, plain text otherwise (a local
 * devnet has no explorer), with a copy button: the full value is what a user pastes into an explorer or a CLI.
 */
import { getAddress, isAddress } from 'viem'

import { CopyButton } from './CopyButton'
import type { ExplorerUrl } from './format'
import { shortAddress, shortHash } from './format'

export interface HashLinkProps {
  value: string
  chainId: number
  kind: 'tx' | 'address'
  explorerUrl?: ExplorerUrl
  /** Show a copy button beside it. Default true. */
  copy?: boolean
}

export function HashLink({ value, chainId, kind, explorerUrl, copy = true }: HashLinkProps) {
  // Addresses are shown and copied checksummed, as wallets and explorers show them.
  const full = kind === 'address' && isAddress(value, { strict: false }) ? getAddress(value) : value
  const href = explorerUrl?.(chainId, kind, full)
  const text = kind === 'tx' ? shortHash(full) : shortAddress(full)
  return (
    <span className="scr-hash">
      {href ? (
        <a className="scr-mono" href={href} target="_blank" rel="noreferrer noopener" title={full}>
          {text}
        </a>
      ) : (
        <span className="scr-mono" title={full}>
          {text}
        </span>
      )}
      {copy ? <CopyButton value={full} what={kind === 'tx' ? 'transaction hash' : 'address'} /> : null}
    </span>
  )
}
