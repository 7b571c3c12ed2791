import { spawn } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { afterAll, beforeEach, describe, expect, it } from 'vitest'

import {
  ALICE,
  erc20Transfer,
  ethTransfer,
  relayedGenericMessage,
} from '../src/core/store/messageFixtures.test-helper'
import { describeMessageStore } from '../src/core/store/storeContract.test-helper'
import type { ScanCursor } from '../src/core/store/types'
import {
  defaultStatePath,
  openFileStore,
  resolveStatePath,
  STATE_FORMAT,
  StateFileError,
  StateFileLockedError,
} from './fileStore'

const root = await mkdtemp(join(tmpdir(), 'superchain-relay-filestore-'))
afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

let counter = 0
const freshPath = () => join(root, `case-${++counter}`, 'state.json')

// The file store must behave exactly like the memory store it wraps (and the IndexedDB one the extension ships).
describeMessageStore('file store', () => openFileStore(freshPath()))

const cursor: ScanCursor = {
  chainId: 901,
  account: ALICE.toLowerCase() as ScanCursor['account'],
  direction: 'sender',
  fromBlock: 0n,
  toBlock: -1n,
  rangeSize: 2_000n,
  updatedAt: 1_700_000_000_000,
}

describe('file store persistence', () => {
  let path: string
  beforeEach(() => {
    path = freshPath()
  })

  it('round-trips messages, cursors and settings through the file, bigints intact', async () => {
    const store = await openFileStore(path)
    const messages = [erc20Transfer(), ethTransfer({ nonce: 1n }), relayedGenericMessage()]
    await store.upsertMany(messages)
    await store.setCursor('901:alice', cursor)
    await store.setSetting('accounts', [ALICE.toLowerCase()])
    await store.close()

    const text = await readFile(path, 'utf8')
    const file = JSON.parse(text) as { format: string; cursors: Record<string, { toBlock: string }> }
    expect(file.format).toBe(STATE_FORMAT)
    // Written as decimal strings: a JSON number would round 2^64 - 1.
    expect(text).toContain('"18446744073709551615"')
    expect(file.cursors['901:alice']?.toBlock).toBe('-1')

    const reopened = await openFileStore(path)
    expect(await reopened.list()).toEqual(await sortedLikeStore(messages))
    expect((await reopened.get(relayedGenericMessage().hash))?.initiatingLog?.blockNumber).toBe(
      18_446_744_073_709_551_615n,
    )
    expect(await reopened.getCursor('901:alice')).toEqual(cursor)
    expect(await reopened.getSetting('accounts')).toEqual([ALICE.toLowerCase()])
    await reopened.close()
  })

  it('keeps a cursor’s nonce proof (bigints as decimal strings), and reads cursors written before it', async () => {
    const store = await openFileStore(path)
    const proven = { ...cursor, nextNonce: 2n ** 240n + 7n, nonceFloorBlock: 12n }
    await store.setCursor('901:proven', proven)
    await store.setCursor('901:old', cursor)
    await store.close()
    const file = JSON.parse(await readFile(path, 'utf8')) as {
      cursors: Record<string, Record<string, unknown>>
    }
    expect(file.cursors['901:proven']).toMatchObject({
      nextNonce: String(2n ** 240n + 7n),
      nonceFloorBlock: '12',
    })
    expect(file.cursors['901:old']).not.toHaveProperty('nextNonce')
    const reopened = await openFileStore(path)
    expect(await reopened.getCursor('901:proven')).toEqual(proven)
    expect(await reopened.getCursor('901:old')).toEqual(cursor)
    await reopened.close()
  })

  it('starts empty when the file does not exist, and creates its directory on the first write', async () => {
    const store = await openFileStore(path)
    expect(await store.list()).toEqual([])
    await store.upsert(erc20Transfer())
    await store.close()
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ format: STATE_FORMAT, version: 1 })
  })

  it('treats an empty file as a fresh state', async () => {
    await writeDir(path, '  \n')
    const store = await openFileStore(path)
    expect(await store.list()).toEqual([])
    await store.close()
  })

  it('forgets cursors on clear but keeps settings, as every store does', async () => {
    const store = await openFileStore(path)
    await store.upsert(erc20Transfer())
    await store.setCursor('k', cursor)
    await store.setSetting('s', 1)
    await store.clear()
    await store.close()
    const reopened = await openFileStore(path)
    expect(await reopened.list()).toEqual([])
    expect(await reopened.getCursor('k')).toBeUndefined()
    expect(await reopened.getSetting('s')).toBe(1)
    await reopened.close()
  })

  it('writes atomically: no temp files are left behind, and many quick writes end in the last state', async () => {
    const store = await openFileStore(path)
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.setCursor('k', { ...cursor, toBlock: BigInt(i) })),
    )
    await store.flush()
    expect((await readdir(join(path, '..'))).sort()).toEqual(['state.json'])
    await store.close()
    const reopened = await openFileStore(path)
    expect((await reopened.getCursor('k'))?.toBlock).toBe(19n)
    await reopened.close()
  })

  describe('a file it cannot read is an error naming the file, and is never overwritten', () => {
    const valid = () => ({
      format: STATE_FORMAT,
      version: 1,
      savedAt: 0,
      history: history([]),
      cursors: {},
      settings: {},
    })
    const cases: [string, string, RegExp][] = [
      ['not JSON', '{"format": "superchain-relay-cli-st', /is not valid JSON/],
      ['a JSON array', '[]', /not a Superchain Relay state file/],
      [
        'another format',
        JSON.stringify({ ...valid(), format: 'something-else' }),
        /format is "something-else"/,
      ],
      ['a newer version', JSON.stringify({ ...valid(), version: 2 }), /newer superchain-relay \(version 2/],
      [
        'an invalid message',
        JSON.stringify({
          ...valid(),
          history: history([{ ...JSON.parse(JSON.stringify(erc20Transfer(), big)), nonce: 'abc' }]),
        }),
        /history\.messages\[0\]\.nonce: expected a decimal integer string/,
      ],
      [
        'an invalid cursor',
        JSON.stringify({ ...valid(), cursors: { k: { ...cursor, fromBlock: 1.5 } } }, big),
        /invalid scan cursor at cursors\["k"\]/,
      ],
      [
        'a cursor with a nonce that is not a decimal string',
        JSON.stringify({ ...valid(), cursors: { k: { ...cursor, nextNonce: '-1' } } }, big),
        /invalid scan cursor at cursors\["k"\]\.nextNonce \(expected a nonce as a decimal string/,
      ],
      ['no settings', JSON.stringify({ ...valid(), settings: [] }), /no valid "settings"/],
    ]
    it.each(cases)('%s', async (_name, content, problem) => {
      await writeDir(path, content)
      const error = await openFileStore(path).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(StateFileError)
      expect((error as Error).message).toContain(path)
      expect((error as Error).message).toMatch(problem)
      expect((error as Error).message).toMatch(/left untouched/)
      expect(await readFile(path, 'utf8')).toBe(content)
      expect(await readdir(join(path, '..'))).toEqual(['state.json'])
    })
  })

  it('resolves the path: --state, then SUPERCHAIN_RELAY_STATE, then ~/.superchain-relay/state.json', () => {
    expect(resolveStatePath('/a/b.json', { SUPERCHAIN_RELAY_STATE: '/c/d.json' })).toBe('/a/b.json')
    expect(resolveStatePath(undefined, { SUPERCHAIN_RELAY_STATE: '/c/d.json' })).toBe('/c/d.json')
    expect(resolveStatePath(undefined, { SUPERCHAIN_RELAY_STATE: ' ' })).toBe(defaultStatePath())
    expect(defaultStatePath()).toMatch(/\.superchain-relay[/\\]state\.json$/)
  })
})

function big(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value
}

function history(messages: unknown[]) {
  return { format: 'superchain-relay-history', version: 1, exportedAt: 0, messages }
}

async function writeDir(path: string, content: string): Promise<void> {
  const { mkdir } = await import('node:fs/promises')
  await mkdir(join(path, '..'), { recursive: true })
  await writeFile(path, content)
}

/** list() order: newest first by createdAt, then by hash. */
async function sortedLikeStore<T extends { createdAt: number; hash: string }>(messages: T[]): Promise<T[]> {
  return [...messages].sort(
    (a, b) => b.createdAt - a.createdAt || (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0),
  )
}

describe('two processes on one state file', () => {
  const writer = fileURLToPath(new URL('./fileStoreWriter.test-helper.ts', import.meta.url))
  const run = (args: string[]) =>
    new Promise<{ code: number | null; stderr: string }>((resolvePromise, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', writer, ...args], {
        stdio: ['ignore', 'ignore', 'pipe'],
      })
      let stderr = ''
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      child.on('error', reject)
      child.on('close', (code) => resolvePromise({ code, stderr }))
    })

  it('lose none of each other’s changes, while this process writes too', async () => {
    const path = freshPath()
    const message = erc20Transfer()
    const store = await openFileStore(path)
    await store.upsert(message)
    const mine = (async () => {
      for (let i = 1000; i < 1020; i++) {
        const account = `0x${i.toString(16).padStart(40, '0')}` as const
        await store.update(
          message.hash,
          (current) => current && { ...current, accounts: [...current.accounts, account] },
        )
      }
    })()
    const [a, b] = await Promise.all([
      run([path, message.hash, '1', '25']),
      run([path, message.hash, '100', '25']),
      mine,
    ])
    expect(a).toMatchObject({ code: 0, stderr: '' })
    expect(b).toMatchObject({ code: 0, stderr: '' })
    const stored = await store.get(message.hash)
    // 1 original + 25 + 25 from the two processes + 20 of ours: nothing lost, nothing doubled.
    expect(stored?.accounts).toHaveLength(71)
    expect(new Set(stored?.accounts).size).toBe(71)
    expect(((await store.getSetting<number[]>('writers')) ?? []).length).toBe(50)
    await store.close()
    expect((await readdir(join(path, '..'))).sort()).toEqual(['state.json'])
  })

  it('sees what another process wrote on its next read', async () => {
    const path = freshPath()
    const message = erc20Transfer()
    const store = await openFileStore(path)
    await store.upsert(message)
    expect((await run([path, message.hash, '7', '1'])).code).toBe(0)
    expect((await store.get(message.hash))?.accounts).toContain(`0x${'7'.padStart(40, '0')}`)
    await store.close()
  })

  it('breaks the lock of a writer that died holding it', async () => {
    const path = freshPath()
    const store = await openFileStore(path)
    await store.upsert(erc20Transfer())
    // A lock left by a process that no longer exists (pid 2^22 + 1 is above Linux's pid_max default).
    await writeFile(
      `${path}.lock`,
      JSON.stringify({ pid: 4_194_305, host: hostname(), at: Date.now(), token: 'dead' }),
    )
    await store.setSetting('after', true)
    expect(await store.getSetting('after')).toBe(true)
    expect((await readdir(join(path, '..'))).sort()).toEqual(['state.json'])
    await store.close()
  })

  it('names the holder of a lock that is held too long, and writes nothing', async () => {
    const path = freshPath()
    const store = await openFileStore(path, { lock: { timeoutMs: 200 } })
    await store.upsert(erc20Transfer())
    const before = await readFile(path, 'utf8')
    // Held by a live process: this very test runner.
    await writeFile(
      `${path}.lock`,
      JSON.stringify({ pid: process.pid, host: hostname(), at: Date.now(), token: 'live' }),
    )
    const error = await store.setSetting('x', 1).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StateFileLockedError)
    expect((error as Error).message).toMatch(
      new RegExp(`locked by process ${process.pid} on .*delete ${path}\\.lock`),
    )
    expect(await readFile(path, 'utf8')).toBe(before)
    await rm(`${path}.lock`)
    await store.close()
  })

  it('never overwrites a file another process made unreadable', async () => {
    const path = freshPath()
    const store = await openFileStore(path)
    await store.upsert(erc20Transfer())
    await writeFile(path, '{"format": "superchain-relay-cli-state", "version": 99}')
    await expect(store.setSetting('x', 1)).rejects.toBeInstanceOf(StateFileError)
    expect(await readFile(path, 'utf8')).toBe('{"format": "superchain-relay-cli-state", "version": 99}')
    await store.close().catch(() => undefined)
  })
})
