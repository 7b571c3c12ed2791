/**
 * The relay account's two money limits on the devnet (docs/ARCHITECTURE.md §9): a spending cap per relay, checked
 * by the local signer on the transaction as prepared, right before signing; and a balance that must cover the plan's
 * maximum fee, shown in the plan and checked again before signing. Either refusal leaves the message relayable and
 * signs nothing.
 */
import { sendSuperchainERC20 } from '@eth-optimism/viem/actions/interop'
import { http, parseAbi, parseEther, type Hex } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { approvalOf } from '../../src/core/relay/plan'
import { InsufficientRelayFundsError, SpendingCapExceededError } from '../../src/core/relay/errors'
import { createLocalSigner } from '../../src/core/relay/signer'
import { createMemoryStore } from '../../src/core/store/memoryStore'
import { createTracker } from '../../src/core/tracker/tracker'
import type { Tracker } from '../../src/core/tracker/api'
import { MOCK, startTestDevnet, type TestDevnet } from '../fixtures/devnet'
import { devnetChainConfigs } from '../fixtures/tracker'

let devnet: TestDevnet

beforeAll(async () => {
  devnet = await startTestDevnet()
})
afterAll(async () => {
  await devnet?.stop()
})

async function trackerWith(key: Hex, cap?: bigint): Promise<Tracker> {
  const chains = devnetChainConfigs(devnet)
  const byId = new Map(chains.map((c) => [c.id, c.rpcUrl]))
  const signer = createLocalSigner(
    privateKeyToAccount(key),
    (chain) => http(byId.get(chain.id)),
    cap === undefined ? {} : { spendingCap: () => cap },
  )
  return createTracker({
    store: createMemoryStore(),
    defaultChains: chains,
    verifyChains: false,
    signer: async () => signer,
  })
}

/** A fresh ERC-20 transfer 901 → 902, tracked and ready to relay. */
async function readyMessage(tracker: Tracker): Promise<Hex> {
  const account = devnet.account(0)
  const mint = await devnet.walletClient(901, account).writeContract({
    address: MOCK,
    abi: parseAbi(['function mint(address to, uint256 amount)']),
    functionName: 'mint',
    args: [account.address, parseEther('10')],
    account,
    chain: devnet.chain(901).chain,
  })
  await devnet.publicClient(901).waitForTransactionReceipt({ hash: mint })
  const tx = await sendSuperchainERC20(devnet.walletClient(901, account), {
    tokenAddress: MOCK,
    to: devnet.accounts[1].address,
    amount: parseEther('1'),
    chainId: 902,
    account,
    chain: devnet.chain(901).chain,
  })
  await devnet.publicClient(901).waitForTransactionReceipt({ hash: tx })
  const [message] = await tracker.trackTransaction(901, tx)
  for (let i = 0; i < 60; i++) {
    await tracker.poll()
    if ((await tracker.getMessage(message!.hash))?.status === 'ready') return message!.hash
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error('the message never became ready')
}

describe('relay spending limits', () => {
  it('a cap below the relay fee refuses before signing, naming cap and fee; the message stays relayable', async () => {
    const tracker = await trackerWith(devnet.accounts[2].privateKey as Hex, 1_000n)
    const hash = await readyMessage(tracker)
    const plan = await tracker.prepareRelay(hash, { kind: 'relayAccount' })
    expect(plan.funds).toMatchObject({ enough: true })
    const before = await tracker.getMessage(hash)
    const error = await tracker
      .relay(hash, { kind: 'relayAccount' }, approvalOf(plan)!)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SpendingCapExceededError)
    expect((error as SpendingCapExceededError).cap).toBe(1_000n)
    expect((error as SpendingCapExceededError).maxCost).toBeGreaterThan(1_000n)
    expect((error as Error).message).toMatch(/spending cap of 0\.000000000000001 ETH per relay/)
    expect((error as Error).message).toMatch(/could cost up to [0-9.]+ ETH \(gas \d+ × \d+ wei per gas\)/)
    expect(await tracker.getMessage(hash)).toEqual(before)
    expect(await devnet.publicClient(902).getTransactionCount({ address: devnet.accounts[2].address })).toBe(
      0,
    )
  })

  it('an account that cannot pay the maximum fee is shown so in the plan and refused before signing', async () => {
    const key = generatePrivateKey()
    const tracker = await trackerWith(key, parseEther('1'))
    const hash = await readyMessage(tracker)
    const plan = await tracker.prepareRelay(hash, { kind: 'relayAccount' })
    expect(plan.funds).toEqual({ balance: 0n, enough: false })
    const before = await tracker.getMessage(hash)
    const error = await tracker
      .relay(hash, { kind: 'relayAccount' }, approvalOf(plan)!)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InsufficientRelayFundsError)
    expect((error as Error).message).toContain(`${privateKeyToAccount(key).address} has 0 ETH on`)
    expect((error as Error).message).toMatch(/may cost up to [0-9.]+ ETH/)
    expect(await tracker.getMessage(hash)).toEqual(before)
  })

  it('within the cap and funded, the relay goes through', async () => {
    const tracker = await trackerWith(devnet.accounts[3].privateKey as Hex, parseEther('0.01'))
    const hash = await readyMessage(tracker)
    const plan = await tracker.prepareRelay(hash, { kind: 'relayAccount' })
    expect(plan.funds?.enough).toBe(true)
    expect(await tracker.relay(hash, { kind: 'relayAccount' }, approvalOf(plan)!)).toMatch(/^0x[0-9a-f]{64}$/)
  })

  it('the cap counts the value sent on top of gas × max fee: a transfer within the fee but not with its value is not signed', async () => {
    const account = privateKeyToAccount(devnet.accounts[3].privateKey as Hex)
    const byId = new Map(devnetChainConfigs(devnet).map((c) => [c.id, c.rpcUrl]))
    const target = { chain: devnet.chain(902).chain, client: devnet.publicClient(902) }
    const request = {
      to: devnet.accounts[1].address,
      data: '0x' as Hex,
      value: parseEther('0.5'),
      gas: 21_000n,
      maxFeePerGas: 2_000_000_000n,
      maxPriorityFeePerGas: 1_000_000_000n,
    }
    const fee = 21_000n * 2_000_000_000n
    // Room for the fee, not for the fee plus the value.
    const capped = createLocalSigner(account, (chain) => http(byId.get(chain.id)), {
      spendingCap: () => fee + parseEther('0.4'),
      spendingCapRemedy: 'pass a higher --spending-cap <eth>',
    })
    const error = await capped.sign!(request, target).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SpendingCapExceededError)
    expect((error as SpendingCapExceededError).maxCost).toBe(fee + parseEther('0.5'))
    expect((error as Error).message).toContain(
      `(gas 21000 × 2000000000 wei per gas + 0.5 ETH sent), above the spending cap of 0.400042 ETH per relay. ` +
        'Nothing was signed: pass a higher --spending-cap <eth>.',
    )
    const roomy = createLocalSigner(account, (chain) => http(byId.get(chain.id)), {
      spendingCap: () => fee + parseEther('0.5'),
    })
    expect((await roomy.sign!(request, target)).from).toBe(account.address)
  })
})
