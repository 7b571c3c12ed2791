/**
 * The CLI's persistence between runs: a `MessageStore` with the in-memory store's semantics (it *is* one, wrapped)
 * kept in one JSON file (stateFile.ts), so `track` in one run and `relay` in the next see the same messages, and a
 * `watch` resumes its account scans from the stored cursors.
 *
 * Promises the user can rely on:
 * - A write is atomic (temp file + rename in the same directory): a crash or Ctrl-C mid-write leaves the previous
 *   file, never half of one.
 * - A file we cannot read back (not JSON, another format, a newer version, an invalid message) is an error naming
 *   the file, and nothing ever overwrites it: whatever it holds can still be rescued.
 * - Two processes on one file lose nothing of each other's (docs/ARCHITECTURE.md §5). Every write takes the lock
 *   (stateLock.ts), re-reads the file if another process replaced it since, applies its changes to *that* state —
 *   `update` mutators see the current record — and writes it back before letting go. Reads re-read a file another
 *   process replaced, so a `relay` recorded in one terminal shows in the other's next `status`.
 */
import { mkdir } from 'node:fs/promises'
import { homedir } from 'node:os'
import { dirname, join, resolve } from 'node:path'

import { createMemoryStore, type MessageStore } from '../src/core'

import { STATE_ENV } from './args'
import { acquireLock, type LockOptions } from './stateLock'
import { readState, signatureOf, stateText, writeAtomically, type FileSignature } from './stateFile'

export { STATE_FORMAT, STATE_VERSION, StateFileError, type StateFile } from './stateFile'
export { StateFileLockedError } from './stateLock'

export interface FileStore extends MessageStore {
  readonly path: string
  /** Resolves once every change made so far is on disk. */
  flush(): Promise<void>
}

export function defaultStatePath(): string {
  return join(homedir(), '.superchain-relay', 'state.json')
}

/** --state wins over the env var, which wins over the default. */
export function resolveStatePath(flag: string | undefined, env: Record<string, string | undefined>): string {
  return resolve(flag ?? (env[STATE_ENV]?.trim() || defaultStatePath()))
}

/** A change to apply to the freshly read state, under the lock. */
type Change = (memory: MessageStore) => Promise<unknown>

interface Queued {
  change: Change
  resolve(value: unknown): void
  reject(error: unknown): void
}

/** The file as last read or written by this process, held in a memory store. */
interface Mirror {
  readonly path: string
  memory: MessageStore
  /** Setting keys the file holds: the memory store cannot list its settings. */
  settingKeys: Set<string>
  loaded: FileSignature
  closed: boolean
  createdDirectory: boolean
}

/** Re-read the file when another process replaced it since we last read or wrote it. */
async function refresh(mirror: Mirror): Promise<void> {
  const signature = await signatureOf(mirror.path)
  if (signature === mirror.loaded) return
  const state = await readState(mirror.path)
  const fresh = createMemoryStore()
  const keys = new Set<string>()
  if (state) {
    await fresh.upsertMany(state.messages)
    for (const [key, cursor] of state.cursors) await fresh.setCursor(key, cursor)
    for (const [key, value] of Object.entries(state.settings)) {
      await fresh.setSetting(key, value)
      keys.add(key)
    }
  }
  await mirror.memory.close()
  mirror.memory = fresh
  mirror.settingKeys = keys
  mirror.loaded = signature
}

/** Takes the lock (making the directory the first time), or rejects every change of the batch. */
async function lockFor(mirror: Mirror, batch: Queued[], options: LockOptions | undefined) {
  try {
    if (!mirror.createdDirectory) {
      await mkdir(dirname(mirror.path), { recursive: true, mode: 0o700 })
      mirror.createdDirectory = true
    }
    return await acquireLock(mirror.path, options)
  } catch (error) {
    for (const q of batch) q.reject(error)
    return undefined
  }
}

/** One lock + re-read + apply every change + atomic write, then each caller hears how its own change went. */
async function writeBatch(mirror: Mirror, batch: Queued[], options: LockOptions | undefined): Promise<void> {
  const lock = await lockFor(mirror, batch, options)
  if (!lock) return
  let settle: () => void
  try {
    await refresh(mirror)
    const results: { ok: boolean; value: unknown }[] = []
    for (const { change } of batch) {
      // One failing change (a mutator that throws) fails alone; the others are still written.
      results.push(
        await change(mirror.memory).then(
          (value) => ({ ok: true, value }),
          (value: unknown) => ({ ok: false, value }),
        ),
      )
    }
    await writeAtomically(mirror.path, await stateText(mirror.memory, mirror.settingKeys))
    mirror.loaded = await signatureOf(mirror.path)
    settle = () =>
      batch.forEach((q, i) => (results[i]!.ok ? q.resolve(results[i]!.value) : q.reject(results[i]!.value)))
  } catch (error) {
    // The file was not written: what this batch changed in memory is dropped by re-reading it next time.
    mirror.loaded = 'stale'
    settle = () => batch.forEach((q) => q.reject(error))
  }
  // Let go before the callers hear back: a write they awaited has released the file too.
  await lock.release().catch(() => undefined)
  settle()
}

/**
 * Changes are batched: while one write is on its way, later changes wait and then share one lock + re-read +
 * write, so a scan that moves its cursor fifty times does not rewrite the file fifty times in a row.
 */
function createWriteQueue(mirror: Mirror, options: LockOptions | undefined) {
  let queue: Queued[] = []
  let tail: Promise<void> = Promise.resolve()
  let scheduled = false
  return {
    /** Resolves once every change queued so far is on disk (or failed). */
    tail: () => tail,
    write<T>(change: (memory: MessageStore) => Promise<T>): Promise<T> {
      if (mirror.closed) return change(mirror.memory) // the closed memory store rejects it with StoreClosedError
      return new Promise<T>((resolve, reject) => {
        queue.push({ change, resolve: resolve as (value: unknown) => void, reject })
        if (scheduled) return
        scheduled = true
        tail = tail.then(async () => {
          scheduled = false
          const batch = queue
          queue = []
          await writeBatch(mirror, batch, options)
        })
      })
    },
    async read<T>(get: (memory: MessageStore) => Promise<T>): Promise<T> {
      // Reads go after the writes already queued (their own changes are visible), then catch up with the file.
      await tail
      if (!mirror.closed) await refresh(mirror)
      return get(mirror.memory)
    },
  }
}

export async function openFileStore(path: string, options: { lock?: LockOptions } = {}): Promise<FileStore> {
  const mirror: Mirror = {
    path,
    memory: createMemoryStore(),
    settingKeys: new Set(),
    loaded: 'never',
    closed: false,
    createdDirectory: false,
  }
  await refresh(mirror)
  const { read, write, tail } = createWriteQueue(mirror, options.lock)

  return {
    path,
    get: (hash) => read((m) => m.get(hash)),
    list: (filter) => read((m) => m.list(filter)),
    upsert: (message) => write((m) => m.upsert(message)),
    upsertMany: (messages) => write((m) => m.upsertMany(messages)),
    update: (hash, mutate) => write((m) => m.update(hash, mutate)),
    updateMany: (hashes, mutate) => write((m) => m.updateMany(hashes, mutate)),
    remove: (hash) => write((m) => m.remove(hash)),
    clear: () => write((m) => m.clear()),
    getCursor: (key) => read((m) => m.getCursor(key)),
    setCursor: (key, cursor) => write((m) => m.setCursor(key, cursor)),
    listCursors: () => read((m) => m.listCursors()),
    removeCursor: (key) => write((m) => m.removeCursor(key)),
    getSetting: (key) => read((m) => m.getSetting(key)),
    setSetting: (key, value) =>
      write(async (m) => {
        mirror.settingKeys.add(key)
        await m.setSetting(key, value)
      }),
    updateSetting: (key, mutate) =>
      write(async (m) => {
        mirror.settingKeys.add(key)
        return m.updateSetting(key, mutate)
      }),
    flush: tail,
    async close() {
      await tail()
      mirror.closed = true
      await mirror.memory.close()
    },
  }
}
