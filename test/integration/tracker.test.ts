/**
 * The tracker against the devnet (no autorelay): find messages by tx and by account, follow them to finalized, relay
 * with a local key, and the hard cases — reverting target, racing relayers, expiry and resend, reorg.
 */
import { sendCrossDomainMessage, sendETH, sendSuperchainERC20 } from '@eth-optimism/viem/actions/interop'
import { encodeFunctionData, parseAbi, parseEther, type Address, type Hex } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { artifacts } from '../../devnet/contracts/artifacts'
import { InitiatingLogNotFoundError } from '../../src/core/relay/prepare'
import type { Tracker } from '../../src/core/tracker/api'
import type { MessageStatus, TrackedMessage } from '../../src/core/model/message'
import { startTestDevnet, type TestDevnet } from '../fixtures/devnet'
import { createTestTracker, relayApproved } from '../fixtures/tracker'

const MOCK = '0x420beeF000000000000000000000000000000001' as const
const mockAbi = parseAbi([
  'function mint(address to, uint256 amount)',
  'function balanceOf(address) view returns (uint256)',
])

let devnet: TestDevnet
let tracker: Tracker

async function sendErc20(amount = parseEther('10'), to: Address = devnet.accounts[1].address, from = 0) {
  const hash = await sendSuperchainERC20(devnet.walletClient(901, devnet.account(from)), {
    tokenAddress: MOCK,
    to,
    amount,
    chainId: 902,
    account: devnet.account(from),
    chain: devnet.chain(901).chain,
  })
  await devnet.publicClient(901).waitForTransactionReceipt({ hash })
  return hash
}

/** Poll until the message reaches one of `statuses` (the devnet mines every second). */
async function until(hash: Hex, statuses: MessageStatus[], t = tracker): Promise<TrackedMessage> {
  for (let i = 0; i < 60; i++) {
    await t.poll()
    const m = await t.getMessage(hash)
    if (m && statuses.includes(m.status)) return m
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(
    `message ${hash} never reached ${statuses.join('/')}: ${(await t.getMessage(hash))?.status}`,
  )
}

beforeAll(async () => {
  devnet = await startTestDevnet()
  for (const i of [0, 1]) {
    const mint = await devnet.walletClient(901, devnet.account(i)).writeContract({
      address: MOCK,
      abi: mockAbi,
      functionName: 'mint',
      args: [devnet.accounts[i]!.address, parseEther('1000')],
      account: devnet.account(i),
      chain: devnet.chain(901).chain,
    })
    await devnet.publicClient(901).waitForTransactionReceipt({ hash: mint })
  }
  ;({ tracker } = await createTestTracker(devnet))
})
afterAll(async () => {
  await devnet?.stop()
})

describe('tracker on the devnet', () => {
  it('tracks an ERC-20 transfer by tx, relays it with a local key, and follows it to finalized', async () => {
    const tx = await sendErc20()
    const [message] = await tracker.trackTransaction(901, tx)
    expect(message).toMatchObject({
      source: 901,
      destination: 902,
      intent: { kind: 'erc20', token: MOCK, amount: parseEther('10'), symbol: 'MOCK', decimals: 18 },
    })
    const ready = await until(message!.hash, ['ready'])
    expect(ready.initiatingLog?.transactionHash).toBe(tx)

    const plan = await tracker.prepareRelay(message!.hash)
    expect(plan.simulation).toEqual({ ok: true })
    expect(plan.description).toMatch(/^Mint 10 MOCK to 0x7099.*on Supersim L2 B$/)
    expect(plan.fee?.total).toBeGreaterThan(0n)

    const relayHash = await relayApproved(tracker, message!.hash)
    expect((await tracker.getMessage(message!.hash))?.status).toBe('relaying')
    const relayed = await until(message!.hash, ['relayed', 'finalized'])
    expect(relayed.relay?.transactionHash).toBe(relayHash)
    expect(relayed.relay?.relayer?.toLowerCase()).toBe(devnet.accounts[2].address.toLowerCase())
    expect(
      await devnet.publicClient(902).readContract({
        address: MOCK,
        abi: mockAbi,
        functionName: 'balanceOf',
        args: [devnet.accounts[1].address],
      }),
    ).toBe(parseEther('10'))
    await devnet.mine(902, 6)
    await devnet.mine(901, 6)
    const finalized = await until(message!.hash, ['finalized'])
    expect(finalized.destinationSafety).toBe('finalized')
    expect(finalized.sourceSafety).toBe('finalized')
  })

  it('finds ETH, ERC-20 and generic messages by account, outgoing and incoming', async () => {
    const alice = devnet.accounts[3].address
    const bob = devnet.accounts[1].address
    await tracker.watchAccount(alice)
    const eth = await sendETH(devnet.walletClient(901, devnet.account(3)), {
      to: bob,
      chainId: 902,
      value: parseEther('0.25'),
      account: devnet.account(3),
      chain: devnet.chain(901).chain,
    })
    await devnet.publicClient(901).waitForTransactionReceipt({ hash: eth })
    const incoming = await sendErc20(parseEther('3'), alice, 1)
    const greeter = '0x000000000000000000000000000000000000dEaD'
    const generic = await sendCrossDomainMessage(devnet.walletClient(902, devnet.account(3)), {
      destinationChainId: 901,
      target: greeter,
      message: '0x12345678',
      account: devnet.account(3),
      chain: devnet.chain(902).chain,
    })
    await devnet.publicClient(902).waitForTransactionReceipt({ hash: generic })

    expect(await tracker.scanAccounts()).toBeGreaterThanOrEqual(3)
    const mine = await tracker.listMessages({ accounts: [alice] })
    const byTx = (h: Hex) => mine.find((m) => m.sourceTransactionHash === h)
    expect(byTx(eth)?.intent).toMatchObject({ kind: 'eth', amount: parseEther('0.25') })
    expect(byTx(incoming)?.intent).toMatchObject({ kind: 'erc20', amount: parseEther('3') })
    expect(byTx(generic)?.intent).toMatchObject({ kind: 'generic', selector: '0x12345678' })
    expect(byTx(generic)?.source).toBe(902)
    // A second scan resumes from the cursor and finds nothing new.
    expect(await tracker.scanAccounts()).toBe(0)
  })

  it('marks a message with a reverting target failed with its reason, and relays it once fixed', async () => {
    const deploy = await devnet.walletClient(902).deployContract({
      abi: artifacts.Greeter.abi,
      bytecode: artifacts.Greeter.bytecode,
      account: devnet.account(0),
      chain: devnet.chain(902).chain,
    })
    const greeter = (await devnet.publicClient(902).waitForTransactionReceipt({ hash: deploy }))
      .contractAddress!
    const body = encodeFunctionData({ abi: artifacts.Greeter.abi, functionName: 'fail', args: ['closed'] })
    const tx = await sendCrossDomainMessage(devnet.walletClient(901), {
      destinationChainId: 902,
      target: greeter,
      message: body,
      account: devnet.account(0),
      chain: devnet.chain(901).chain,
    })
    await devnet.publicClient(901).waitForTransactionReceipt({ hash: tx })
    const [message] = await tracker.trackTransaction(901, tx)
    await until(message!.hash, ['ready'])
    await expect(relayApproved(tracker, message!.hash)).rejects.toThrow(/would revert.*Nothing was sent/)
    const failed = await tracker.getMessage(message!.hash)
    expect(failed?.status).toBe('failed')
    expect(failed?.failure?.reason).toMatch(/0x/)

    const allow = await devnet.walletClient(902).writeContract({
      address: greeter,
      abi: artifacts.Greeter.abi,
      functionName: 'setAllow',
      args: [true],
      account: devnet.account(0),
      chain: devnet.chain(902).chain,
    })
    await devnet.publicClient(902).waitForTransactionReceipt({ hash: allow })
    await relayApproved(tracker, message!.hash)
    expect((await until(message!.hash, ['relayed', 'finalized'])).failure).toBeUndefined()
  })

  it('lets two relayers race: one relays, the other learns it is relayed, not failed', async () => {
    const tx = await sendErc20(1n)
    const [message] = await tracker.trackTransaction(901, tx)
    const { tracker: other } = await createTestTracker(devnet, { key: devnet.accounts[3].privateKey as Hex })
    await other.trackTransaction(901, tx)
    await until(message!.hash, ['ready'])
    await until(message!.hash, ['ready'], other)
    const results = await Promise.allSettled([
      relayApproved(tracker, message!.hash),
      relayApproved(other, message!.hash),
    ])
    expect(results.some((r) => r.status === 'fulfilled')).toBe(true)
    const a = await until(message!.hash, ['relayed', 'finalized'])
    const b = await until(message!.hash, ['relayed', 'finalized'], other)
    expect(a.relay?.transactionHash).toBe(b.relay?.transactionHash)
  })
})

describe('tracker: reorg and expiry', () => {
  it('sees a reorged-out initiating log as reorged and refuses to relay it', async () => {
    const snapshot = (await devnet.publicClient(901).request({ method: 'evm_snapshot' as never })) as Hex
    const tx = await sendErc20(2n)
    const [message] = await tracker.trackTransaction(901, tx)
    await until(message!.hash, ['ready', 'initiated'])
    await devnet.publicClient(901).request({ method: 'evm_revert' as never, params: [snapshot] as never })
    await devnet.mine(901, 3)
    const reorged = await until(message!.hash, ['reorged'])
    expect(reorged.initiatingLog).toBeUndefined()
    const nonce = await devnet.publicClient(902).getTransactionCount({ address: devnet.accounts[2].address })
    await expect(relayApproved(tracker, message!.hash)).rejects.toBeInstanceOf(InitiatingLogNotFoundError)
    expect(await devnet.publicClient(902).getTransactionCount({ address: devnet.accounts[2].address })).toBe(
      nonce,
    )
  })

  it('takes a relay back when a destination reorg undoes it, and the message is ready again', async () => {
    const receipt = await devnet.sendMock({ amount: 1n })
    const [message] = await tracker.trackTransaction(901, receipt.transactionHash)
    await until(message!.hash, ['ready'])
    const snapshot = (await devnet.publicClient(902).request({ method: 'evm_snapshot' as never })) as Hex
    await relayApproved(tracker, message!.hash)
    expect((await until(message!.hash, ['relayed'])).relay).toBeDefined()
    await devnet.publicClient(902).request({ method: 'evm_revert' as never, params: [snapshot] as never })
    await devnet.mine(902)
    const back = await until(message!.hash, ['ready'])
    expect(back.relay).toBeUndefined()
  })

  it('marks a message expired after 7 days, and resendMessage makes it ready again', async () => {
    const tx = await sendErc20(3n)
    const [message] = await tracker.trackTransaction(901, tx)
    await until(message!.hash, ['ready'])
    await devnet.increaseTime(902, 604_800 + 10)
    const expired = await until(message!.hash, ['expired'])
    await expect(tracker.prepareRelay(expired.hash)).rejects.toThrow(/resendMessage on chain 901/)

    // Move the source's clock level with the destination's, then resend from the tracker.
    await devnet.increaseTime(901, 604_800 + 10)
    await tracker.resend(message!.hash, { kind: 'relayAccount' })
    const ready = await until(message!.hash, ['ready'])
    expect(ready.initiatingLog?.transactionHash).not.toBe(tx)
    await relayApproved(tracker, message!.hash)
    await until(message!.hash, ['relayed', 'finalized'])
  })
})
