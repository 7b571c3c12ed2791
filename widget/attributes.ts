/**
 * `<superchain-relay>`'s attributes, read into its config: what a plain HTML page can set. Pure, so the bad-input
 * corpus (test/security) runs every hostile attribute through it without a DOM. An attribute that cannot be read is
 * dropped from the config and reported (the element dispatches the error); validateWidgetConfig then judges the
 * whole config, naming the field.
 */
import type { SuperchainRelayConfig } from './config'

/** Attributes a plain HTML page can use; anything richer (a provider) goes through the `config` property. */
export const ATTRIBUTE_KEYS = {
  chains: 'chains',
  accounts: 'accounts',
  theme: 'theme',
  // Not 'title': that global attribute would also show as a tooltip over the whole widget.
  'widget-title': 'title',
  'storage-name': 'storageName',
  'wallet-name': 'walletName',
} as const satisfies Record<string, keyof SuperchainRelayConfig>

export type AttributeName = keyof typeof ATTRIBUTE_KEYS
export const ATTRIBUTES = Object.keys(ATTRIBUTE_KEYS) as AttributeName[]

/** An attribute is capped: a page cannot make us parse megabytes from markup. */
export const MAX_ATTRIBUTE_LENGTH = 64 * 1024

/** The config after `name` was set to `value` (null: removed), and the problem with it, if any. */
export function withAttribute(
  config: Partial<SuperchainRelayConfig>,
  name: AttributeName,
  value: string | null,
): { config: Partial<SuperchainRelayConfig>; error?: Error } {
  const key: string = ATTRIBUTE_KEYS[name]
  const next = { ...config } as Record<string, unknown>
  delete next[key]
  if (value === null) return { config: next }
  if (value.length > MAX_ATTRIBUTE_LENGTH) {
    return {
      config: next,
      error: new Error(
        `the ${name} attribute is too long (${value.length} characters; at most ${MAX_ATTRIBUTE_LENGTH})`,
      ),
    }
  }
  if (key === 'chains') {
    try {
      next.chains = JSON.parse(value) as unknown
    } catch (error) {
      return {
        config: next,
        error: new Error(`the chains attribute is not JSON: ${(error as Error).message}`),
      }
    }
  } else if (key === 'accounts') next.accounts = value.split(/[\s,]+/).filter(Boolean)
  else next[key] = value
  return { config: next }
}
