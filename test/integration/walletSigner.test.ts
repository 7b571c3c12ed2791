/**
 * Relaying through an EIP-1193 wallet: the chain is switched, and a wallet that drops the access list (as MetaMask
 * does, metamask-extension#11863) is caught with a plain explanation instead of a mysterious NotInAccessList.
 * The wallets here are real signers over devnet keys; one of them strips `accessList` exactly like MetaMask.
 */
import { sendSuperchainERC20 } from '@eth-optimism/viem/actions/interop'
import { createWalletClient, http, numberToHex, type EIP1193Provider, type Hex } from 'viem'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { createWalletSigner } from '../../src/core/relay/signer'
import { createMemoryStore } from '../../src/core/store/memoryStore'
import { createTracker } from '../../src/core/tracker/tracker'
import { startTestDevnet, type TestDevnet } from '../fixtures/devnet'
import { startFaultyRpc } from '../fixtures/faultyRpc'
import { devnetChainConfigs, relayApproved } from '../fixtures/tracker'

let devnet: TestDevnet
beforeAll(async () => {
  devnet = await startTestDevnet()
})
afterAll(async () => {
  await devnet?.stop()
})

/**
 * A minimal injected wallet over a devnet key; `dropAccessList` mimics MetaMask; `ignoresSwitch` answers a chain
 * switch without switching (a wallet whose user dismissed the prompt, or one that lies).
 */
function devnetWallet(options: { dropAccessList: boolean; ignoresSwitch?: boolean }) {
  let chainId = 901
  const calls: string[] = []
  const sent: Record<string, unknown>[] = []
  const account = devnet.account(1)
  const provider = {
    async request({ method, params }: { method: string; params?: unknown[] }) {
      calls.push(method)
      switch (method) {
        case 'eth_accounts':
        case 'eth_requestAccounts':
          return [account.address]
        case 'eth_chainId':
          return numberToHex(chainId)
        case 'wallet_switchEthereumChain': {
          const wanted = Number((params![0] as { chainId: Hex }).chainId)
          if (!devnet.chains.some((c) => c.id === wanted))
            throw Object.assign(new Error('unknown chain'), { code: 4902 })
          if (!options.ignoresSwitch) chainId = wanted
          return null
        }
        case 'eth_sendTransaction': {
          const tx = params![0] as { to: Hex; data: Hex; value?: Hex; gas?: Hex; accessList?: never }
          sent.push(params![0] as Record<string, unknown>)
          const wallet = createWalletClient({
            account,
            chain: devnet.chain(chainId).chain,
            transport: http(devnet.chain(chainId).rpcUrl),
          })
          return wallet.sendTransaction({
            to: tx.to,
            data: tx.data,
            value: tx.value ? BigInt(tx.value) : 0n,
            ...(tx.gas ? { gas: BigInt(tx.gas) } : {}),
            ...(!options.dropAccessList && tx.accessList ? { accessList: tx.accessList } : {}),
          })
        }
        default:
          return devnet.publicClient(chainId).request({ method, params } as never)
      }
    },
  } as unknown as EIP1193Provider
  return { provider, calls, sent }
}

async function readyTransfer(tracker: Awaited<ReturnType<typeof createTracker>>) {
  const hash = await sendSuperchainERC20(devnet.walletClient(901), {
    tokenAddress: '0x420beeF000000000000000000000000000000001',
    to: devnet.accounts[1].address,
    amount: 0n,
    chainId: 902,
    account: devnet.account(0),
    chain: devnet.chain(901).chain,
  })
  await devnet.publicClient(901).waitForTransactionReceipt({ hash })
  const [message] = await tracker.trackTransaction(901, hash)
  for (let i = 0; i < 40 && (await tracker.getMessage(message!.hash))?.status !== 'ready'; i++) {
    await new Promise((r) => setTimeout(r, 250))
    await tracker.poll()
  }
  return message!
}

it('relays through a wallet that keeps the access list, switching it to the destination chain', async () => {
  const wallet = devnetWallet({ dropAccessList: false })
  const tracker = await createTracker({
    store: createMemoryStore(),
    defaultChains: devnetChainConfigs(devnet),
    verifyChains: false,
    signer: async () => createWalletSigner({ provider: wallet.provider, name: 'Test wallet' }),
  })
  const message = await readyTransfer(tracker)
  const hash = await relayApproved(tracker, message.hash, { kind: 'wallet' })
  expect(wallet.calls).toContain('wallet_switchEthereumChain')
  expect((await devnet.publicClient(902).waitForTransactionReceipt({ hash })).status).toBe('success')
})

it('explains plainly when the wallet dropped the access list, and leaves the message relayable', async () => {
  const wallet = devnetWallet({ dropAccessList: true })
  let remembered = false
  const tracker = await createTracker({
    store: createMemoryStore(),
    defaultChains: devnetChainConfigs(devnet),
    verifyChains: false,
    signer: async () =>
      createWalletSigner({
        provider: wallet.provider,
        name: 'MetaMask',
        onAccessListDropped: () => (remembered = true),
      }),
  })
  const message = await readyTransfer(tracker)
  await expect(relayApproved(tracker, message.hash, { kind: 'wallet' })).rejects.toThrow(
    /MetaMask dropped the relay's access list.*built-in relay account/s,
  )
  expect(remembered).toBe(true)
  expect((await tracker.getMessage(message.hash))?.status).toBe('ready')
})

it('pins the destination chain id on the transaction, and refuses a wallet that did not switch', async () => {
  const wallet = devnetWallet({ dropAccessList: false })
  const tracker = await createTracker({
    store: createMemoryStore(),
    defaultChains: devnetChainConfigs(devnet),
    verifyChains: false,
    signer: async () => createWalletSigner({ provider: wallet.provider, name: 'Test wallet' }),
  })
  const message = await readyTransfer(tracker)
  await relayApproved(tracker, message.hash, { kind: 'wallet' })
  expect(wallet.sent.at(-1)).toMatchObject({ chainId: numberToHex(902) })

  const stuck = devnetWallet({ dropAccessList: false, ignoresSwitch: true })
  const other = await createTracker({
    store: createMemoryStore(),
    defaultChains: devnetChainConfigs(devnet),
    verifyChains: false,
    signer: async () => createWalletSigner({ provider: stuck.provider, name: 'Stuck wallet' }),
  })
  const next = await readyTransfer(other)
  await expect(relayApproved(other, next.hash, { kind: 'wallet' })).rejects.toThrow(
    /Stuck wallet is on chain 901, not .* \(902\), after switching.*Nothing was sent/s,
  )
  expect(stuck.sent).toEqual([])
  expect((await other.getMessage(next.hash))?.status).toBe('ready')
})

it('a relay the wallet sent but that cannot be read back in time is "sent, access list unverified", not a success', async () => {
  const wallet = devnetWallet({ dropAccessList: false })
  // The tracker reads 902 through a node that does not show the transaction (yet).
  const blind = await startFaultyRpc({ upstreams: [devnet.chain(902).rpcUrl] })
  try {
    blind.inject({ fault: { kind: 'rewrite', rewrite: () => null }, methods: ['eth_getTransactionByHash'] })
    const chains = devnetChainConfigs(devnet).map((c) => (c.id === 902 ? { ...c, rpcUrl: blind.url } : c))
    const tracker = await createTracker({
      store: createMemoryStore(),
      defaultChains: chains,
      verifyChains: false,
      signer: async () =>
        createWalletSigner({ provider: wallet.provider, name: 'Test wallet', readBackTimeoutMs: 500 }),
    })
    const message = await readyTransfer(tracker)
    const hash = await relayApproved(tracker, message.hash, { kind: 'wallet' })
    expect(await tracker.getMessage(message.hash)).toMatchObject({
      status: 'relaying',
      pendingRelay: { transactionHash: hash, accessList: 'unverified' },
    })
    blind.clear()
    for (let i = 0; i < 40 && (await tracker.getMessage(message.hash))?.status === 'relaying'; i++) {
      await new Promise((r) => setTimeout(r, 250))
      await tracker.poll()
    }
    expect((await tracker.getMessage(message.hash))?.relay?.transactionHash).toBe(hash)
  } finally {
    await blind.close()
  }
})
