/**
 * Chain readiness (docs/ARCHITECTURE.md §4) against real nodes: the devnet, where interop is active with messenger
 * 1.3.0 (resend offered on an expired message), and a plain anvil serving OP Sepolia's chain id without any
 * predeploy — what OP Sepolia is before the Lagoon hardfork — where the app says so in one sentence and refuses to
 * track, instead of failing on a raw error.
 */
import type { Hex } from 'viem'
import { Readable, Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { main } from '../../cli/main'

import { startAnvil, type AnvilInstance } from '../../devnet/anvil'
import { getFreePort } from '../../devnet/ports'
import { InteropNotActiveError } from '../../src/core/chains/errors'
import { verifyChain } from '../../src/core/chains/verifyRpc'
import { findError } from '../../src/core/relay/errors'
import { canResend } from '../../src/core/model/progress'
import { createMemoryStore } from '../../src/core/store/memoryStore'
import { createTracker } from '../../src/core/tracker/tracker'
import { startTestDevnet, type TestDevnet } from '../fixtures/devnet'
import { createTestTracker } from '../fixtures/tracker'

let devnet: TestDevnet
let plain: AnvilInstance
beforeAll(async () => {
  ;[devnet, plain] = await Promise.all([
    startTestDevnet(),
    getFreePort().then((port) => startAnvil({ chainId: 11155420, port, blockTime: 0, slotsInAnEpoch: 2 })),
  ])
})
afterAll(async () => {
  await Promise.all([devnet?.stop(), plain?.stop()])
})

describe('a chain without the interop predeploys', () => {
  it('verifyChain: the RPC is fine, interop is not active, and why', async () => {
    const check = await verifyChain({ id: 11155420, rpcUrl: plain.url })
    expect(check.chainId).toBe(11155420)
    expect(check.interop).toEqual({
      state: 'notActive',
      reason: 'no L2ToL2CrossDomainMessenger at 0x4200000000000000000000000000000000000023',
    })
  })

  it('the tracker adds it, says "interop is not active on OP Sepolia yet", and refuses to track there', async () => {
    const tracker = await createTracker({
      store: createMemoryStore(),
      defaultChains: [],
      chainSource: 'options',
    })
    const added = await tracker.addChain({
      id: 11155420,
      name: 'OP Sepolia',
      rpcUrl: plain.url,
      nativeSymbol: 'ETH',
    })
    expect(added.sentence).toBe('interop is not active on OP Sepolia yet')
    expect(await tracker.chainReadiness()).toEqual([added])
    const error = await tracker.trackTransaction(11155420, `0x${'12'.repeat(32)}`).catch((e: unknown) => e)
    const refusal = findError(error, InteropNotActiveError)
    expect(refusal?.shortMessage).toBe('interop is not active on OP Sepolia yet')
    expect(refusal?.chainId).toBe(11155420)
  })
})

describe('superchain-relay chains --check', () => {
  it('says per chain whether interop is active, and a chain without it is not an RPC failure', async () => {
    let stdout = ''
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        stdout += chunk.toString()
        callback()
      },
    })
    const io = { stdout: sink, stderr: sink, stdin: Readable.from([]), env: {} }
    const rpc = [901, 902]
      .flatMap((id) => ['--rpc', `${id}=${devnet.chain(id).rpcUrl}`])
      .concat(['--rpc', `11155420=${plain.url}`])
    const code = await main(['chains', '--check', ...rpc], io)
    expect(code).toBe(0)
    expect(stdout).toMatch(/^ *901 .* OK · interop is active on .* \(messenger 1\.3\.0\)$/m)
    expect(stdout).toMatch(/^11155420 .* OK · interop is not active on .* yet$/m)
  })
})

describe('the devnet (messenger 1.3.0)', () => {
  it('verifyChain: interop active, messenger 1.3.0 with resend', async () => {
    const check = await verifyChain({ id: 901, rpcUrl: devnet.chain(901).rpcUrl })
    expect(check.interop).toMatchObject({
      state: 'active',
      messenger: { version: '1.3.0', generation: 1, resend: true, expireMessage: false },
    })
  })

  it('an expired message records the source messenger and offers resend', async () => {
    const { tracker } = await createTestTracker(devnet)
    expect((await tracker.chainReadiness()).map((r) => r.sentence)).toEqual([
      'interop is active on Supersim L2 A (messenger 1.3.0)',
      'interop is active on Supersim L2 B (messenger 1.3.0)',
    ])
    const receipt = await devnet.sendMock()
    const [message] = await tracker.trackTransaction(901, receipt.transactionHash)
    await devnet.increaseTime(902, 604_800 + 10)
    const expired = await until(tracker, message!.hash, (m) => m.status === 'expired' && !!m.sourceMessenger)
    expect(expired.sourceMessenger).toBe('1.3.0')
    expect(expired.expiry).toBeUndefined()
    expect(canResend(expired)).toBe(true)
  })
})

type T = Awaited<ReturnType<typeof createTestTracker>>['tracker']
async function until(
  tracker: T,
  hash: Hex,
  done: (m: NonNullable<Awaited<ReturnType<T['getMessage']>>>) => boolean,
) {
  for (let i = 0; i < 60; i++) {
    await tracker.poll()
    const m = await tracker.getMessage(hash)
    if (m && done(m)) return m
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(
    `message ${hash} never got there: ${JSON.stringify((await tracker.getMessage(hash))?.status)}`,
  )
}
