/** The demo's test wallet as an EIP-1193 provider against a real devnet: what it answers, signs, keeps and drops. */
import { encodeFunctionData, parseAbi, parseEther, type Address, type Hex } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestDevnet, type TestDevnet } from '../../test/fixtures/devnet'
import { createTestWallet, type SignRequestSummary } from './testWallet'

const MOCK = '0x420beeF000000000000000000000000000000001' as const
const mockAbi = parseAbi(['function mint(address to, uint256 amount)'])
const INBOX = '0x4200000000000000000000000000000000000022'

let devnet: TestDevnet
let rpcUrls: Record<number, string>

beforeAll(async () => {
  devnet = await startTestDevnet({ blockTime: 0 })
  rpcUrls = Object.fromEntries(devnet.chains.map((c) => [c.id, c.rpcUrl]))
})
afterAll(async () => {
  await devnet?.stop()
})

function wallet(options: { dropAccessList?: boolean; answer?: boolean; accountIndex?: number } = {}) {
  const asked: SignRequestSummary[] = []
  const w = createTestWallet({
    rpcUrls,
    accountIndex: options.accountIndex,
    dropAccessList: options.dropAccessList,
    confirm: async (summary) => {
      asked.push(summary)
      return options.answer ?? true
    },
  })
  return {
    w,
    asked,
    request: (method: string, params?: unknown[]) => w.provider.request({ method, params } as never),
  }
}

describe('test wallet', () => {
  it("derives anvil's accounts and answers connection requests like a wallet", async () => {
    const { w, request } = wallet()
    expect(w.address).toBe(devnet.accounts[0].address)
    expect(await request('eth_chainId')).toBe('0x385')
    expect(await request('eth_accounts')).toEqual([])
    const heard: unknown[] = []
    w.provider.on('accountsChanged', (accounts) => heard.push(accounts))
    expect(await request('eth_requestAccounts')).toEqual([devnet.accounts[0].address])
    w.setAccount(3)
    expect(w.address).toBe(devnet.accounts[3].address)
    expect(heard).toEqual([[devnet.accounts[0].address], [devnet.accounts[3].address]])
  })

  it('switches between the devnet chains, refuses unknown ones with 4902, forwards reads to the current chain', async () => {
    const { request, w } = wallet()
    const changes: unknown[] = []
    w.provider.on('chainChanged', (id) => changes.push(id))
    await request('wallet_switchEthereumChain', [{ chainId: '0x386' }])
    expect(changes).toEqual(['0x386'])
    expect(await request('eth_chainId')).toBe('0x386')
    await expect(request('wallet_switchEthereumChain', [{ chainId: '0x1' }])).rejects.toMatchObject({
      code: 4902,
    })
    expect(
      BigInt((await request('eth_getBalance', [devnet.accounts[0].address, 'latest'])) as Hex),
    ).toBeGreaterThan(0n)
    await expect(request('personal_sign', ['0x00', devnet.accounts[0].address])).rejects.toMatchObject({
      code: 4200,
    })
  })

  it('shows the request before signing, keeps the access list, and rejects with 4001 when refused', async () => {
    const { request, asked } = wallet()
    await request('eth_requestAccounts')
    const from = devnet.accounts[0].address as Address
    const data = encodeFunctionData({ abi: mockAbi, functionName: 'mint', args: [from, parseEther('1')] })
    // Any contract's slots: CrossL2Inbox keys that name no real message would be refused by the devnet's filter.
    const accessList = [
      {
        address: MOCK.toLowerCase() as Address,
        storageKeys: [`0x${'11'.repeat(32)}`, `0x${'22'.repeat(32)}`],
      },
    ]
    const hash = (await request('eth_sendTransaction', [{ from, to: MOCK, data, accessList }])) as Hex
    expect(asked[0]).toMatchObject({
      chainId: 901,
      to: MOCK,
      value: 0n,
      selector: data.slice(0, 10),
      accessListEntries: 1,
      accessListKeys: 2,
      droppedAccessListEntries: 0,
    })
    const sent = await devnet.publicClient(901).waitForTransactionReceipt({ hash })
    expect(sent.status).toBe('success')
    const tx = await devnet.publicClient(901).getTransaction({ hash })
    expect(tx.accessList).toEqual(accessList)

    const refused = wallet({ answer: false })
    await refused.request('eth_requestAccounts')
    await expect(refused.request('eth_sendTransaction', [{ from, to: MOCK, data }])).rejects.toMatchObject({
      code: 4001,
    })
  })

  it('in dropping mode signs without the access list, like MetaMask, and says so in the summary', async () => {
    const { request, asked, w } = wallet({ dropAccessList: true, accountIndex: 1 })
    expect(w.info.name).toMatch(/drops access lists/)
    await request('eth_requestAccounts')
    const from = devnet.accounts[1].address as Address
    const data = encodeFunctionData({ abi: mockAbi, functionName: 'mint', args: [from, parseEther('1')] })
    const accessList = [{ address: INBOX, storageKeys: [`0x${'33'.repeat(32)}`] }]
    const hash = (await request('eth_sendTransaction', [{ from, to: MOCK, data, accessList }])) as Hex
    expect(asked[0]).toMatchObject({ accessListEntries: 0, droppedAccessListEntries: 1 })
    await devnet.publicClient(901).waitForTransactionReceipt({ hash })
    expect((await devnet.publicClient(901).getTransaction({ hash })).accessList).toEqual([])
  })
})
