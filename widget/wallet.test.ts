/**
 * The widget's wallet signer keeps the approved plan's bound, as the extension's relay account does
 * (docs/ARCHITECTURE.md §9), on a real devnet with the demo's EIP-1193 test wallet: a relay re-priced above the
 * approval is refused before the wallet is asked; the signer itself refuses to ask the wallet for gas or a max fee
 * above the approval (plus the margin) or for figures it would price itself, and sends within it.
 */
import { sendSuperchainERC20 } from '@eth-optimism/viem/actions/interop'
import { parseEther, type Hex } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { FeeAboveApprovalError, PlanChangedError } from '../src/core/relay/errors'
import { approvalOf, approvedCeiling } from '../src/core/relay/plan'
import type { SignerRequest } from '../src/core/relay/signer'
import { createMemoryStore } from '../src/core/store/memoryStore'
import { MOCK, startTestDevnet, type TestDevnet } from '../test/fixtures/devnet'
import { devnetChainConfigs } from '../test/fixtures/tracker'
import { createTestWallet, type SignRequestSummary } from '../examples/demo/testWallet'
import { openWidgetSession, type WidgetSession } from './session'
import { createWalletController } from './wallet'

let devnet: TestDevnet
const sessions: WidgetSession[] = []

beforeAll(async () => {
  devnet = await startTestDevnet()
  await devnet.mintMock(parseEther('100'))
})
afterAll(async () => {
  await Promise.all(sessions.map((s) => s.close()))
  await devnet?.stop()
})

function walletOn(accountIndex: number) {
  const asked: SignRequestSummary[] = []
  const wallet = createTestWallet({
    rpcUrls: Object.fromEntries(devnet.chains.map((c) => [c.id, c.rpcUrl])),
    accountIndex,
    confirm: async (summary) => {
      asked.push(summary)
      return true
    },
  })
  const memory = new Map<string, string>()
  const controller = createWalletController({
    provider: wallet.provider,
    walletName: wallet.info.name,
    memory: { getItem: (k) => memory.get(k) ?? null, setItem: (k, v) => void memory.set(k, v) },
  })
  return { controller, asked, address: wallet.address }
}

const target = () => ({ chain: devnet.chain(902).chain, client: devnet.publicClient(902) })

describe('the widget wallet signer keeps to the approved fee', () => {
  it('a relay re-priced above the approval is refused before the wallet is asked; the message stays relayable', async () => {
    const { controller, asked, address } = walletOn(1)
    const session = openWidgetSession({
      chains: devnetChainConfigs(devnet),
      storageName: 'unused-with-a-store',
      store: createMemoryStore(),
      activePollMs: 250,
      walletSigner: () => controller.signer(),
      emit: () => {},
    })
    sessions.push(session)
    const tx = await sendSuperchainERC20(devnet.walletClient(901), {
      tokenAddress: MOCK,
      to: devnet.accounts[0].address,
      amount: parseEther('1'),
      chainId: 902,
      account: devnet.account(0),
      chain: devnet.chain(901).chain,
    })
    await devnet.publicClient(901).waitForTransactionReceipt({ hash: tx })
    const [message] = await session.track(tx, 901)
    const deadline = Date.now() + 20_000
    while ((await session.api.getMessage(message!.hash))?.status !== 'ready') {
      if (Date.now() > deadline) throw new Error('the message never became ready')
      await new Promise((r) => setTimeout(r, 200))
    }

    const plan = await session.api.prepareRelay(message!.hash, { kind: 'wallet' })
    const approved = approvalOf(plan)!
    // The user approved a plan whose max fee per gas was well below what the chain asks now.
    const stale = { gas: approved.gas, maxFeePerGas: approved.maxFeePerGas / 2n }
    const nonce = await devnet.publicClient(902).getTransactionCount({ address })
    const error = await session.api.relay(message!.hash, { kind: 'wallet' }, stale).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PlanChangedError)
    expect((error as Error).message).toContain(`you approved gas ${stale.gas} at ${stale.maxFeePerGas} wei`)
    expect(asked).toEqual([])
    expect(await devnet.publicClient(902).getTransactionCount({ address })).toBe(nonce)
    expect((await session.api.getMessage(message!.hash))?.status).toBe('ready')
  })

  it('the signer does not ask the wallet for gas or a max fee above the approval (plus 10%) or for unpinned figures', async () => {
    const { controller, asked, address } = walletOn(3)
    await controller.connect()
    const signer = await controller.signer()
    const approval = { gas: 30_000n, maxFeePerGas: 2_000_000_000n }
    const base: SignerRequest = {
      to: devnet.accounts[0].address,
      data: '0x',
      value: 0n,
      gas: 21_000n,
      maxFeePerGas: 2_000_000_000n,
      maxPriorityFeePerGas: 1_000_000_000n,
      approval,
    }
    const nonce = await devnet.publicClient(902).getTransactionCount({ address })
    const refusals: [string, SignerRequest, RegExp][] = [
      [
        'max fee above the margin',
        { ...base, maxFeePerGas: approvedCeiling(approval.maxFeePerGas) + 1n },
        /not asking Devnet Test Wallet to sign gas 21000 at up to 2200000001 wei per gas: you approved gas 30000 at 2000000000 wei \(plus 10%\)/,
      ],
      ['gas above the margin', { ...base, gas: 33_001n }, /sign gas 33001 at up to 2000000000 wei/],
      ['no gas limit (the wallet would estimate)', { ...base, gas: undefined }, /sign gas unset at/],
      [
        'no max fee (the wallet would price it)',
        { ...base, maxFeePerGas: undefined },
        /at up to unset wei per gas/,
      ],
    ]
    for (const [label, request, message] of refusals) {
      const error = await signer.send(request, target()).catch((e: unknown) => e)
      expect(error, label).toBeInstanceOf(FeeAboveApprovalError)
      expect((error as Error).message, label).toMatch(message)
      expect((error as Error).message, label).toContain('Nothing was sent')
    }
    expect(asked).toEqual([])
    expect(await devnet.publicClient(902).getTransactionCount({ address })).toBe(nonce)

    // At the ceiling exactly: asked once, sent, and signed with the pinned figures.
    const within = {
      ...base,
      gas: approvedCeiling(approval.gas),
      maxFeePerGas: approvedCeiling(2_000_000_000n),
    }
    const sent = await signer.send(within, target())
    expect(asked).toHaveLength(1)
    const mined = await devnet.publicClient(902).getTransaction({ hash: sent.hash as Hex })
    expect(mined).toMatchObject({ gas: 33_000n, maxFeePerGas: 2_200_000_000n })
  })
})
