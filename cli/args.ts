/**
 * The command line, parsed and validated before anything touches the network or the state file: a typo should cost
 * milliseconds and say exactly which argument is wrong. Nothing here imports viem at run time (only types), so the
 * usage errors stay fast even though the CLI runs through tsx.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util'

import type { Address, Hex } from 'viem'

import {
  parseAccount,
  parseChainId,
  parseEthAmount,
  parseMessageHash,
  parseRpcOverride,
  parseSeconds,
  parseStatePath,
  parseTransactionHash,
  PRIVATE_KEY_ENV,
} from './argValues'
import { UsageError } from './exit'

export {
  parseChainId,
  parseRpcOverride,
  parseTransactionHash,
  parseMessageHash,
  parseAccount,
  PRIVATE_KEY_ENV,
  readPrivateKey,
} from './argValues'

export const COMMANDS = ['track', 'status', 'watch', 'relay', 'chains', 'forget', 'clear'] as const
export type CommandName = (typeof COMMANDS)[number]

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
  /**
   * The most this relay may cost, in wei: gas limit × max fee per gas + value of the signed transaction
   * (`--spending-cap <eth>`, default DEFAULT_SPENDING_CAP_ETH, the extension's default cap per relay).
   */
  spendingCapWei: bigint
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
    'spending-cap': { type: 'string' },
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
/** As the extension's relay account: 0.01 ETH per relay covers any relay at sane L2 fees, and not a drained key. */
export const DEFAULT_SPENDING_CAP_ETH = '0.01'

function isCommand(value: string): value is CommandName {
  return (COMMANDS as readonly string[]).includes(value)
}

export function parseCommandLine(argv: readonly string[]): CommandLine {
  const end = argv.indexOf('--')
  const flags = end === -1 ? argv : argv.slice(0, end)
  refuseKeyFlags(flags)
  const { word, rest } = splitCommandWord(argv, flags)

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

  const { values, positionals } = parseOptions(command, rest)
  if (values.help) return { kind: 'help', command }
  if (positionals.length > POSITIONALS[command]) {
    throw new UsageError(`unexpected argument '${positionals[POSITIONALS[command]]}' for ${command}`)
  }
  const global: GlobalOptions = {
    rpc: ((values.rpc as string[] | undefined) ?? []).map(parseRpcOverride),
    json: values.json === true,
    ...(typeof values.state === 'string' ? { state: parseStatePath(values.state) } : {}),
  }
  return { kind: 'run', command, global, args: COMMAND_ARGS[command](values, positionals) } as CommandLine
}

/** A key flag anywhere before `--` is refused, naming the flag, never its value: keys stay out of every log. */
function refuseKeyFlags(flags: readonly string[]): void {
  const keyFlag = flags.find((token) => KEY_FLAG.test(token))
  if (keyFlag) {
    throw new UsageError(
      `refusing ${keyFlag.split('=')[0]}: a private key on the command line ends up in shell history and process ` +
        `listings. Set ${PRIVATE_KEY_ENV}=0x… in the environment instead.`,
    )
  }
}

/** The first word that is not an option (nor a global option's value) is the command; the rest are its arguments. */
function splitCommandWord(
  argv: readonly string[],
  flags: readonly string[],
): { word: string | undefined; rest: string[] } {
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
  return { word: index === -1 ? undefined : argv[index], rest }
}

type Values = Record<string, string | boolean | string[] | undefined>

function parseOptions(command: CommandName, rest: string[]): { values: Values; positionals: string[] } {
  try {
    return parseArgs({
      args: rest,
      options: { ...GLOBAL_OPTIONS, ...COMMAND_OPTIONS[command] },
      allowPositionals: POSITIONALS[command] > 0,
      strict: true,
    }) as { values: Values; positionals: string[] }
  } catch (error) {
    throw explainParseError(error, command)
  }
}

function needHash(positionals: readonly string[], command: 'relay' | 'forget'): Hex {
  if (positionals[0] === undefined) {
    throw new UsageError(`${command} needs the message hash: superchain-relay ${command} <messageHash>`)
  }
  return parseMessageHash(positionals[0])
}

function needChain(values: Values, why: string): number {
  if (values.chain === undefined) throw new UsageError(why)
  return parseChainId(values.chain as string, '--chain')
}

/** Each command's arguments from its parsed options and positionals. */
const COMMAND_ARGS: {
  [C in CommandName]: (values: Values, positionals: string[]) => Extract<CommandLine, { command: C }>['args']
} = {
  track: (values) => {
    if (values.chain === undefined) {
      throw new UsageError('track needs --chain <id>: the chain the transaction was sent on')
    }
    if (values.tx === undefined) throw new UsageError('track needs --tx <hash>: the source transaction')
    return {
      chainId: parseChainId(values.chain as string, '--chain'),
      transactionHash: parseTransactionHash(values.tx as string),
    }
  },
  status: (_values, positionals) =>
    positionals[0] === undefined ? {} : { messageHash: parseMessageHash(positionals[0]) },
  watch: (values) => ({
    accounts: ((values.account as string[] | undefined) ?? []).map(parseAccount),
    intervalMs: parseSeconds(values.interval as string | undefined, '--interval', DEFAULT_INTERVAL_S, 0.5),
    once: values.once === true,
  }),
  relay: (values, positionals) => ({
    messageHash: needHash(positionals, 'relay'),
    yes: values.yes === true,
    dryRun: values['dry-run'] === true,
    timeoutMs: parseSeconds(values.timeout as string | undefined, '--timeout', DEFAULT_RELAY_TIMEOUT_S, 1),
    spendingCapWei: parseEthAmount(
      (values['spending-cap'] as string | undefined) ?? DEFAULT_SPENDING_CAP_ETH,
      '--spending-cap',
    ),
  }),
  chains: (values) => ({ check: values.check === true }),
  forget: (_values, positionals) => ({ messageHash: needHash(positionals, 'forget') }),
  clear: (values) => ({
    chainId: needChain(values, 'clear needs --chain <id>: the chain whose history to forget'),
    yes: values.yes === true,
  }),
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
