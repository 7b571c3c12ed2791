/**
 * The behaviour every `MessageStore` must share. Each implementation's test file runs this suite, so the memory
 * store used in tests cannot drift from the IndexedDB store the extension ships.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { normalizeAddress, type TrackedMessage } from '../model/message'
import { MessageIdentityError, StoreClosedError } from './errors'
import {
  ALICE,
  BOB,
  CAROL,
  erc20Transfer,
  ethTransfer,
  relayedGenericMessage,
} from './messageFixtures.test-helper'
import { asImported } from './importPolicy'
import { exportHistory, importHistory, parseHistory } from './serialize'
import type { MessageStore, ScanCursor } from './types'

export function describeMessageStore(name: string, openStore: () => Promise<MessageStore>): void {
  describe(`${name} (MessageStore contract)`, () => {
    let store: MessageStore

    beforeEach(async () => {
      store = await openStore()
    })
    afterEach(async () => {
      await store.close()
    })

    const hashes = (messages: TrackedMessage[]) => messages.map((m) => m.hash)

    describe('messages', () => {
      it('returns undefined for an unknown hash', async () => {
        expect(await store.get(erc20Transfer().hash)).toBeUndefined()
      })

      it('returns what was stored, bigints and optional fields intact', async () => {
        const message = relayedGenericMessage()
        await store.upsert(message)
        const stored = await store.get(message.hash)
        expect(stored).toEqual(message)
        expect(typeof stored?.initiatingLog?.blockNumber).toBe('bigint')
        expect(stored?.initiatingLog?.blockNumber).toBe(18_446_744_073_709_551_615n)
      })

      it('replaces by hash instead of adding a second entry', async () => {
        const message = erc20Transfer()
        await store.upsert(message)
        await store.upsert({ ...message, status: 'relayed', updatedAt: message.updatedAt + 1 })
        const all = await store.list()
        expect(all).toHaveLength(1)
        expect(all[0]?.status).toBe('relayed')
      })

      it('treats a hash spelled in upper case as the same message', async () => {
        const message = erc20Transfer()
        await store.upsert(message)
        await store.upsert({
          ...message,
          hash: message.hash.toUpperCase().replace('0X', '0x') as typeof message.hash,
        })
        expect(await store.list()).toHaveLength(1)
        expect(
          await store.get(message.hash.toUpperCase().replace('0X', '0x') as typeof message.hash),
        ).toBeDefined()
      })

      it('stores watched accounts lower-cased and without repeats', async () => {
        const message = { ...erc20Transfer(), accounts: [ALICE, normalizeAddress(ALICE), BOB] }
        await store.upsert(message)
        expect((await store.get(message.hash))?.accounts).toEqual([
          normalizeAddress(ALICE),
          normalizeAddress(BOB),
        ])
      })

      it('upsertMany writes a batch, the later copy of a repeated hash winning', async () => {
        const a = erc20Transfer({ nonce: 1n })
        const b = ethTransfer({ nonce: 2n })
        await store.upsertMany([a, b, { ...a, status: 'ready' }])
        expect(await store.list()).toHaveLength(2)
        expect((await store.get(a.hash))?.status).toBe('ready')
        await store.upsertMany([])
        expect(await store.list()).toHaveLength(2)
      })

      it('upsertMany writes nothing when one message in the batch cannot be stored', async () => {
        const kept = erc20Transfer({ nonce: 1n })
        await store.upsert(kept)
        const unstorable = {
          ...ethTransfer({ nonce: 2n }),
          failure: { reason: 'x', at: 0, toString: () => 'fn' },
        }
        await expect(store.upsertMany([erc20Transfer({ nonce: 3n }), unstorable])).rejects.toThrow()
        expect(hashes(await store.list())).toEqual([kept.hash])
      })

      it('removes by hash, and removing an unknown hash is harmless', async () => {
        const a = erc20Transfer({ nonce: 1n })
        const b = erc20Transfer({ nonce: 2n })
        await store.upsertMany([a, b])
        await store.remove(a.hash)
        await store.remove(a.hash)
        expect(hashes(await store.list())).toEqual([b.hash])
      })
    })

    describe('update (the one way to change a stored message)', () => {
      it('inserts when the hash is absent, and resolves with what is stored', async () => {
        const message = erc20Transfer()
        const stored = await store.update(message.hash, (current) => (current ? undefined : message))
        expect(stored).toEqual(message)
        expect(await store.get(message.hash)).toEqual(message)
      })

      it('gives the mutator a private copy: changing it without returning it writes nothing', async () => {
        const message = erc20Transfer()
        await store.upsert(message)
        const result = await store.update(message.hash, (current) => {
          if (current) current.status = 'failed'
          return undefined
        })
        expect(result?.status).toBe('initiated')
        expect((await store.get(message.hash))?.status).toBe('initiated')
      })

      it('loses no change when many updates of one message run at once', async () => {
        const message = erc20Transfer()
        await store.upsert(message)
        const accounts = Array.from({ length: 20 }, (_, i) =>
          normalizeAddress(`0x${(i + 1).toString(16).padStart(40, '0')}`),
        )
        await Promise.all(
          accounts.map((account) =>
            store.update(
              message.hash,
              (current) => current && { ...current, accounts: [...current.accounts, account] },
            ),
          ),
        )
        const stored = await store.get(message.hash)
        expect(new Set(stored?.accounts)).toEqual(new Set([normalizeAddress(ALICE), ...accounts]))
      })

      it('writes nothing when the mutator throws, and rejects with its error', async () => {
        const message = erc20Transfer()
        await store.upsert(message)
        const boom = new Error('mutator failed')
        await expect(
          store.update(message.hash, () => {
            throw boom
          }),
        ).rejects.toBe(boom)
        expect(await store.get(message.hash)).toEqual(message)
      })

      it('refuses to store the result under another hash: the hash is the identity', async () => {
        const a = erc20Transfer({ nonce: 1n })
        const b = erc20Transfer({ nonce: 2n })
        await store.upsert(a)
        await expect(store.update(a.hash, () => b)).rejects.toBeInstanceOf(MessageIdentityError)
        expect(await store.list()).toEqual([a])
      })

      it('updateMany is all or nothing, and hands each mutator the current record', async () => {
        const a = erc20Transfer({ nonce: 1n })
        const b = ethTransfer({ nonce: 2n })
        await store.upsertMany([a, b])
        const results = await store.updateMany(
          [a.hash, b.hash],
          (current) => current && { ...current, status: 'ready' },
        )
        expect(results.map((m) => m?.status)).toEqual(['ready', 'ready'])
        await expect(
          store.updateMany([a.hash, b.hash], (current, hash) => {
            if (hash === b.hash) throw new Error('second fails')
            return current && { ...current, status: 'failed' }
          }),
        ).rejects.toThrow('second fails')
        expect((await store.get(a.hash))?.status).toBe('ready')
      })

      it('updateSetting loses no change under concurrent writers', async () => {
        await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            store.updateSetting('list', (current) => [...((current as number[] | undefined) ?? []), i]),
          ),
        )
        expect(((await store.getSetting<number[]>('list')) ?? []).slice().sort((x, y) => x - y)).toEqual([
          0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
        ])
        expect(await store.updateSetting('list', () => undefined)).toHaveLength(10)
      })
    })

    describe('list', () => {
      const older = erc20Transfer({ nonce: 1n, createdAt: 1_000, from: ALICE, to: BOB, status: 'ready' })
      const newer = ethTransfer({ nonce: 2n, createdAt: 3_000, from: BOB, to: CAROL, status: 'relayed' })
      const both = relayedGenericMessage({
        createdAt: 2_000,
        from: ALICE,
        to: CAROL,
        source: 903,
        destination: 904,
      })
      const sameTimeA = erc20Transfer({ nonce: 10n, createdAt: 5_000 })
      const sameTimeB = erc20Transfer({ nonce: 11n, createdAt: 5_000 })

      beforeEach(async () => {
        await store.upsertMany([both, older, newer])
      })

      it('orders newest first by createdAt', async () => {
        expect(hashes(await store.list())).toEqual([newer.hash, both.hash, older.hash])
      })

      it('orders messages created in the same millisecond by hash', async () => {
        await store.upsertMany([sameTimeB, sameTimeA])
        const first = [sameTimeA.hash, sameTimeB.hash].sort()
        expect(hashes(await store.list()).slice(0, 2)).toEqual(first)
      })

      it('filters by account, case-insensitively, listing a message once however many accounts match', async () => {
        // Watched accounts: older [alice], newer [carol], both [alice, carol]; bob is in none.
        expect(hashes(await store.list({ accounts: [ALICE] }))).toEqual([both.hash, older.hash])
        expect(await store.list({ accounts: [BOB] })).toEqual([])
        expect(hashes(await store.list({ accounts: [CAROL.toLowerCase() as typeof CAROL] }))).toEqual([
          newer.hash,
          both.hash,
        ])
        expect(hashes(await store.list({ accounts: [ALICE, CAROL, BOB] }))).toEqual([
          newer.hash,
          both.hash,
          older.hash,
        ])
      })

      it('filters by status', async () => {
        expect(hashes(await store.list({ statuses: ['ready'] }))).toEqual([older.hash])
        expect(hashes(await store.list({ statuses: ['ready', 'finalized'] }))).toEqual([
          both.hash,
          older.hash,
        ])
      })

      it('filters by chain, matching the source or the destination', async () => {
        expect(hashes(await store.list({ chainId: 902 }))).toEqual([newer.hash, older.hash])
        expect(hashes(await store.list({ chainId: 904 }))).toEqual([both.hash])
        expect(await store.list({ chainId: 10 })).toEqual([])
      })

      it('combines criteria with AND', async () => {
        expect(hashes(await store.list({ accounts: [CAROL], statuses: ['relayed'] }))).toEqual([newer.hash])
        expect(hashes(await store.list({ accounts: [CAROL], chainId: 903 }))).toEqual([both.hash])
        expect(await store.list({ statuses: ['ready'], chainId: 903 })).toEqual([])
      })

      it('matches nothing for an empty account or status list', async () => {
        expect(await store.list({ accounts: [] })).toEqual([])
        expect(await store.list({ statuses: [] })).toEqual([])
      })
    })

    describe('cursors', () => {
      const cursor: ScanCursor = {
        chainId: 901,
        account: ALICE,
        direction: 'outgoing',
        fromBlock: 0n,
        toBlock: 9_007_199_254_740_993n, // 2^53 + 1
        rangeSize: 10_000n,
        updatedAt: 1_000,
      }

      it('keeps a cursor under its key, bigints intact, and replaces it on the next write', async () => {
        expect(await store.getCursor('901:alice:outgoing')).toBeUndefined()
        await store.setCursor('901:alice:outgoing', cursor)
        expect(await store.getCursor('901:alice:outgoing')).toEqual(cursor)
        await store.setCursor('901:alice:outgoing', {
          ...cursor,
          toBlock: cursor.toBlock + 1n,
          updatedAt: 2_000,
        })
        expect((await store.getCursor('901:alice:outgoing'))?.toBlock).toBe(9_007_199_254_740_994n)
        expect(await store.getCursor('901:alice:incoming')).toBeUndefined()
      })

      it('lists cursors with their keys and removes one by key', async () => {
        await store.setCursor('901:a', cursor)
        await store.setCursor('902:a', { ...cursor, chainId: 902 })
        const listed = (await store.listCursors()).sort((x, y) => x.key.localeCompare(y.key))
        expect(listed).toEqual([
          { key: '901:a', cursor },
          { key: '902:a', cursor: { ...cursor, chainId: 902 } },
        ])
        await store.removeCursor('901:a')
        await store.removeCursor('901:a')
        expect((await store.listCursors()).map((c) => c.key)).toEqual(['902:a'])
      })
    })

    describe('settings', () => {
      it('keeps JSON values by key and tells a stored null from a missing key', async () => {
        expect(await store.getSetting('theme')).toBeUndefined()
        await store.setSetting('theme', 'dark')
        await store.setSetting('watched', { accounts: [ALICE], chains: [901, 902], notify: true })
        await store.setSetting('relayer', null)
        expect(await store.getSetting<string>('theme')).toBe('dark')
        expect(await store.getSetting('watched')).toEqual({
          accounts: [ALICE],
          chains: [901, 902],
          notify: true,
        })
        expect(await store.getSetting('relayer')).toBeNull()
        await store.setSetting('theme', 'light')
        expect(await store.getSetting('theme')).toBe('light')
      })
    })

    describe('clear', () => {
      it('forgets messages and cursors but keeps settings', async () => {
        await store.upsertMany([erc20Transfer({ nonce: 1n }), ethTransfer({ nonce: 2n })])
        await store.setCursor('k', {
          chainId: 901,
          account: ALICE,
          direction: 'incoming',
          fromBlock: 1n,
          toBlock: 2n,
          rangeSize: 1n,
          updatedAt: 0,
        })
        await store.setSetting('theme', 'dark')
        await store.clear()
        expect(await store.list()).toEqual([])
        expect(await store.getCursor('k')).toBeUndefined()
        expect(await store.getSetting('theme')).toBe('dark')
      })
    })

    describe('isolation from callers', () => {
      it('is not changed by mutating a message after storing it', async () => {
        const message = erc20Transfer()
        await store.upsert(message)
        message.status = 'failed'
        message.accounts.push(normalizeAddress(CAROL))
        if (message.intent.kind === 'erc20') message.intent.amount = 1n
        const stored = await store.get(message.hash)
        expect(stored?.status).toBe('initiated')
        expect(stored?.accounts).toEqual([normalizeAddress(ALICE)])
        expect(stored?.intent).toMatchObject({ amount: 1_000_000_000_000_000_000_000n })
      })

      it('is not changed by mutating what get and list return', async () => {
        const message = relayedGenericMessage()
        await store.upsert(message)
        const got = await store.get(message.hash)
        if (!got?.initiatingLog) throw new Error('fixture lost its initiating log')
        got.initiatingLog.logIndex = 99
        const [listed] = await store.list()
        if (!listed) throw new Error('fixture not listed')
        listed.accounts.length = 0
        expect(await store.get(message.hash)).toEqual(message)
      })

      it('is not changed by mutating cursors and settings on either side', async () => {
        const cursor: ScanCursor = {
          chainId: 902,
          account: BOB,
          direction: 'sender',
          fromBlock: 5n,
          toBlock: 6n,
          rangeSize: 2n,
          updatedAt: 1,
        }
        await store.setCursor('c', cursor)
        cursor.toBlock = 100n
        const read = await store.getCursor('c')
        if (!read) throw new Error('cursor not stored')
        read.fromBlock = 100n
        expect(await store.getCursor('c')).toMatchObject({ fromBlock: 5n, toBlock: 6n })

        const setting = { chains: [901] }
        await store.setSetting('s', setting)
        setting.chains.push(902)
        const readSetting = await store.getSetting<{ chains: number[] }>('s')
        readSetting?.chains.push(903)
        expect(await store.getSetting('s')).toEqual({ chains: [901] })
      })
    })

    describe('history files', () => {
      it('round-trips every message through export and import into an empty store, bigints intact', async () => {
        const messages = [erc20Transfer({ nonce: 1n }), ethTransfer({ nonce: 2n }), relayedGenericMessage()]
        await store.upsertMany(messages)
        const file = await exportHistory(store)
        expect(parseHistory(file)).toEqual(messages)
        await store.clear()
        const now = Date.now()
        expect(await importHistory(store, file, { now })).toEqual({ added: 3, updated: 0, skipped: 0 })
        // Stored as the import policy makes them: identity and body intact, unverified until the poller looks.
        for (const message of messages)
          expect(await store.get(message.hash)).toEqual(asImported(message, now))
      })

      it('leaves the store untouched when a file is rejected', async () => {
        const kept = relayedGenericMessage()
        await store.upsert(kept)
        const file = JSON.parse(await exportHistory(store)) as { messages: Record<string, unknown>[] }
        file.messages.push({ ...file.messages[0], status: 'lost' })
        await expect(importHistory(store, JSON.stringify(file))).rejects.toThrow('messages[1].status')
        expect(await store.list()).toEqual([kept])
      })
    })

    describe('close', () => {
      it('rejects every later call with StoreClosedError, and closing twice is harmless', async () => {
        await store.close()
        await store.close()
        await expect(store.get(erc20Transfer().hash)).rejects.toBeInstanceOf(StoreClosedError)
        await expect(store.list()).rejects.toBeInstanceOf(StoreClosedError)
        await expect(store.upsert(erc20Transfer())).rejects.toBeInstanceOf(StoreClosedError)
        await expect(store.setSetting('a', 1)).rejects.toBeInstanceOf(StoreClosedError)
        await expect(store.getCursor('a')).rejects.toBeInstanceOf(StoreClosedError)
      })
    })
  })
}
