/**
 * A lock file beside the state file, held only while one process re-reads, changes and rewrites it (milliseconds),
 * so that two processes on one state file (a `watch` in one terminal, a `relay` in another) never lose each other's
 * changes (docs/ARCHITECTURE.md §5).
 *
 * The lock is `<state>.lock`, created exclusively (O_EXCL), holding who took it: `{ pid, host, at, token }`. A lock
 * whose holder is gone — a dead pid on this host, or older than `staleMs` (a crash mid-write; no write takes that
 * long) — is broken: it is renamed away first and removed only if it is still the stale one, so two processes
 * breaking it at once do not both end up holding it. A lock that stays held past `timeoutMs` is an error naming
 * the holder and the file to delete.
 */
import { randomBytes } from 'node:crypto'
import { link, open, readFile, rename, unlink } from 'node:fs/promises'
import { hostname } from 'node:os'

import { SuperchainRelayError } from '../src/core'

export interface LockHolder {
  pid: number
  host: string
  /** ms since epoch. */
  at: number
  token: string
}

/** The state file stayed locked by another process for longer than a write can take. */
export class StateFileLockedError extends SuperchainRelayError {
  override name = 'StateFileLockedError'
  constructor(
    readonly lockPath: string,
    readonly holder: LockHolder | undefined,
    waitedMs: number,
  ) {
    const who = holder
      ? `process ${holder.pid} on ${holder.host} (since ${new Date(holder.at).toISOString()})`
      : 'another process'
    super(
      `the state file is locked by ${who}; waited ${Math.round(waitedMs / 1000)} s. If no superchain-relay is ` +
        `running, delete ${lockPath}`,
    )
  }
}

export interface LockOptions {
  /** Give up waiting after this long. Default 10 s. */
  timeoutMs?: number
  /** A lock older than this is a crashed writer's. Default 30 s. */
  staleMs?: number
}

export interface HeldLock {
  release(): Promise<void>
}

export async function acquireLock(statePath: string, options: LockOptions = {}): Promise<HeldLock> {
  const lockPath = `${statePath}.lock`
  const timeoutMs = options.timeoutMs ?? 10_000
  const staleMs = options.staleMs ?? 30_000
  const started = Date.now()
  const me: LockHolder = {
    pid: process.pid,
    host: hostname(),
    at: Date.now(),
    token: randomBytes(8).toString('hex'),
  }
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(lockPath, 'wx', 0o600)
      try {
        await handle.writeFile(JSON.stringify({ ...me, at: Date.now() }))
      } finally {
        await handle.close()
      }
      return { release: () => releaseLock(lockPath, me.token) }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const holder = await readHolder(lockPath)
    if (holder === 'gone') continue
    if (isStale(holder, staleMs)) {
      await breakLock(lockPath, holder)
      continue
    }
    const waited = Date.now() - started
    if (waited > timeoutMs) throw new StateFileLockedError(lockPath, holder, waited)
    // Short, jittered waits: a write holds the lock for milliseconds, and two waiters should not wake in step.
    await new Promise((r) => setTimeout(r, Math.min(100, 5 * 2 ** Math.min(attempt, 4)) + Math.random() * 10))
  }
}

async function releaseLock(lockPath: string, token: string): Promise<void> {
  // Only our own lock: had ours been broken as stale, the file may now be another process's.
  const holder = await readHolder(lockPath)
  if (holder !== 'gone' && holder?.token !== token) return
  await unlink(lockPath).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error
  })
}

/** The holder, undefined when the file is unreadable (being written this instant), 'gone' when it vanished. */
async function readHolder(lockPath: string): Promise<LockHolder | undefined | 'gone'> {
  let text: string
  try {
    text = await readFile(lockPath, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone'
    throw error
  }
  try {
    const value = JSON.parse(text) as Partial<LockHolder>
    if (typeof value.pid === 'number' && typeof value.at === 'number' && typeof value.token === 'string') {
      return { pid: value.pid, host: String(value.host ?? ''), at: value.at, token: value.token }
    }
  } catch {
    // Half-written by a holder that is creating it right now, or garbage: judged by age below.
  }
  return undefined
}

function isStale(holder: LockHolder | undefined, staleMs: number): holder is LockHolder {
  if (!holder) return false
  if (Date.now() - holder.at > staleMs) return true
  return holder.host === hostname() && !isAlive(holder.pid)
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

async function breakLock(lockPath: string, stale: LockHolder): Promise<void> {
  const aside = `${lockPath}.${randomBytes(4).toString('hex')}.stale`
  try {
    await rename(lockPath, aside)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return // someone else broke it first
    throw error
  }
  const moved = await readHolder(aside)
  if (moved !== 'gone' && moved?.token !== stale.token) {
    // We moved a fresh lock someone took after we judged the old one: put it back where its holder expects it
    // (a link, which never replaces a lock a third process may have taken meanwhile).
    await link(aside, lockPath).catch(() => undefined)
  }
  await unlink(aside).catch(() => undefined)
}
