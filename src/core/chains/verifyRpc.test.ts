import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { connect, createServer } from 'node:net'
import type { Server, Socket } from 'node:net'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ChainIdMismatchError, RpcUnreachableError } from './errors'
import { verifyRpc } from './verifyRpc'

const ANVIL = 'node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil'

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      if (address === null || typeof address === 'string') return reject(new Error('no port'))
      server.close(() => resolve(address.port))
    })
  })
}

async function waitForPort(port: number, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1')
      socket.once('connect', () => (socket.destroy(), resolve(true)))
      socket.once('error', () => resolve(false))
    })
    if (open) return
    if (Date.now() > until) throw new Error(`anvil did not open port ${port}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** Catches the rejection so the test can inspect it, and fails if there was none. */
async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise
  } catch (error) {
    return error as Error
  }
  throw new Error('expected a rejection')
}

describe('verifyRpc', () => {
  let anvil: ChildProcess
  let anvilPort: number
  /** Accepts TCP connections and never answers: the shape of a firewalled or wedged node. */
  let silent: Server
  let silentPort: number
  const silentSockets = new Set<Socket>()

  beforeAll(async () => {
    anvilPort = await freePort()
    anvil = spawn(ANVIL, ['--port', String(anvilPort), '--chain-id', '901', '--silent'], { stdio: 'ignore' })
    silent = createServer((socket) => {
      silentSockets.add(socket)
      socket.on('close', () => silentSockets.delete(socket))
    })
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    silentPort = (silent.address() as { port: number }).port
    await waitForPort(anvilPort)
  })

  afterAll(async () => {
    if (anvil.exitCode === null) {
      const exited = new Promise((resolve) => anvil.once('exit', resolve))
      anvil.kill('SIGTERM')
      await exited
    }
    for (const socket of silentSockets) socket.destroy()
    await new Promise((resolve) => silent.close(resolve))
  })

  it('resolves with the chain id when an http RPC serves the expected chain', async () => {
    await expect(verifyRpc({ id: 901, rpcUrl: `http://127.0.0.1:${anvilPort}` })).resolves.toBe(901)
  })

  it('works over a WebSocket too', async () => {
    await expect(verifyRpc({ id: 901, rpcUrl: `ws://127.0.0.1:${anvilPort}` })).resolves.toBe(901)
  })

  it('names the URL and both ids when the RPC serves another chain', async () => {
    const url = `http://127.0.0.1:${anvilPort}`
    const error = await rejectionOf(verifyRpc({ id: 902, rpcUrl: url }))
    expect(error).toBeInstanceOf(ChainIdMismatchError)
    expect((error as ChainIdMismatchError).shortMessage).toBe(`RPC ${url} serves chain 901, not 902.`)
    expect(error).toMatchObject({ url, expected: 902, actual: 901 })
  })

  it('reports a closed port as unreachable, with the URL and the refusal', async () => {
    const deadPort = await freePort()
    const url = `http://127.0.0.1:${deadPort}`
    const error = await rejectionOf(verifyRpc({ id: 901, rpcUrl: url }))
    expect(error).toBeInstanceOf(RpcUnreachableError)
    expect((error as RpcUnreachableError).url).toBe(url)
    expect((error as RpcUnreachableError).shortMessage).toMatch(
      new RegExp(`^RPC ${url} is unreachable: .*ECONNREFUSED`),
    )
  })

  it('reports a closed WebSocket port as unreachable', async () => {
    const deadPort = await freePort()
    const error = await rejectionOf(verifyRpc({ id: 901, rpcUrl: `ws://127.0.0.1:${deadPort}` }))
    expect(error).toBeInstanceOf(RpcUnreachableError)
    expect((error as RpcUnreachableError).reason).toMatch(/ECONNREFUSED/)
  })

  it('reports an RPC that never answers as timed out', async () => {
    const url = `http://127.0.0.1:${silentPort}`
    const started = Date.now()
    const error = await rejectionOf(verifyRpc({ id: 901, rpcUrl: url }, { timeoutMs: 300 }))
    expect(Date.now() - started).toBeLessThan(3_000)
    expect(error).toBeInstanceOf(RpcUnreachableError)
    expect((error as RpcUnreachableError).shortMessage).toBe(
      `RPC ${url} is unreachable: timed out after 300 ms.`,
    )
  })

  it('times out a WebSocket that never completes its handshake', async () => {
    const error = await rejectionOf(
      verifyRpc({ id: 901, rpcUrl: `ws://127.0.0.1:${silentPort}` }, { timeoutMs: 300 }),
    )
    expect(error).toBeInstanceOf(RpcUnreachableError)
    expect((error as RpcUnreachableError).reason).toBe('timed out after 300 ms')
  })
})
