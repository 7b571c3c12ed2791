/**
 * The issue's "done when": `npm run devnet` in one terminal, and a script using `@eth-optimism/viem`'s Supersim chain
 * definitions — unchanged, default URLs 127.0.0.1:9545/9546 — sends and relays a SuperchainERC20 transfer.
 */
import { spawn, type ChildProcess } from 'node:child_process'

import {
  buildExecutingMessage,
  getCrossDomainMessages,
  getCrossDomainMessageStatus,
  relayCrossDomainMessage,
  sendSuperchainERC20,
} from '@eth-optimism/viem/actions/interop'
import { supersimL2A, supersimL2B } from '@eth-optimism/viem/chains'
import { createPublicClient, createWalletClient, http, parseAbi, parseEther } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { isPortFree } from '../../devnet/ports'
import { anvilChildren, stillAlive } from '../fixtures/processes'

let cli: ChildProcess
let output = ''

beforeAll(async () => {
  for (const port of [9545, 9546]) {
    if (!(await isPortFree(port)))
      throw new Error(`port ${port} is busy: stop the running devnet (npm start?) before this test`)
  }
  cli = spawn(process.execPath, ['--import', 'tsx', 'devnet/cli.ts', '--block-time', '1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  cli.stdout!.on('data', (c: Buffer) => (output += c.toString()))
  cli.stderr!.on('data', (c: Buffer) => (output += c.toString()))
  const deadline = Date.now() + 30_000
  while (!output.includes('devnet ready')) {
    if (Date.now() > deadline || cli.exitCode !== null)
      throw new Error(`devnet CLI did not become ready:\n${output}`)
    await new Promise((r) => setTimeout(r, 50))
  }
})

afterAll(() => {
  if (cli && cli.exitCode === null) cli.kill('SIGKILL')
})

it('prints a ready line with chain ids and URLs', () => {
  expect(output).toMatch(/chain 901 \(Supersim L2 A\): http:\/\/127\.0\.0\.1:9545/)
  expect(output).toMatch(/chain 902 \(Supersim L2 B\): http:\/\/127\.0\.0\.1:9546/)
})

it('lets Supersim code send and relay a SuperchainERC20 transfer unchanged', async () => {
  const account = privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80')
  const publicA = createPublicClient({ chain: supersimL2A, transport: http() })
  const publicB = createPublicClient({ chain: supersimL2B, transport: http() })
  const walletA = createWalletClient({ account, chain: supersimL2A, transport: http() })
  const walletB = createWalletClient({ account, chain: supersimL2B, transport: http() })
  const token = '0x420beeF000000000000000000000000000000001'
  const abi = parseAbi([
    'function mint(address to, uint256 amount)',
    'function balanceOf(address) view returns (uint256)',
  ])

  await publicA.waitForTransactionReceipt({
    hash: await walletA.writeContract({
      address: token,
      abi,
      functionName: 'mint',
      args: [account.address, parseEther('5')],
    }),
  })
  const sent = await sendSuperchainERC20(walletA, {
    tokenAddress: token,
    to: account.address,
    amount: parseEther('5'),
    chainId: supersimL2B.id,
  })
  const receipt = await publicA.waitForTransactionReceipt({ hash: sent })
  const [message] = await getCrossDomainMessages(publicA, { logs: receipt.logs })
  const params = await buildExecutingMessage(publicA, { log: message!.log })
  const sentBlock = await publicA.getBlock({ blockNumber: receipt.blockNumber })
  while ((await publicB.getBlock({ blockTag: 'pending' })).timestamp <= sentBlock.timestamp)
    await new Promise((r) => setTimeout(r, 200))
  const relay = await relayCrossDomainMessage(walletB, params)
  expect((await publicB.waitForTransactionReceipt({ hash: relay })).status).toBe('success')
  expect(await getCrossDomainMessageStatus(publicB, { message: message! })).toBe('relayed')
  expect(
    await publicB.readContract({ address: token, abi, functionName: 'balanceOf', args: [account.address] }),
  ).toBe(parseEther('5'))
})

it('stops on SIGTERM leaving no anvil behind', async () => {
  const pid = cli.pid!
  // Look the anvil children up while they are ours: an orphan would be re-parented to init after the CLI exits.
  const anvils = anvilChildren(pid)
  expect(anvils).toHaveLength(2)
  const exited = new Promise<number | null>((resolve) => cli.once('exit', (code) => resolve(code)))
  cli.kill('SIGTERM')
  expect(await exited).toBe(0)
  expect(stillAlive(anvils)).toEqual([])
  expect(await isPortFree(9545)).toBe(true)
})
