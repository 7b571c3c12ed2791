/**
 * The one configuration type of the widget, shared by the React component (as props) and the custom element (as its
 * `config` property). It comes from a host page we do not control, often plain JavaScript, so it is validated at
 * the boundary and every failure names the field — a typo in an RPC URL should read as that, not as a poller error
 * thirty seconds later.
 */
import { check, custom, optional, pipe, strictObject, unknown } from 'valibot'
import { type BaseError, isAddress, type Address, type EIP1193Provider } from 'viem'

import {
  type ChainConfig,
  fieldSchemas,
  parseInput,
  show,
  SuperchainRelayError,
  validateChainConfig,
} from '../src/core'

import { THEME_VARIABLES, type ThemeName, type ThemeVariable } from '../src/ui'

export type { ChainConfig, ThemeName, ThemeVariable }

/** A palette override: any of the documented `--scr-*` variables, e.g. `{ '--scr-accent': '#ff0420' }`. */
export type ThemeVariables = Partial<Record<ThemeVariable, string>>

/** 'light' | 'dark' | 'auto' (follows the system), optionally with variables on top of that palette. */
export type WidgetTheme = ThemeName | { mode?: ThemeName; variables?: ThemeVariables }

export interface SuperchainRelayConfig {
  /** The chains whose messages are tracked and relayed, each with its RPC URL. At least one. */
  chains: ChainConfig[]
  /**
   * The wallet that signs relays, when the host already has one connected (most dapps). Without it the widget
   * discovers wallets with EIP-6963 and shows a picker.
   */
  provider?: EIP1193Provider
  /** Shown in the widget and in errors ("MetaMask dropped the relay's access list…") for `provider`. */
  walletName?: string
  /** Whose messages: split into Outgoing / Incoming and discovered by scanning. Default: the connected account. */
  accounts?: Address[]
  theme?: WidgetTheme
  title?: string
  /**
   * IndexedDB database holding the history, per origin. Two widgets on one origin with different chains should use
   * different names; the default is shared by every widget of the origin.
   */
  storageName?: string
  /** Scan the chains for the accounts' transfers, not only transactions passed to `track`. Default true. */
  discoverAccounts?: boolean
}

export const DEFAULT_STORAGE_NAME = 'superchain-relay-widget'

export class InvalidWidgetConfigError extends SuperchainRelayError {
  override name = 'InvalidWidgetConfigError'
  readonly field: string
  constructor(field: string, problem: string) {
    super(`Invalid Superchain Relay widget config: ${field} ${problem}.`)
    this.field = field
  }
}

const THEME_NAMES: readonly ThemeName[] = ['light', 'dark', 'auto']

export interface ResolvedTheme {
  mode: ThemeName
  variables: ThemeVariables
}

export function resolveTheme(theme: WidgetTheme | undefined): ResolvedTheme {
  if (theme === undefined) return { mode: 'auto', variables: {} }
  if (typeof theme === 'string') return { mode: theme, variables: {} }
  return { mode: theme.mode ?? 'auto', variables: theme.variables ?? {} }
}

function validateTheme(theme: unknown): WidgetTheme | undefined {
  if (theme === undefined) return undefined
  if (typeof theme === 'string') {
    if (!THEME_NAMES.includes(theme as ThemeName)) {
      throw new InvalidWidgetConfigError('theme', `must be 'light', 'dark' or 'auto', got ${show(theme)}`)
    }
    return theme as ThemeName
  }
  if (typeof theme !== 'object' || theme === null || Array.isArray(theme)) {
    throw new InvalidWidgetConfigError(
      'theme',
      `must be a theme name or { mode, variables }, got ${show(theme)}`,
    )
  }
  const { mode, variables } = theme as { mode?: unknown; variables?: unknown }
  if (mode !== undefined && !THEME_NAMES.includes(mode as ThemeName)) {
    throw new InvalidWidgetConfigError('theme.mode', `must be 'light', 'dark' or 'auto', got ${show(mode)}`)
  }
  const out: ThemeVariables = {}
  if (variables !== undefined) {
    if (typeof variables !== 'object' || variables === null || Array.isArray(variables)) {
      throw new InvalidWidgetConfigError('theme.variables', `must be an object, got ${show(variables)}`)
    }
    for (const [name, value] of Object.entries(variables)) {
      // Only the documented variables: anything else would be silently ignored by the stylesheet.
      if (!THEME_VARIABLES.includes(name as ThemeVariable)) {
        throw new InvalidWidgetConfigError(
          `theme.variables[${JSON.stringify(name)}]`,
          `is not a theme variable (known: ${THEME_VARIABLES.join(', ')})`,
        )
      }
      // A value is inserted into a style attribute: refuse what could close the declaration and add others.
      if (typeof value !== 'string' || !value.trim() || /[;{}<>]/.test(value)) {
        throw new InvalidWidgetConfigError(
          `theme.variables[${JSON.stringify(name)}]`,
          `must be a CSS value without ; { } < >, got ${show(value)}`,
        )
      }
      out[name as ThemeVariable] = value.trim()
    }
  }
  return { mode: (mode as ThemeName | undefined) ?? 'auto', variables: out }
}

const MAX_CHAINS = 64
const MAX_ACCOUNTS = 256
const MAX_TEXT = 120
/** Used in IndexedDB and localStorage key names: plain characters, so it cannot collide with our own separators. */
const STORAGE_NAME = /^[A-Za-z0-9._-]{1,64}$/

const boundedText = (what: string) =>
  custom<unknown>(
    (value) => typeof value !== 'string' || value.length <= MAX_TEXT,
    (issue) =>
      `must be at most ${MAX_TEXT} characters (${what}), got ${String((issue.input as string).length)}`,
  )

/**
 * The config's outer shape (valibot): only the documented fields — a misspelt one (`storagename`) would otherwise
 * be silently ignored, and `__proto__` or `constructor` have no business in a config — with sizes bounded. Each
 * field's own rules follow in validateWidgetConfig, with messages made for the person writing the config.
 */
const configShape = pipe(
  custom<Record<string, unknown>>(
    fieldSchemas.isPlainObject,
    (issue) => `must be an object, got ${show(issue.input)}`,
  ),
  strictObject(
    {
      chains: pipe(
        unknown(),
        check((v) => !Array.isArray(v) || v.length <= MAX_CHAINS, `must list at most ${MAX_CHAINS} chains`),
      ),
      provider: optional(unknown()),
      walletName: optional(boundedText('a wallet name')),
      accounts: optional(
        pipe(
          unknown(),
          check(
            (v) => !Array.isArray(v) || v.length <= MAX_ACCOUNTS,
            `must list at most ${MAX_ACCOUNTS} accounts`,
          ),
        ),
      ),
      theme: optional(unknown()),
      title: optional(boundedText('a title')),
      storageName: optional(
        custom<unknown>(
          (v) => typeof v !== 'string' || STORAGE_NAME.test(v.trim()),
          (issue) => `must be 1 to 64 letters, digits, '.', '_' or '-', got ${show(issue.input)}`,
        ),
      ),
      discoverAccounts: optional(unknown()),
    },
    (issue) =>
      issue.expected === 'never'
        ? `is not a widget config field (known: chains, provider, walletName, accounts, theme, title, storageName, discoverAccounts)`
        : `must be an object, got ${show(issue.input)}`,
  ),
)

/** `chains`: a non-empty list of valid chain configs, no id twice. */
function validateChains(input: unknown): ChainConfig[] {
  if (!Array.isArray(input) || input.length === 0) {
    throw new InvalidWidgetConfigError(
      'chains',
      `must be a non-empty array of chain configs, got ${show(input)}`,
    )
  }
  const seen = new Set<number>()
  return input.map((chain: unknown, index: number) => {
    let valid: ChainConfig
    try {
      valid = validateChainConfig(chain)
    } catch (error) {
      throw new InvalidWidgetConfigError(
        `chains[${index}]`,
        `is invalid: ${(error as BaseError).shortMessage}`,
      )
    }
    if (seen.has(valid.id))
      throw new InvalidWidgetConfigError(`chains[${index}].id`, `repeats chain ${valid.id}`)
    seen.add(valid.id)
    return valid
  })
}

/** `provider`: kept as is (an object with behaviour), only checked to be an EIP-1193 provider. */
function validateProvider(input: unknown): EIP1193Provider {
  const provider = input as { request?: unknown } | null
  if (typeof provider !== 'object' || provider === null || typeof provider.request !== 'function') {
    throw new InvalidWidgetConfigError(
      'provider',
      `must be an EIP-1193 provider (an object with request()), got ${show(input)}`,
    )
  }
  return input as EIP1193Provider
}

/** `accounts`: 0x addresses, checksum not required. */
function validateAccounts(input: unknown): Address[] {
  if (!Array.isArray(input)) {
    throw new InvalidWidgetConfigError('accounts', `must be an array of addresses, got ${show(input)}`)
  }
  return input.map((account: unknown, index: number) => {
    if (typeof account !== 'string' || !isAddress(account, { strict: false })) {
      throw new InvalidWidgetConfigError(`accounts[${index}]`, `must be a 0x address, got ${show(account)}`)
    }
    return account as Address
  })
}

/** A text field (`walletName`, `title`, `storageName`): a non-empty string, trimmed. */
function validateText(field: 'walletName' | 'title' | 'storageName', value: unknown): string {
  if (typeof value !== 'string' || !value.trim()) {
    throw new InvalidWidgetConfigError(field, `must be a non-empty string, got ${show(value)}`)
  }
  return value.trim()
}

/**
 * Returns a clean copy of a config from outside the code, or throws `InvalidWidgetConfigError` /
 * `InvalidChainConfigError` (from core, naming the chain field). The provider is kept as is: it is an object
 * with behaviour, only checked to be one.
 */
export function validateWidgetConfig(input: unknown): SuperchainRelayConfig {
  const shape = parseInput(configShape, input)
  if (!shape.ok) throw new InvalidWidgetConfigError(shape.path || 'config', shape.problem)
  const raw = shape.value

  const config: SuperchainRelayConfig = { chains: validateChains(raw.chains) }
  if (raw.provider !== undefined) config.provider = validateProvider(raw.provider)
  if (raw.walletName !== undefined) config.walletName = validateText('walletName', raw.walletName)
  if (raw.accounts !== undefined) config.accounts = validateAccounts(raw.accounts)

  const theme = validateTheme(raw.theme)
  if (theme !== undefined) config.theme = theme

  for (const field of ['title', 'storageName'] as const) {
    if (raw[field] !== undefined) config[field] = validateText(field, raw[field])
  }

  if (raw.discoverAccounts !== undefined) {
    if (typeof raw.discoverAccounts !== 'boolean') {
      throw new InvalidWidgetConfigError(
        'discoverAccounts',
        `must be a boolean, got ${show(raw.discoverAccounts)}`,
      )
    }
    config.discoverAccounts = raw.discoverAccounts
  }

  return config
}
