/**
 * A shortened tx hash or address, linked to the chain's explorer when one is known, plain text otherwise (a local
 * devnet has no explorer). The full value is always in the title, for hovering and copying.
 */
import type { ExplorerUrl } from './format'
import { shortAddress, shortHash } from './format'

export interface HashLinkProps {
  value: string
  chainId: number
  kind: 'tx' | 'address'
  explorerUrl?: ExplorerUrl
}

export function HashLink({ value, chainId, kind, explorerUrl }: HashLinkProps) {
  const href = explorerUrl?.(chainId, kind, value)
  const text = kind === 'tx' ? shortHash(value) : shortAddress(value)
  if (!href) {
    return (
      <span className="scr-mono" title={value}>
        {text}
      </span>
    )
  }
  return (
    <a className="scr-mono" href={href} target="_blank" rel="noreferrer noopener" title={value}>
      {text}
    </a>
  )
}
