/**
 * Bad-input corpus: the CLI's arguments and environment, run in-process through `main` against a real state file
 * (the file store) that already holds a message. Every case exits with the usage code (2) or not-found (3), prints one
 * line naming what was wrong, and leaves the state file byte for byte as it was. No case reaches an RPC: the
 * arguments are refused first.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable, Writable } from 'node:stream'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { erc20Transfer } from '../../src/core/store/messageFixtures.test-helper'
import { EXIT } from '../../cli/exitCodes'
import { openFileStore } from '../../cli/fileStore'
import { main } from '../../cli/main'
import { BAD_HEX, type BadCase } from './corpus'

let dir: string
let state: string
let original: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'corpus-cli-'))
  state = join(dir, 'state.json')
  const store = await openFileStore(state)
  await store.upsert(erc20Transfer())
  await store.close()
  original = await readFile(state, 'utf8')
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function cli(argv: string[], env: Record<string, string> = {}) {
  let stdout = ''
  let stderr = ''
  const sink = (append: (t: string) => void) =>
    new Writable({
      write(chunk: Buffer, _e, done) {
        append(chunk.toString())
        done()
      },
    })
  const code = await main([...argv, '--state', state], {
    stdout: sink((t) => (stdout += t)),
    stderr: sink((t) => (stderr += t)),
    stdin: Readable.from([]),
    env: { SUPERCHAIN_RELAY_STATE: state, ...env },
  })
  return { code, stdout, stderr }
}

type Run = { argv: string[]; env?: Record<string, string> }
const HASH = `0x${'ab'.repeat(32)}`

function cases(): BadCase<Run>[] {
  const list: BadCase<Run>[] = []
  const add = (name: string, argv: string[], error: RegExp, env?: Record<string, string>) =>
    list.push({ name, input: { argv, ...(env ? { env } : {}) }, error })

  add('no command', [], /no command given/)
  add('unknown command', ['rm', '-rf'], /unknown command 'rm'/)
  add('unicode command', ['trаck'], /unknown command 'trаck'/) // Cyrillic а
  add('unknown option', ['status', '--verbose'], /unknown option '--verbose' for status/)
  add(
    'private key flag',
    ['relay', HASH, '--private-key', '0x01'],
    /refusing --private-key: a private key on the command line/,
  )
  add('key flag with =', ['relay', HASH, '--key=0x01'], /refusing --key/)
  add('pk flag', ['relay', HASH, '--pk', '0x01'], /refusing --pk/)
  for (const [label, value] of Object.entries(BAD_HEX)) {
    if (value === '') continue
    add(
      `track --tx ${label}`,
      ['track', '--chain', '901', '--tx', value],
      /is not a transaction hash: expected 0x followed by 64 hex digits/,
    )
    add(`relay ${label}`, ['relay', value], /is not a message hash/)
    add(`forget ${label}`, ['forget', value], /is not a message hash/)
  }
  add(
    'track --chain -1 (read as a flag)',
    ['track', '--chain', '-1', '--tx', HASH],
    /option '--chain' .*(argument|value)/,
  )
  for (const chain of ['0', '1.5', 'abc', '9007199254740993', '١', '0x385', ''])
    add(
      `track --chain ${JSON.stringify(chain)}`,
      ['track', '--chain', chain, '--tx', HASH],
      /--chain '.*' is not a chain id: expected a positive integer/,
    )
  add('track without --chain', ['track', '--tx', HASH], /track needs --chain <id>/)
  add('track without --tx', ['track', '--chain', '901'], /track needs --tx <hash>/)
  add('relay without hash', ['relay'], /relay needs the message hash/)
  add('forget without hash', ['forget'], /forget needs the message hash/)
  add('forget an unknown message', ['forget', HASH], /no (tracked )?message|not tracked|unknown/i)
  add('clear without --chain', ['clear'], /clear needs --chain <id>/)
  add('clear --chain bad', ['clear', '--chain', 'x', '--yes'], /--chain 'x' is not a chain id/)
  add('clear with no TTY and no --yes', ['clear', '--chain', '901'], /--yes|confirm/i)
  add('extra positional', ['status', HASH, 'extra'], /unexpected argument 'extra' for status/)
  for (const rpc of [
    '901',
    '901=',
    '=http://127.0.0.1:9545',
    'abc=http://127.0.0.1:9545',
    '901=javascript:alert(1)',
    '901=file:///etc/passwd',
    '0=http://127.0.0.1:9545',
  ])
    add(`--rpc ${rpc}`, ['status', '--rpc', rpc], /--rpc|rpcUrl|chain id/)
  for (const interval of ['0', '-5', 'fast', '1e9', '0.01'])
    add(`watch --interval ${interval}`, ['watch', '--once', '--interval', interval], /--interval/)
  for (const timeout of ['0', '-1', 'soon'])
    add(`relay --timeout ${timeout}`, ['relay', HASH, '--timeout', timeout], /--timeout/)
  for (const cap of ['0', '-0.01', '1e-3', 'Infinity', '0.0000000000000000001', '0x10', '١', '1 000', ''])
    add(
      `relay --spending-cap ${JSON.stringify(cap)}`,
      ['relay', HASH, '--yes', `--spending-cap=${cap}`],
      /--spending-cap '.*' (is not an amount of ETH|must be more than 0 ETH)/,
    )
  for (const account of ['0x42', 'vitalik.eth', `0x${'g'.repeat(40)}`, ''])
    add(
      `watch --account ${JSON.stringify(account)}`,
      ['watch', '--once', '--account', account],
      /(address|account)/i,
    )
  add(
    'relay with a malformed key in the environment',
    ['relay', HASH, '--yes'],
    /SUPERCHAIN_RELAY_PRIVATE_KEY/,
    { SUPERCHAIN_RELAY_PRIVATE_KEY: '0x1234' },
  )
  add(
    'relay with a non-hex key in the environment',
    ['relay', HASH, '--yes'],
    /SUPERCHAIN_RELAY_PRIVATE_KEY/,
    { SUPERCHAIN_RELAY_PRIVATE_KEY: 'z'.repeat(64) },
  )
  return list
}

describe('bad CLI arguments', () => {
  it('the same state file works for a good command (status)', async () => {
    // It reads the state file, then finds no devnet running (exit 4): the file itself is fine.
    const { code, stderr } = await cli(['status', '--json'])
    expect([EXIT.ok, EXIT.rpc]).toContain(code)
    expect(stderr).not.toMatch(/state file/)
  })

  it.each(cases().map((c) => [c.name, c] as const))(
    '%s: refused, named, state file unchanged',
    async (_n, c) => {
      const { code, stdout, stderr } = await cli(c.input.argv, c.input.env)
      expect([EXIT.usage, EXIT.notFound]).toContain(code)
      expect(stdout).toBe('')
      expect(stderr).toMatch(c.error)
      expect(stderr.trim().split('\n')).toHaveLength(1)
      expect(await readFile(state, 'utf8')).toBe(original)
    },
  )
})
