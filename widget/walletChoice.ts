/**
 * Which EIP-6963 wallet the widget may pick by itself (docs/ARCHITECTURE.md §6). Any script on the page can
 * announce a "wallet" with any name, rdns and icon, so an announcement alone is never trusted: the widget picks one
 * only when the user chose that wallet before on this origin *and* its announcement is unchanged — same rdns, same
 * icon, and that icon a data: URI (which, unlike a URL, cannot change behind our back). A second announcement of
 * the same rdns makes the choice ambiguous (one is a copy), so nothing is picked and the user chooses again.
 */
import { keccak256, stringToHex } from 'viem'

export interface Announcement {
  id: string
  rdns?: string
  icon?: string
}

/** What is remembered of a chosen wallet: enough to recognise the same announcement, nothing to sign with. */
export interface RememberedWallet {
  rdns: string
  /** keccak256 of the icon's data: URI (a hash: the URI can be tens of kilobytes). */
  iconHash: string
}

const isDataUri = (icon: string | undefined): icon is string =>
  typeof icon === 'string' && /^data:image\/[a-z0-9.+-]+[;,]/i.test(icon)

/** The record to keep when the user picks `wallet`; none for a wallet without rdns or a data: URI icon. */
export function rememberWallet(wallet: Announcement): RememberedWallet | undefined {
  if (!wallet.rdns || !isDataUri(wallet.icon)) return undefined
  return { rdns: wallet.rdns, iconHash: keccak256(stringToHex(wallet.icon)) }
}

/** Reads the stored record; anything not in its exact shape counts as no choice at all. */
export function readRememberedWallet(text: string | null): RememberedWallet | undefined {
  if (!text) return undefined
  try {
    const value = JSON.parse(text) as unknown
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
    const { rdns, iconHash } = value as Record<string, unknown>
    if (typeof rdns !== 'string' || typeof iconHash !== 'string' || !/^0x[0-9a-f]{64}$/.test(iconHash))
      return undefined
    return Object.keys(value).length === 2 ? { rdns, iconHash } : undefined
  } catch {
    return undefined
  }
}

/** The announcement to select without asking, or undefined: the user picks. */
export function autoSelection(
  announced: readonly Announcement[],
  remembered: RememberedWallet | undefined,
): Announcement | undefined {
  if (!remembered) return undefined
  const same = announced.filter((a) => a.rdns === remembered.rdns)
  if (same.length !== 1) return undefined
  const candidate = same[0]!
  const now = rememberWallet(candidate)
  return now && now.iconHash === remembered.iconHash ? candidate : undefined
}
