import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable, Writable } from 'node:stream'

import { afterAll, describe, expect, it } from 'vitest'

import { ALICE, erc20Transfer } from '../src/core/store/messageFixtures.test-helper'
import type { ScanCursor } from '../src/core/store/types'
import { EXIT } from './exitCodes'
import { openFileStore } from './fileStore'
import { main, type CliIo } from './main'

const CURSOR: ScanCursor = {
  chainId: 901,
  account: ALICE.toLowerCase() as ScanCursor['account'],
  direction: 'sender',
  fromBlock: 0n,
  toBlock: 10n,
  rangeSize: 2_000n,
  updatedAt: 0,
}

const root = await mkdtemp(join(tmpdir(), 'superchain-relay-main-'))
afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})
let counter = 0
const freshState = () => join(root, `state-${++counter}.json`)

const HASH = `0x${'ab'.repeat(32)}`

/** Runs the CLI in-process with captured streams; stdin is not a terminal. */
async function cli(argv: string[], env: Record<string, string> = {}) {
  let stdout = ''
  let stderr = ''
  const sink = (append: (text: string) => void) =>
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        append(chunk.toString())
        callback()
      },
    })
  const io: CliIo = {
    stdout: sink((t) => (stdout += t)),
    stderr: sink((t) => (stderr += t)),
    stdin: Readable.from([]),
    env,
  }
  const code = await main(argv, io)
  return { code, stdout, stderr }
}

describe('main', () => {
  it('prints help with the commands and the exit codes', async () => {
    const { code, stdout, stderr } = await cli(['--help'])
    expect(code).toBe(EXIT.ok)
    expect(stderr).toBe('')
    for (const command of ['track', 'status', 'watch', 'relay', 'chains', 'forget', 'clear'])
      expect(stdout).toContain(`  ${command} `)
    expect(stdout).toMatch(/Exit codes:[\s\S]*4 {2}RPC unreachable/)
  })

  it('prints per-command help, which says where the key comes from', async () => {
    const { code, stdout } = await cli(['relay', '--help'])
    expect(code).toBe(EXIT.ok)
    expect(stdout).toMatch(/^Usage: superchain-relay relay <messageHash>/)
    expect(stdout).toContain('SUPERCHAIN_RELAY_PRIVATE_KEY=0x… superchain-relay relay')
    expect(stdout).toContain('Exit codes:')
  })

  it('reports bad input on one stderr line with exit 2, a stack only with DEBUG=1', async () => {
    const bad = await cli(['track', '--chain', '901', '--tx', '0x12'])
    expect(bad.code).toBe(EXIT.usage)
    expect(bad.stdout).toBe('')
    expect(bad.stderr).toBe(
      "superchain-relay: '0x12' is not a transaction hash: expected 0x followed by 64 hex digits\n",
    )
    const debug = await cli(['track', '--chain', '901', '--tx', '0x12'], { DEBUG: '1' })
    expect(debug.stderr).toMatch(/UsageError: .*\n\s+at /)
  })

  it('lists the default chains with --rpc overrides; an unknown id becomes "Chain <id>"', async () => {
    const { code, stdout } = await cli([
      'chains',
      '--json',
      '--rpc',
      '901=http://127.0.0.1:1',
      '--rpc',
      '77=wss://x.example',
    ])
    expect(code).toBe(EXIT.ok)
    const { chains } = JSON.parse(stdout) as { chains: { id: number; name: string; rpcUrl: string }[] }
    expect(chains.map((c) => [c.id, c.name, c.rpcUrl])).toEqual([
      [901, 'Devnet L2 A', 'http://127.0.0.1:1'],
      [902, 'Devnet L2 B', 'http://127.0.0.1:9546'],
      [77, 'Chain 77', 'wss://x.example'],
    ])
    const text = await cli(['chains'])
    expect(text.stdout).toMatch(/^901 {2}Devnet L2 A {2}http:\/\/127\.0\.0\.1:9545$/m)
  })

  it('rejects an --rpc URL that is not http(s)/ws(s) with exit 2', async () => {
    const { code, stderr } = await cli(['chains', '--rpc', '901=ftp://example.org'])
    expect(code).toBe(EXIT.usage)
    expect(stderr).toMatch(
      /^superchain-relay: --rpc 901=ftp:\/\/example\.org: Invalid chain config: rpcUrl must be/,
    )
  })

  it('shows an empty state without touching the network', async () => {
    const { code, stdout } = await cli(['status', '--state', freshState()])
    expect(code).toBe(EXIT.ok)
    expect(stdout).toMatch(/^no tracked messages yet/)
    const json = await cli(['status', '--json', '--state', freshState()])
    expect(JSON.parse(json.stdout)).toEqual({ messages: [], warnings: [] })
  })

  it('exits 3 for an unknown message hash', async () => {
    const { code, stderr } = await cli(['status', HASH, '--state', freshState()])
    expect(code).toBe(EXIT.notFound)
    expect(stderr).toBe(
      `superchain-relay: no tracked message with hash ${HASH}: track its source transaction first\n`,
    )
  })

  it('refuses to relay without a key, and without --yes when stdin is not a terminal', async () => {
    const noKey = await cli(['relay', HASH, '--yes', '--state', freshState()])
    expect(noKey.code).toBe(EXIT.usage)
    expect(noKey.stderr).toMatch(/set SUPERCHAIN_RELAY_PRIVATE_KEY=0x…/)
    const env = { SUPERCHAIN_RELAY_PRIVATE_KEY: `0x${'11'.repeat(32)}` }
    const noYes = await cli(['relay', HASH, '--state', freshState()], env)
    expect(noYes.code).toBe(EXIT.usage)
    expect(noYes.stderr).toMatch(/stdin is not a terminal, so pass --yes/)
    const unknown = await cli(['relay', HASH, '--yes', '--state', freshState()], env)
    expect(unknown.code).toBe(EXIT.notFound)
  })

  it('asks for an account when watch has none to watch', async () => {
    const { code, stderr } = await cli(['watch', '--once', '--state', freshState()])
    expect(code).toBe(EXIT.usage)
    expect(stderr).toMatch(/watch needs an account: --account <address>/)
  })

  it('never overwrites a state file it cannot read', async () => {
    const path = freshState()
    await writeFile(path, '{ not json')
    const { code, stderr } = await cli([
      'watch',
      '--once',
      '--account',
      `0x${'12'.repeat(20)}`,
      '--state',
      path,
    ])
    expect(code).toBe(EXIT.unexpected)
    expect(stderr).toContain(`state file ${path} is not valid JSON`)
    expect(await readFile(path, 'utf8')).toBe('{ not json')
  })

  it('forgets one message, and clears a chain’s history with its cursors, touching no chain', async () => {
    const path = freshState()
    const store = await openFileStore(path)
    const a = erc20Transfer({ nonce: 1n })
    const b = erc20Transfer({ nonce: 2n, source: 902, destination: 901 })
    const c = erc20Transfer({ nonce: 3n, source: 903, destination: 904 })
    await store.upsertMany([a, b, c])
    await store.setCursor('902:alice', { ...CURSOR, chainId: 902 })
    await store.setCursor('903:alice', { ...CURSOR, chainId: 903 })
    await store.close()

    const forgot = await cli(['forget', a.hash, '--state', path])
    expect(forgot.code).toBe(EXIT.ok)
    expect(forgot.stdout).toMatch(new RegExp(`^forgot ${a.hash} \\(it was initiated\\)`))
    expect((await cli(['forget', a.hash, '--state', path])).code).toBe(EXIT.notFound)

    expect((await cli(['clear', '--chain', '902', '--state', path])).stderr).toMatch(/pass --yes/)
    const cleared = await cli(['clear', '--chain', '902', '--yes', '--json', '--state', path])
    expect(cleared.code).toBe(EXIT.ok)
    expect(JSON.parse(cleared.stdout)).toEqual({ chainId: 902, removed: 1 })
    const after = await openFileStore(path)
    expect((await after.list()).map((m) => m.hash)).toEqual([c.hash])
    expect((await after.listCursors()).map((x) => x.key)).toEqual(['903:alice'])
    await after.close()
    expect((await cli(['clear', '--state', path])).stderr).toMatch(/clear needs --chain <id>/)
  })
})
