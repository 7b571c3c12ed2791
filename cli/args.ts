/**
 * The command line, parsed and validated before anything touches the network or the state file: a typo should cost
 * milliseconds and say exactly which argument is wrong. Nothing here imports viem at run time (only types), so the
 * usage errors stay fast even though the CLI runs through tsx.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util'

import type { Address, Hex } from 'viem'

import { UsageError } from './exit'

export const COMMANDS = ['track', 'status', 'watch', 'relay', 'chains', 'forget', 'clear'] as const
export type CommandName = (typeof COMMANDS)[number]

/** The env var the relay key comes from. Never a flag: argv ends up in shell history and `ps` output. */
export const PRIVATE_KEY_ENV = 'SUPERCHAIN_RELAY_PRIVATE_KEY'
export const STATE_ENV = 'SUPERCHAIN_RELAY_STATE'

export interface RpcOverride {
  id: number
  rpcUrl: string
}

export interface GlobalOptions {
  rpc: RpcOverride[]
  json: boolean
  /** From --state; the env var and the default are applied where the store is opened. */
  state?: string
}

export interface TrackArgs {
  chainId: number
  transactionHash: Hex
}
export interface StatusArgs {
  messageHash?: Hex
}
export interface WatchArgs {
  /** Empty: watch the accounts remembered in the state file. */
  accounts: Address[]
  intervalMs: number
  once: boolean
}
export interface RelayArgs {
  messageHash: Hex
  yes: boolean
  dryRun: boolean
  /** How long to wait for the message to become relayable, and then for the relay to be seen on chain. */
  timeoutMs: number
}
export interface ChainsArgs {
  check: boolean
}
export interface ForgetArgs {
  messageHash: Hex
}
export interface ClearArgs {
  chainId: number
  yes: boolean
}

export type CommandLine =
  | { kind: 'help'; command?: CommandName }
  | { kind: 'run'; command: 'track'; global: GlobalOptions; args: TrackArgs }
  | { kind: 'run'; command: 'status'; global: GlobalOptions; args: StatusArgs }
  | { kind: 'run'; command: 'watch'; global: GlobalOptions; args: WatchArgs }
  | { kind: 'run'; command: 'relay'; global: GlobalOptions; args: RelayArgs }
  | { kind: 'run'; command: 'chains'; global: GlobalOptions; args: ChainsArgs }
  | { kind: 'run'; command: 'forget'; global: GlobalOptions; args: ForgetArgs }
  | { kind: 'run'; command: 'clear'; global: GlobalOptions; args: ClearArgs }

type Options = NonNullable<ParseArgsConfig['options']>

const GLOBAL_OPTIONS = {
  rpc: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  state: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options

const COMMAND_OPTIONS = {
  track: { chain: { type: 'string' }, tx: { type: 'string' } },
  status: {},
  watch: {
    account: { type: 'string', multiple: true },
    interval: { type: 'string' },
    once: { type: 'boolean' },
  },
  relay: {
    yes: { type: 'boolean', short: 'y' },
    'dry-run': { type: 'boolean' },
    timeout: { type: 'string' },
  },
  chains: { check: { type: 'boolean' } },
  forget: {},
  clear: { chain: { type: 'string' }, yes: { type: 'boolean', short: 'y' } },
} as const satisfies Record<CommandName, Options>

const POSITIONALS: Record<CommandName, number> = {
  track: 0,
  status: 1,
  watch: 0,
  relay: 1,
  chains: 0,
  forget: 1,
  clear: 0,
}

/** Global options that take a value, so the value after them is not mistaken for the command. */
const VALUE_OPTIONS = new Set(['--rpc', '--state'])

const KEY_FLAG = /^-{1,2}(key|private[-_]?key|priv[-_]?key|pk|secret)(=.*)?$/i

export const DEFAULT_INTERVAL_S = 5
export const DEFAULT_RELAY_TIMEOUT_S = 120

function isCommand(value: string): value is CommandName {
  return (COMMANDS as readonly string[]).includes(value)
}

export function parseCommandLine(argv: readonly string[]): CommandLine {
  const end = argv.indexOf('--')
  const flags = end === -1 ? argv : argv.slice(0, end)
  const keyFlag = flags.find((token) => KEY_FLAG.test(token))
  if (keyFlag) {
    // Name the flag, never its value: the point is to keep the key out of every log.
    throw new UsageError(
      `refusing ${keyFlag.split('=')[0]}: a private key on the command line ends up in shell history and process ` +
        `listings. Set ${PRIVATE_KEY_ENV}=0x… in the environment instead.`,
    )
  }

  let index = -1
  for (let i = 0; i < flags.length; i++) {
    const token = flags[i]!
    if (token.startsWith('-')) {
      if (VALUE_OPTIONS.has(token)) i++
      continue
    }
    index = i
    break
  }
  const rest = index === -1 ? [...argv] : [...argv.slice(0, index), ...argv.slice(index + 1)]
  const word = index === -1 ? undefined : argv[index]

  if (word === 'help') {
    const topic = rest.find((t) => !t.startsWith('-'))
    if (topic !== undefined && !isCommand(topic)) throw unknownCommand(topic)
    return { kind: 'help', command: topic }
  }
  if (word === undefined) {
    if (rest.includes('--help') || rest.includes('-h')) return { kind: 'help' }
    throw new UsageError(`no command given: expected one of ${COMMANDS.join(', ')} (see --help)`)
  }
  if (!isCommand(word)) throw unknownCommand(word)
  const command = word

  const options = { ...GLOBAL_OPTIONS, ...COMMAND_OPTIONS[command] }
  let parsed: { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] }
  try {
    parsed = parseArgs({
      args: rest,
      options,
      allowPositionals: POSITIONALS[command] > 0,
      strict: true,
    }) as typeof parsed
  } catch (error) {
    throw explainParseError(error, command)
  }
  const { values, positionals } = parsed
  if (values.help) return { kind: 'help', command }
  if (positionals.length > POSITIONALS[command]) {
    throw new UsageError(`unexpected argument '${positionals[POSITIONALS[command]]}' for ${command}`)
  }

  const global: GlobalOptions = {
    rpc: ((values.rpc as string[] | undefined) ?? []).map(parseRpcOverride),
    json: values.json === true,
    ...(typeof values.state === 'string' ? { state: parseStatePath(values.state) } : {}),
  }

  switch (command) {
    case 'track': {
      if (values.chain === undefined) {
        throw new UsageError('track needs --chain <id>: the chain the transaction was sent on')
      }
      if (values.tx === undefined) throw new UsageError('track needs --tx <hash>: the source transaction')
      return {
        kind: 'run',
        command,
        global,
        args: {
          chainId: parseChainId(values.chain as string, '--chain'),
          transactionHash: parseTransactionHash(values.tx as string),
        },
      }
    }
    case 'status':
      return {
        kind: 'run',
        command,
        global,
        args: positionals[0] === undefined ? {} : { messageHash: parseMessageHash(positionals[0]) },
      }
    case 'watch':
      return {
        kind: 'run',
        command,
        global,
        args: {
          accounts: ((values.account as string[] | undefined) ?? []).map(parseAccount),
          intervalMs: parseSeconds(
            values.interval as string | undefined,
            '--interval',
            DEFAULT_INTERVAL_S,
            0.5,
          ),
          once: values.once === true,
        },
      }
    case 'relay': {
      if (positionals[0] === undefined) {
        throw new UsageError('relay needs the message hash: superchain-relay relay <messageHash>')
      }
      return {
        kind: 'run',
        command,
        global,
        args: {
          messageHash: parseMessageHash(positionals[0]),
          yes: values.yes === true,
          dryRun: values['dry-run'] === true,
          timeoutMs: parseSeconds(
            values.timeout as string | undefined,
            '--timeout',
            DEFAULT_RELAY_TIMEOUT_S,
            1,
          ),
        },
      }
    }
    case 'chains':
      return { kind: 'run', command, global, args: { check: values.check === true } }
    case 'forget':
      if (positionals[0] === undefined) {
        throw new UsageError('forget needs the message hash: superchain-relay forget <messageHash>')
      }
      return { kind: 'run', command, global, args: { messageHash: parseMessageHash(positionals[0]) } }
    case 'clear':
      if (values.chain === undefined) {
        throw new UsageError('clear needs --chain <id>: the chain whose history to forget')
      }
      return {
        kind: 'run',
        command,
        global,
        args: { chainId: parseChainId(values.chain as string, '--chain'), yes: values.yes === true },
      }
  }
}

function unknownCommand(word: string): UsageError {
  return new UsageError(`unknown command '${word}': expected one of ${COMMANDS.join(', ')} (see --help)`)
}

/** parseArgs' messages suggest `--` tricks that do not apply here; say which command rejected what instead. */
function explainParseError(error: unknown, command: CommandName): Error {
  const code = (error as { code?: string }).code
  const message = (error as Error).message ?? String(error)
  const option = /'(--?[^' ]+)/.exec(message)?.[1]
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) {
    return new UsageError(
      `unknown option '${option}' for ${command} (see superchain-relay ${command} --help)`,
    )
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return new UsageError(`${message.replace(/^Option/, 'option')} (see superchain-relay ${command} --help)`)
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const value = /'([^']*)'/.exec(message)?.[1]
    return new UsageError(
      `unexpected argument${value ? ` '${value}'` : ''}: ${command} takes no positional arguments`,
    )
  }
  return error as Error
}

export function parseChainId(value: string, flag: string): number {
  const id = /^[1-9][0-9]*$/.test(value) ? Number(value) : NaN
  if (!Number.isSafeInteger(id)) {
    throw new UsageError(`${flag} '${value}' is not a chain id: expected a positive integer such as 901`)
  }
  return id
}

/** `--rpc 901=http://127.0.0.1:9545`. The URL itself is checked with core's validateChainConfig later. */
export function parseRpcOverride(value: string): RpcOverride {
  const at = value.indexOf('=')
  if (at === -1) {
    throw new UsageError(`--rpc '${value}' must be <chainId>=<url>, e.g. --rpc 901=http://127.0.0.1:9545`)
  }
  const idText = value.slice(0, at).trim()
  const rpcUrl = value.slice(at + 1).trim()
  if (!/^[1-9][0-9]*$/.test(idText) || !Number.isSafeInteger(Number(idText))) {
    throw new UsageError(`--rpc '${value}': '${idText}' is not a chain id (a positive integer)`)
  }
  if (!rpcUrl) throw new UsageError(`--rpc '${value}': the URL after '=' is missing`)
  return { id: Number(idText), rpcUrl }
}

export function parseTransactionHash(value: string): Hex {
  if (!/^0x[0-9a-fA-F]{64}$/.test(value)) {
    throw new UsageError(`'${value}' is not a transaction hash: expected 0x followed by 64 hex digits`)
  }
  return value as Hex
}

export function parseMessageHash(value: string): Hex {
  if (!/^0x[0-9a-fA-F]{64}$/.test(value)) {
    throw new UsageError(
      `'${value}' is not a message hash: expected 0x followed by 64 hex digits (see superchain-relay status)`,
    )
  }
  return value.toLowerCase() as Hex
}

export function parseAccount(value: string): Address {
  if (!/^0x[0-9a-fA-F]{40}$/.test(value)) {
    throw new UsageError(`'${value}' is not an account address: expected 0x followed by 40 hex digits`)
  }
  return value as Address
}

function parseSeconds(value: string | undefined, flag: string, fallback: number, min: number): number {
  if (value === undefined) return fallback * 1000
  const seconds = /^[0-9]+(\.[0-9]+)?$/.test(value) ? Number(value) : NaN
  if (!Number.isFinite(seconds) || seconds < min) {
    throw new UsageError(`${flag} '${value}' must be a number of seconds ≥ ${min}`)
  }
  return Math.round(seconds * 1000)
}

function parseStatePath(value: string): string {
  if (!value.trim()) throw new UsageError('--state needs a file path')
  return value
}

/** Reads the relay key from the environment; the value never appears in an error. */
export function readPrivateKey(env: Record<string, string | undefined>): Hex {
  const raw = env[PRIVATE_KEY_ENV]?.trim()
  if (!raw) {
    throw new UsageError(
      `relay signs with a local key: set ${PRIVATE_KEY_ENV}=0x… in the environment (it is never accepted as a flag)`,
    )
  }
  const key = raw.startsWith('0x') ? raw : `0x${raw}`
  if (!/^0x[0-9a-fA-F]{64}$/.test(key)) {
    throw new UsageError(`${PRIVATE_KEY_ENV} is not a private key: expected 0x followed by 64 hex digits`)
  }
  return key as Hex
}
