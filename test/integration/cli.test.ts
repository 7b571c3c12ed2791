/**
 * The CLI as a user runs it: `node bin/superchain-relay.mjs …` as a child process against a devnet (no autorelay),
 * with the devnet's RPCs passed as --rpc and a temporary --state. Tracks a SuperchainERC20 transfer, relays it with
 * a key from the environment, sees it relayed in status and by an account watch, and checks the documented exit
 * codes for bad input. Independent runs go in parallel: each CLI start costs seconds of module loading.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { sendSuperchainERC20 } from '@eth-optimism/viem/actions/interop'
import { parseAbi, parseEther, type Hex } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestDevnet, type TestDevnet } from '../fixtures/devnet'

const MOCK = '0x420beeF000000000000000000000000000000001' as const
const mockAbi = parseAbi([
  'function mint(address to, uint256 amount)',
  'function balanceOf(address) view returns (uint256)',
])
const repo = fileURLToPath(new URL('../..', import.meta.url))

let devnet: TestDevnet
let dir: string
let rpc: string[]
let mintTx: Hex
let transferTx: Hex
let messageHash: Hex

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const childEnv: Record<string, string | undefined> = { ...process.env, ...env }
  // Only what the test passes: a developer's own key or state file must not leak into the run.
  if (!env.SUPERCHAIN_RELAY_PRIVATE_KEY) delete childEnv.SUPERCHAIN_RELAY_PRIVATE_KEY
  delete childEnv.SUPERCHAIN_RELAY_STATE
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/superchain-relay.mjs', ...args], {
      cwd: repo,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

const state = (name: string) => ['--state', join(dir, `${name}.json`)]

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'superchain-relay-cli-'))
  devnet = await startTestDevnet()
  rpc = devnet.chains.flatMap((c) => ['--rpc', `${c.id}=${c.rpcUrl}`])
  const sender = devnet.account(0)
  mintTx = await devnet.walletClient(901, sender).writeContract({
    address: MOCK,
    abi: mockAbi,
    functionName: 'mint',
    args: [sender.address, parseEther('100')],
    account: sender,
    chain: devnet.chain(901).chain,
  })
  await devnet.publicClient(901).waitForTransactionReceipt({ hash: mintTx })
  transferTx = await sendSuperchainERC20(devnet.walletClient(901, sender), {
    tokenAddress: MOCK,
    to: devnet.accounts[1].address,
    amount: parseEther('10'),
    chainId: 902,
    account: sender,
    chain: devnet.chain(901).chain,
  })
  await devnet.publicClient(901).waitForTransactionReceipt({ hash: transferTx })
})

afterAll(async () => {
  await devnet?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

describe('superchain-relay CLI on the devnet', () => {
  it('tracks a transfer by tx (--json), and gives the documented exit codes for bad input', async () => {
    const [track, badHash, keyFlag, unknownMessage, noMessage, deadRpc] = await Promise.all([
      cli(['track', '--chain', '901', '--tx', transferTx, '--json', ...rpc, ...state('main')]),
      cli(['track', '--chain', '901', '--tx', '0x1234', ...rpc, ...state('bad')]),
      cli(['relay', `0x${'ab'.repeat(32)}`, '--key', devnet.accounts[2].privateKey, ...rpc, ...state('bad')]),
      cli(['status', `0x${'ab'.repeat(32)}`, ...rpc, ...state('bad')]),
      cli(['track', '--chain', '901', '--tx', mintTx, ...rpc, ...state('bad')]),
      cli(['chains', '--check', ...rpc, '--rpc', '901=http://127.0.0.1:1']),
    ])

    expect(track.stderr).toBe('')
    expect(track.code).toBe(0)
    const tracked = JSON.parse(track.stdout) as { pending: boolean; messages: Record<string, unknown>[] }
    expect(tracked.pending).toBe(false)
    expect(tracked.messages).toHaveLength(1)
    expect(tracked.messages[0]).toMatchObject({
      source: 901,
      destination: 902,
      sourceTransactionHash: transferTx,
      intent: {
        kind: 'erc20',
        token: MOCK,
        from: devnet.accounts[0].address,
        to: devnet.accounts[1].address,
        amount: parseEther('10').toString(),
        symbol: 'MOCK',
        decimals: 18,
      },
    })
    expect(['initiated', 'ready']).toContain(tracked.messages[0]!.status)
    messageHash = tracked.messages[0]!.hash as Hex

    expect(badHash).toMatchObject({ code: 2, stdout: '' })
    expect(badHash.stderr).toBe(
      "superchain-relay: '0x1234' is not a transaction hash: expected 0x followed by 64 hex digits\n",
    )
    expect(keyFlag.code).toBe(2)
    expect(keyFlag.stderr).toMatch(/^superchain-relay: refusing --key: .*SUPERCHAIN_RELAY_PRIVATE_KEY/)
    expect(keyFlag.stderr).not.toContain(devnet.accounts[2].privateKey.slice(2))
    expect(unknownMessage.code).toBe(3)
    expect(unknownMessage.stderr).toMatch(/^superchain-relay: no tracked message with hash 0xabab/)
    expect(noMessage.code).toBe(3)
    expect(noMessage.stderr).toMatch(/sent no cross-chain message/)
    expect(deadRpc.code).toBe(4)
    expect(deadRpc.stdout).toMatch(/^901 .*http:\/\/127\.0\.0\.1:1 .*unreachable/m)
    expect(deadRpc.stdout).toMatch(/^902 .*OK · interop is active on .* \(messenger 1\.3\.0\)$/m)
  })

  it('refuses a relay that could cost more than --spending-cap, naming the figures; nothing is sent', async () => {
    const relayer = devnet.accounts[2].address
    const nonceBefore = await devnet.publicClient(902).getTransactionCount({ address: relayer })
    const relay = await cli(
      ['relay', messageHash, '--yes', '--spending-cap', '0.000000001', ...rpc, ...state('main')],
      { SUPERCHAIN_RELAY_PRIVATE_KEY: devnet.accounts[2].privateKey },
    )
    expect(relay.code).toBe(5)
    expect(relay.stdout).toMatch(
      /cap {9}0\.000000001 ETH per relay \(--spending-cap\) — this relay could cost more/,
    )
    expect(relay.stderr).toMatch(
      /^superchain-relay: this transaction could cost up to 0\.\d+ ETH \(gas \d+ × \d+ wei per gas\), above the spending cap of 0\.000000001 ETH per relay\. Nothing was signed: pass a higher --spending-cap <eth>, or relay when fees are lower\.$/m,
    )
    expect(await devnet.publicClient(902).getTransactionCount({ address: relayer })).toBe(nonceBefore)
    const status = await cli(['status', '--json', ...rpc, ...state('main')])
    const { messages } = JSON.parse(status.stdout) as { messages: { hash: string; status: string }[] }
    expect(messages.find((m) => m.hash === messageHash)?.status).toBe('ready')
  })

  it('relays it with the key from the environment and waits until it is relayed', async () => {
    const relay = await cli(['relay', messageHash, '--yes', ...rpc, ...state('main')], {
      SUPERCHAIN_RELAY_PRIVATE_KEY: devnet.accounts[2].privateKey,
    })
    expect(relay.stderr).toBe('')
    expect(relay.code).toBe(0)
    expect(relay.stdout).toContain(`signer      ${devnet.accounts[2].address}`)
    expect(relay.stdout).toMatch(/simulation {2}ok/)
    expect(relay.stdout).toMatch(/^relayed: tx 0x[0-9a-f]{64} in block \d+$/m)
    expect(
      await devnet.publicClient(902).readContract({
        address: MOCK,
        abi: mockAbi,
        functionName: 'balanceOf',
        args: [devnet.accounts[1].address],
      }),
    ).toBe(parseEther('10'))
  })

  it('shows it relayed in status, finds it by watching the sender, and relaying again is not an error', async () => {
    const [status, watch, again] = await Promise.all([
      cli(['status', '--json', ...rpc, ...state('main')]),
      // A fresh state: the watch must discover the message by scanning, not from what track stored.
      cli(['watch', '--account', devnet.accounts[0].address, '--once', '--json', ...rpc, ...state('watch')]),
      cli(['relay', messageHash, '--yes', ...rpc, ...state('main')], {
        SUPERCHAIN_RELAY_PRIVATE_KEY: devnet.accounts[3].privateKey,
      }),
    ])

    expect(status.code).toBe(0)
    const { messages } = JSON.parse(status.stdout) as { messages: Record<string, unknown>[] }
    const message = messages.find((m) => m.hash === messageHash)
    expect(['relayed', 'finalized']).toContain(message?.status)
    expect((message?.relay as { relayer?: string } | undefined)?.relayer?.toLowerCase()).toBe(
      devnet.accounts[2].address.toLowerCase(),
    )

    expect(watch.code).toBe(0)
    const watched = JSON.parse(watch.stdout) as { accounts: string[]; messages: Record<string, unknown>[] }
    expect(watched.accounts).toEqual([devnet.accounts[0].address])
    const found = watched.messages.find((m) => m.hash === messageHash)
    expect(found).toMatchObject({ sourceTransactionHash: transferTx })
    expect(['relayed', 'finalized']).toContain(found?.status)

    expect(again.code).toBe(0)
    expect(again.stdout).toMatch(/^already relayed: tx 0x[0-9a-f]{64} by /m)
  })
})
