/**
 * What of a token's symbol is fit to show: the same rule for a symbol read from the chain (chains/tokenMetadata.ts)
 * and one an imported history file claims (store/historyMessage.ts).
 */

/** Longer symbols are spam or an attempt to smuggle a sentence into our UI ("Claim at evil.xyz"). */
const MAX_SYMBOL_LENGTH = 32

/** Control and bidi-override characters, which can make a symbol read as something else. */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

/** A symbol fit to show, or undefined: for live reads and for symbols an imported file claims alike. */
export function sanitizeSymbol(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined
  const symbol = value.replace(INVISIBLE, '').trim()
  if (!symbol || symbol.length > MAX_SYMBOL_LENGTH) return undefined
  return symbol
}
