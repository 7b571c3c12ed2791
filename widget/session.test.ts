/**
 * The widget's session and wallet wiring on a real devnet, without a browser: a transfer tracked by tx hash reaches
 * `ready`, is relayed through an EIP-1193 wallet (the demo's test wallet) and announced as relayed; a wallet that
 * drops the access list gets core's plain explanation plus the widget's way out, and is refused early next time.
 */
import { sendSuperchainERC20 } from '@eth-optimism/viem/actions/interop'
import { parseEther, type Hex } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { approvalOf } from '../src/core/relay/plan'
import { createMemoryStore } from '../src/core/store/memoryStore'
import { MOCK, startTestDevnet, type TestDevnet } from '../test/fixtures/devnet'
import { devnetChainConfigs } from '../test/fixtures/tracker'
import { createTestWallet, type SignRequestSummary } from '../examples/demo/testWallet'
import type { SuperchainRelayEventMap } from './events'
import { openWidgetSession, WIDGET_ACCESS_LIST_HINT, type WidgetSession } from './session'
import { createWalletController } from './wallet'

let devnet: TestDevnet
type Heard = {
  [K in keyof SuperchainRelayEventMap]: { type: K; detail: SuperchainRelayEventMap[K] }
}[keyof SuperchainRelayEventMap]

beforeAll(async () => {
  devnet = await startTestDevnet()
  await devnet.mintMock(parseEther('100'))
})
afterAll(async () => {
  await devnet?.stop()
})

async function transfer(): Promise<Hex> {
  const hash = await sendSuperchainERC20(devnet.walletClient(901), {
    tokenAddress: MOCK,
    to: devnet.accounts[0].address,
    amount: parseEther('1'),
    chainId: 902,
    account: devnet.account(0),
    chain: devnet.chain(901).chain,
  })
  await devnet.publicClient(901).waitForTransactionReceipt({ hash })
  return hash
}

function open(options: { dropAccessList?: boolean }) {
  const asked: SignRequestSummary[] = []
  const wallet = createTestWallet({
    rpcUrls: Object.fromEntries(devnet.chains.map((c) => [c.id, c.rpcUrl])),
    accountIndex: 2,
    dropAccessList: options.dropAccessList,
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
  const heard: Heard[] = []
  const session = openWidgetSession({
    chains: devnetChainConfigs(devnet),
    storageName: 'unused-with-a-store',
    store: createMemoryStore(),
    activePollMs: 250,
    walletSigner: () => controller.signer(),
    emit: (type, detail) => heard.push({ type, detail } as Heard),
  })
  return { session, controller, heard, asked }
}

async function until<T>(what: string, check: () => T | undefined, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const value = check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

const sessions: WidgetSession[] = []
afterAll(async () => {
  await Promise.all(sessions.map((s) => s.close()))
})

describe('widget session', () => {
  it('tracks a transfer, relays it through the wallet (switching chain, keeping the access list) and reports it', async () => {
    const { session, heard, asked } = open({})
    sessions.push(session)
    const [message] = await session.track(await transfer(), 901)
    expect(message).toMatchObject({
      source: 901,
      destination: 902,
      intent: { kind: 'erc20', symbol: 'MOCK' },
    })
    await until('ready', () =>
      heard.find(
        (h) =>
          h.type === 'messageUpdated' &&
          h.detail.message.hash === message!.hash &&
          h.detail.status === 'ready',
      ),
    )

    const plan = await session.api.prepareRelay(message!.hash, { kind: 'wallet' })
    const relayHash = await session.api.relay(message!.hash, { kind: 'wallet' }, approvalOf(plan)!)
    expect(asked).toHaveLength(1)
    expect(asked[0]).toMatchObject({ chainId: 902, accessListEntries: 1, droppedAccessListEntries: 0 })
    const relayed = await until('relayed', () => heard.find((h) => h.type === 'relayed'))
    expect(relayed.detail).toMatchObject({
      message: { hash: message!.hash },
      relayTransactionHash: relayHash,
    })
    expect(heard.filter((h) => h.type === 'error')).toEqual([])
  })

  it('explains a wallet that drops the access list, and refuses it early the next time', async () => {
    const { session, heard, asked, controller } = open({ dropAccessList: true })
    sessions.push(session)
    const [message] = await session.track(await transfer(), 901)
    await until('ready', () =>
      heard.find(
        (h) =>
          h.type === 'messageUpdated' &&
          h.detail.message.hash === message!.hash &&
          h.detail.status === 'ready',
      ),
    )

    const approval = approvalOf(await session.api.prepareRelay(message!.hash, { kind: 'wallet' }))!
    const failure = await session.api.relay(message!.hash, { kind: 'wallet' }, approval).then(
      () => undefined,
      (e: Error) => e,
    )
    expect(failure?.name).toBe('AccessListDroppedError')
    expect(failure?.message).toContain(
      "Devnet Test Wallet (drops access lists) dropped the relay's access list",
    )
    expect(failure?.message).toContain('Your funds are safe and the message is still relayable')
    expect(failure?.message).toContain(WIDGET_ACCESS_LIST_HINT)
    expect(asked).toHaveLength(1)
    expect(heard.find((h) => h.type === 'error')?.detail).toMatchObject({
      name: 'AccessListDroppedError',
      context: 'relay',
    })
    expect(controller.getState().dropsAccessList).toBe(true)
    // The message is untouched: still relayable by a signer that keeps the list.
    expect((await session.api.getMessage(message!.hash))?.status).toBe('ready')

    await expect(session.api.relay(message!.hash, { kind: 'wallet' }, approval)).rejects.toThrow(
      /dropped the relay's access list/,
    )
    expect(asked).toHaveLength(1)
  })
})
