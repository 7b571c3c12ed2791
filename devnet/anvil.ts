/**
 * One anvil process per devnet chain, from the npm package (no download at install time). The devnet owns the child
 * process directly so that stop(), Ctrl-C or the parent exiting never leaves an anvil behind.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

export interface AnvilOptions {
  chainId: number
  port: number
  /** Seconds between blocks; 0 = mine on every transaction (automine). */
  blockTime: number
  /**
   * anvil reports `safe` = latest - slots and `finalized` = latest - 2·slots. Its default (32) would keep a devnet
   * message "unsafe" for minutes; a small epoch lets the whole journey to "finalized" be seen in seconds.
   */
  slotsInAnEpoch: number
  /**
   * Genesis timestamp (seconds). anvil's genesis depends only on its config and this timestamp (default: now), so two
   * starts in the same second produce the same genesis hash — and the same hashes for blocks mined alike after it. A
   * restart passes a later timestamp, so that a tracker can tell the new chain from the old one.
   */
  genesisTimestamp?: bigint
}

export interface AnvilInstance {
  chainId: number
  url: string
  process: ChildProcess
  stop(): Promise<void>
}

/** Absolute path of the anvil binary shipped by `@foundry-rs/anvil-linux-amd64` (or another platform package). */
export function anvilBinaryPath(): string {
  const require = createRequire(import.meta.url)
  const platformPackage = `@foundry-rs/anvil-${process.platform}-${process.arch === 'x64' ? 'amd64' : process.arch}`
  try {
    return join(dirname(require.resolve(`${platformPackage}/package.json`)), 'bin', 'anvil')
  } catch {
    throw new Error(
      `anvil binary not found: the npm package ${platformPackage} is not installed (run npm ci; only linux-amd64 is tested)`,
    )
  }
}

const live = new Set<ChildProcess>()
let exitHookInstalled = false

/** Kill every anvil we started if the Node process exits without calling stop() (e.g. a test runner bailing out). */
function installExitHook(): void {
  if (exitHookInstalled) return
  exitHookInstalled = true
  process.on('exit', () => {
    for (const child of live) child.kill('SIGKILL')
  })
}

export async function startAnvil(options: AnvilOptions): Promise<AnvilInstance> {
  installExitHook()
  const args = [
    '--host',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--chain-id',
    String(options.chainId),
    '--slots-in-an-epoch',
    String(options.slotsInAnEpoch),
    '--silent',
  ]
  if (options.blockTime > 0) args.push('--block-time', String(options.blockTime))
  if (options.genesisTimestamp !== undefined) args.push('--timestamp', String(options.genesisTimestamp))
  const child = spawn(anvilBinaryPath(), args, { stdio: ['ignore', 'ignore', 'pipe'] })
  live.add(child)
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000)
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.once('exit', () => live.delete(child))

  const url = `http://127.0.0.1:${options.port}`
  const deadline = Date.now() + 15_000
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `anvil for chain ${options.chainId} exited at start-up (port ${options.port}): ${stderr.trim()}`,
      )
    }
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
      })
      if (response.ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(
        `anvil for chain ${options.chainId} did not answer on ${url} within 15 s: ${stderr.trim()}`,
      )
    }
    await new Promise((r) => setTimeout(r, 20))
  }

  return {
    chainId: options.chainId,
    url,
    process: child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 2_000)
      await exited
      clearTimeout(timer)
    },
  }
}
