import { describe, expect, it } from 'vitest'

import { parseCommandLine, parseRpcOverride, readPrivateKey, type CommandLine } from './args'
import { EXIT, exitCodeFor, UsageError } from './exitCodes'

const TX = `0x${'ab'.repeat(32)}`
const HASH = `0x${'CD'.repeat(32)}`
const ACCOUNT = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'

/** The error parseCommandLine throws, checked to be a usage error (exit 2). */
function usageError(argv: string[]): string {
  let error: unknown
  try {
    parseCommandLine(argv)
  } catch (e) {
    error = e
  }
  expect(error).toBeInstanceOf(UsageError)
  expect(exitCodeFor(error)).toBe(EXIT.usage)
  return (error as Error).message
}

function run(argv: string[]): Extract<CommandLine, { kind: 'run' }> {
  const line = parseCommandLine(argv)
  if (line.kind !== 'run') throw new Error(`expected a command, got ${JSON.stringify(line)}`)
  return line
}

describe('parseCommandLine', () => {
  it('parses track with global options before or after the command', () => {
    const after = run(['track', '--chain', '901', '--tx', TX, '--json', '--rpc', '901=http://127.0.0.1:1'])
    const before = run(['--json', '--rpc', '901=http://127.0.0.1:1', 'track', '--chain=901', `--tx=${TX}`])
    for (const line of [after, before]) {
      expect(line).toEqual({
        kind: 'run',
        command: 'track',
        global: { rpc: [{ id: 901, rpcUrl: 'http://127.0.0.1:1' }], json: true },
        args: { chainId: 901, transactionHash: TX },
      })
    }
  })

  it('parses status with and without a hash (lower-cased: the store keys on lower case)', () => {
    expect(run(['status']).args).toEqual({})
    expect(run(['status', HASH, '--state', '/tmp/s.json'])).toMatchObject({
      args: { messageHash: HASH.toLowerCase() },
      global: { state: '/tmp/s.json' },
    })
  })

  it('parses watch: repeatable accounts, interval in seconds, --once', () => {
    expect(run(['watch', '--account', ACCOUNT, '--account', ACCOUNT.toLowerCase(), '--once']).args).toEqual({
      accounts: [ACCOUNT, ACCOUNT.toLowerCase()],
      intervalMs: 5_000,
      once: true,
    })
    expect(run(['watch', '--interval', '1.5']).args).toMatchObject({
      accounts: [],
      intervalMs: 1_500,
      once: false,
    })
  })

  it('parses relay and chains', () => {
    expect(run(['relay', HASH, '-y', '--timeout', '30']).args).toEqual({
      messageHash: HASH.toLowerCase(),
      yes: true,
      dryRun: false,
      timeoutMs: 30_000,
      // The extension's default cap per relay, 0.01 ETH.
      spendingCapWei: 10_000_000_000_000_000n,
    })
    expect(run(['relay', HASH, '--dry-run']).args).toMatchObject({
      yes: false,
      dryRun: true,
      timeoutMs: 120_000,
    })
    expect(run(['chains', '--check']).args).toEqual({ check: true })
  })

  it('reads --spending-cap as exact ETH, in wei, without floats', () => {
    const cap = (value: string) =>
      (run(['relay', HASH, '--spending-cap', value]).args as { spendingCapWei: bigint }).spendingCapWei
    expect(cap('0.1')).toBe(10n ** 17n)
    expect(cap('2')).toBe(2n * 10n ** 18n)
    expect(cap('0.000000000000000001')).toBe(1n)
    expect(cap('0.3')).toBe(3n * 10n ** 17n)
  })

  it.each([
    ['0', /--spending-cap '0' must be more than 0 ETH/],
    ['0.000', /must be more than 0 ETH/],
    ['-1', /--spending-cap '-1' is not an amount of ETH/],
    ['1e18', /is not an amount of ETH/],
    ['0.0000000000000000001', /at most 18 decimals/],
    ['ten', /is not an amount of ETH/],
    ['.5', /is not an amount of ETH/],
    ['1,5', /is not an amount of ETH/],
    ['9999999999999', /is not an amount of ETH/],
  ])('refuses --spending-cap %s, naming the flag', (value, error) => {
    expect(() => parseCommandLine(['relay', HASH, `--spending-cap=${value}`])).toThrow(error)
  })

  it('answers help in every spelling, for the program and per command', () => {
    expect(parseCommandLine(['--help'])).toEqual({ kind: 'help' })
    expect(parseCommandLine(['-h'])).toEqual({ kind: 'help' })
    expect(parseCommandLine(['help'])).toEqual({ kind: 'help' })
    expect(parseCommandLine(['help', 'relay'])).toEqual({ kind: 'help', command: 'relay' })
    // --help wins over missing required options.
    expect(parseCommandLine(['track', '--help'])).toEqual({ kind: 'help', command: 'track' })
    expect(parseCommandLine(['watch', '-h'])).toEqual({ kind: 'help', command: 'watch' })
  })

  it('refuses a private key flag in any spelling, without repeating the key', () => {
    for (const flag of ['--key', '--private-key', '--privateKey', '-key', '--pk']) {
      const message = usageError(['relay', HASH, flag, '0xsecret'])
      expect(message).toContain(`refusing ${flag}`)
      expect(message).toContain('SUPERCHAIN_RELAY_PRIVATE_KEY')
      expect(message).not.toContain('0xsecret')
    }
    const inline = usageError(['relay', HASH, '--key=0xsecret'])
    expect(inline).toContain('refusing --key:')
    expect(inline).not.toContain('0xsecret')
  })

  it('rejects bad input with exit code 2 and a message naming the problem', () => {
    expect(usageError([])).toMatch(/no command given/)
    expect(usageError(['frobnicate'])).toMatch(/unknown command 'frobnicate'/)
    expect(usageError(['help', 'frobnicate'])).toMatch(/unknown command 'frobnicate'/)
    expect(usageError(['status', '--verbose'])).toMatch(/unknown option '--verbose' for status/)
    expect(usageError(['track', '--chain'])).toMatch(/--chain <value>' argument missing/)
    expect(usageError(['chains', 'extra'])).toMatch(/unexpected argument 'extra'/)
    expect(usageError(['status', HASH, HASH])).toMatch(/unexpected argument/)
    expect(usageError(['track', '--tx', TX])).toMatch(/track needs --chain/)
    expect(usageError(['track', '--chain', '901'])).toMatch(/track needs --tx/)
    expect(usageError(['track', '--chain', 'abc', '--tx', TX])).toMatch(/--chain 'abc' is not a chain id/)
    expect(usageError(['track', '--chain', '901', '--tx', '0x1234'])).toMatch(
      /'0x1234' is not a transaction hash: expected 0x followed by 64 hex digits/,
    )
    expect(usageError(['status', '0xnothash'])).toMatch(/'0xnothash' is not a message hash/)
    expect(usageError(['relay'])).toMatch(/relay needs the message hash/)
    expect(usageError(['watch', '--account', '0x123'])).toMatch(/'0x123' is not an account address/)
    expect(usageError(['watch', '--interval', '0'])).toMatch(
      /--interval '0' must be a number of seconds ≥ 0.5/,
    )
    expect(usageError(['relay', HASH, '--timeout', 'soon'])).toMatch(/--timeout 'soon'/)
    expect(usageError(['chains', '--rpc', 'localhost:9545'])).toMatch(/must be <chainId>=<url>/)
    expect(usageError(['chains', '--state', ' '])).toMatch(/--state needs a file path/)
  })
})

describe('parseRpcOverride', () => {
  it('splits at the first =, so URLs with query strings survive', () => {
    expect(parseRpcOverride('10=https://rpc.example/?key=abc')).toEqual({
      id: 10,
      rpcUrl: 'https://rpc.example/?key=abc',
    })
  })
  it('rejects a bad id or a missing URL', () => {
    expect(() => parseRpcOverride('0=http://x')).toThrow(/'0' is not a chain id/)
    expect(() => parseRpcOverride('a=http://x')).toThrow(/'a' is not a chain id/)
    expect(() => parseRpcOverride('901=')).toThrow(/URL after '=' is missing/)
  })
})

describe('readPrivateKey', () => {
  const key = `0x${'11'.repeat(32)}`
  it('reads the key from SUPERCHAIN_RELAY_PRIVATE_KEY, with or without 0x', () => {
    expect(readPrivateKey({ SUPERCHAIN_RELAY_PRIVATE_KEY: key })).toBe(key)
    expect(readPrivateKey({ SUPERCHAIN_RELAY_PRIVATE_KEY: ` ${key.slice(2)}\n` })).toBe(key)
  })
  it('says how to provide a missing key, and never echoes a malformed one', () => {
    expect(() => readPrivateKey({})).toThrow(/set SUPERCHAIN_RELAY_PRIVATE_KEY=0x… in the environment/)
    let error: unknown
    try {
      readPrivateKey({ SUPERCHAIN_RELAY_PRIVATE_KEY: '0xdeadbeef' })
    } catch (e) {
      error = e
    }
    expect(exitCodeFor(error)).toBe(EXIT.usage)
    expect((error as Error).message).toMatch(/is not a private key/)
    expect((error as Error).message).not.toContain('deadbeef')
  })
})
