/**
 * The devnet behaves like Supersim: transfers and messages relay with `@eth-optimism/viem` unchanged, and the
 * validating proxy refuses what a real sequencer would refuse.
 */
import {
  buildExecutingMessage,
  getCrossDomainMessageStatus,
  getCrossDomainMessages,
  relayCrossDomainMessage,
  sendCrossDomainMessage,
  sendETH,
  sendSuperchainERC20,
} from '@eth-optimism/viem/actions/interop'
import { encodeAccessList } from '@eth-optimism/viem/utils/interop'
import {
  BaseError,
  ContractFunctionRevertedError,
  decodeErrorResult,
  encodeFunctionData,
  parseAbi,
  parseEther,
  parseEventLogs,
  type Hex,
  type TransactionReceipt,
} from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { artifacts } from '../../devnet/contracts/artifacts'
import {
  bridgeRelayAbi,
  l2ToL2CrossDomainMessengerAbi,
  messengerExtrasAbi,
  superchainTokenBridgeAbi,
} from '../../src/core/protocol/abis'
import { L2_TO_L2_CROSS_DOMAIN_MESSENGER } from '../../src/core/protocol/addresses'
import { startTestDevnet, type TestDevnet } from '../fixtures/devnet'

const MOCK = '0x420beeF000000000000000000000000000000001' as const
const mockAbi = parseAbi([
  'function mint(address to, uint256 amount)',
  'function balanceOf(address) view returns (uint256)',
])

let devnet: TestDevnet

async function deployGreeter(chainId: number): Promise<`0x${string}`> {
  const wallet = devnet.walletClient(chainId)
  const hash = await wallet.deployContract({
    abi: artifacts.Greeter.abi,
    bytecode: artifacts.Greeter.bytecode as Hex,
    account: wallet.account!,
    chain: wallet.chain,
  })
  const receipt = await devnet.publicClient(chainId).waitForTransactionReceipt({ hash })
  return receipt.contractAddress!
}

async function sentMessage(receipt: TransactionReceipt, source = 901) {
  const [message] = await getCrossDomainMessages(devnet.publicClient(source), { logs: receipt.logs })
  if (!message) throw new Error('no SentMessage in receipt')
  return message
}

/** Wait until the destination's clock is past the initiating block, as the timestamp rule requires. */
async function waitForExecutable(receipt: TransactionReceipt, source = 901, destination = 902) {
  const block = await devnet.publicClient(source).getBlock({ blockNumber: receipt.blockNumber })
  for (;;) {
    const pending = await devnet.publicClient(destination).getBlock({ blockTag: 'pending' })
    if (pending.timestamp > block.timestamp) return
    await new Promise((r) => setTimeout(r, 200))
  }
}

/** Which check the proxy refused a tx for (the error's JSON-RPC data), or the message if none. */
function refusal(error: unknown): string {
  const text = error instanceof BaseError ? error.details + ' ' + error.shortMessage : String(error)
  const match = /invalid executing message \(([a-z-]+)\)/.exec(text)
  return match ? match[1]! : text
}

beforeAll(async () => {
  devnet = await startTestDevnet({ chains: 3, dependencySets: { 902: [901, 902] } })
  const mint = await devnet.walletClient(901).writeContract({
    address: MOCK,
    abi: mockAbi,
    functionName: 'mint',
    args: [devnet.accounts[0].address, parseEther('1000')],
    account: devnet.account(0),
    chain: devnet.chain(901).chain,
  })
  await devnet.publicClient(901).waitForTransactionReceipt({ hash: mint })
})

afterAll(async () => {
  await devnet?.stop()
})

describe('devnet: Supersim-compatible journeys', () => {
  it('relays a SuperchainERC20 transfer 901 → 902 with @eth-optimism/viem', async () => {
    const sender = devnet.account(0)
    const recipient = devnet.accounts[1].address
    const before901 = await devnet
      .publicClient(901)
      .readContract({ address: MOCK, abi: mockAbi, functionName: 'balanceOf', args: [sender.address] })
    const before902 = await devnet
      .publicClient(902)
      .readContract({ address: MOCK, abi: mockAbi, functionName: 'balanceOf', args: [recipient] })

    const hash = await sendSuperchainERC20(devnet.walletClient(901), {
      tokenAddress: MOCK,
      to: recipient,
      amount: parseEther('10'),
      chainId: 902,
      account: sender,
      chain: devnet.chain(901).chain,
    })
    const receipt = await devnet.publicClient(901).waitForTransactionReceipt({ hash })
    const sendEvents = parseEventLogs({
      abi: superchainTokenBridgeAbi,
      eventName: 'SendERC20',
      logs: receipt.logs,
    })
    expect(sendEvents[0]?.args).toMatchObject({
      token: MOCK,
      from: sender.address,
      to: recipient,
      amount: parseEther('10'),
      destination: 902n,
    })
    expect(
      await devnet
        .publicClient(901)
        .readContract({ address: MOCK, abi: mockAbi, functionName: 'balanceOf', args: [sender.address] }),
    ).toBe(before901 - parseEther('10'))

    const message = await sentMessage(receipt)
    expect(await getCrossDomainMessageStatus(devnet.publicClient(902), { message })).toBe('ready-to-relay')
    await waitForExecutable(receipt)
    const params = await buildExecutingMessage(devnet.publicClient(901), { log: message.log })
    const relayHash = await relayCrossDomainMessage(devnet.walletClient(902, devnet.account(2)), {
      ...params,
      account: devnet.account(2),
      chain: devnet.chain(902).chain,
    })
    const relayReceipt = await devnet.publicClient(902).waitForTransactionReceipt({ hash: relayHash })
    expect(relayReceipt.status).toBe('success')

    expect(
      await devnet
        .publicClient(902)
        .readContract({ address: MOCK, abi: mockAbi, functionName: 'balanceOf', args: [recipient] }),
    ).toBe(before902 + parseEther('10'))
    expect(await getCrossDomainMessageStatus(devnet.publicClient(902), { message })).toBe('relayed')
    const relayed = parseEventLogs({
      abi: l2ToL2CrossDomainMessengerAbi,
      eventName: 'RelayedMessage',
      logs: relayReceipt.logs,
    })
    expect(relayed[0]?.args).toMatchObject({ source: 901n, messageNonce: message.nonce })
    const minted = parseEventLogs({ abi: bridgeRelayAbi, eventName: 'RelayERC20', logs: relayReceipt.logs })
    expect(minted[0]?.args).toMatchObject({
      token: MOCK,
      from: sender.address,
      to: recipient,
      amount: parseEther('10'),
      source: 901n,
    })
  })

  it('relays an ETH transfer 901 → 902', async () => {
    const recipient = '0x000000000000000000000000000000000000bEEF'
    const hash = await sendETH(devnet.walletClient(901), {
      to: recipient,
      chainId: 902,
      value: parseEther('1.5'),
      account: devnet.account(0),
      chain: devnet.chain(901).chain,
    })
    const receipt = await devnet.publicClient(901).waitForTransactionReceipt({ hash })
    const message = await sentMessage(receipt)
    await waitForExecutable(receipt)
    const params = await buildExecutingMessage(devnet.publicClient(901), { log: message.log })
    const relayHash = await relayCrossDomainMessage(devnet.walletClient(902), {
      ...params,
      account: devnet.account(0),
      chain: devnet.chain(902).chain,
    })
    const relayReceipt = await devnet.publicClient(902).waitForTransactionReceipt({ hash: relayHash })
    expect(relayReceipt.status).toBe('success')
    expect(await devnet.publicClient(902).getBalance({ address: recipient })).toBe(parseEther('1.5'))
    expect(
      parseEventLogs({ abi: bridgeRelayAbi, eventName: 'RelayETH', logs: relayReceipt.logs })[0]?.args.amount,
    ).toBe(parseEther('1.5'))
  })

  it('delivers a generic message with the cross-domain sender and source', async () => {
    const greeter = await deployGreeter(902)
    const body = encodeFunctionData({
      abi: artifacts.Greeter.abi,
      functionName: 'setGreeting',
      args: ['gm from 901'],
    })
    const hash = await sendCrossDomainMessage(devnet.walletClient(901), {
      destinationChainId: 902,
      target: greeter,
      message: body,
      account: devnet.account(0),
      chain: devnet.chain(901).chain,
    })
    const receipt = await devnet.publicClient(901).waitForTransactionReceipt({ hash })
    const message = await sentMessage(receipt)
    await waitForExecutable(receipt)
    const params = await buildExecutingMessage(devnet.publicClient(901), { log: message.log })
    const relayHash = await relayCrossDomainMessage(devnet.walletClient(902), {
      ...params,
      account: devnet.account(0),
      chain: devnet.chain(902).chain,
    })
    await devnet.publicClient(902).waitForTransactionReceipt({ hash: relayHash })
    const read = (functionName: string) =>
      devnet
        .publicClient(902)
        .readContract({ address: greeter, abi: artifacts.Greeter.abi, functionName } as never)
    expect(await read('greeting')).toBe('gm from 901')
    expect(((await read('greetingSender')) as string).toLowerCase()).toBe(
      devnet.accounts[0].address.toLowerCase(),
    )
    expect(await read('greetingSource')).toBe(901n)
  })
})

describe('devnet: the validating proxy refuses what a sequencer refuses', () => {
  let params: Awaited<ReturnType<typeof buildExecutingMessage>>

  beforeAll(async () => {
    const hash = await sendSuperchainERC20(devnet.walletClient(901), {
      tokenAddress: MOCK,
      to: devnet.accounts[1].address,
      amount: 1n,
      chainId: 902,
      account: devnet.account(0),
      chain: devnet.chain(901).chain,
    })
    const receipt = await devnet.publicClient(901).waitForTransactionReceipt({ hash })
    const message = await sentMessage(receipt)
    await waitForExecutable(receipt)
    params = await buildExecutingMessage(devnet.publicClient(901), { log: message.log })
  })

  /** Send a relay with explicit gas (estimation would revert first) and return why it was refused. */
  async function sendRelay(
    id: typeof params.id,
    payload: Hex,
    accessList: typeof params.accessList | undefined,
    chainId = 902,
  ) {
    const nonceBefore = await devnet
      .publicClient(chainId)
      .getTransactionCount({ address: devnet.accounts[3].address, blockTag: 'pending' })
    let reason = 'accepted'
    try {
      await devnet.sendRelay({ id, payload, accessList: accessList ?? [] }, { destination: chainId, from: 3 })
    } catch (error) {
      reason = refusal(error)
    }
    // Refused transactions never reach the chain.
    await devnet.mine(chainId)
    expect(
      await devnet
        .publicClient(chainId)
        .getTransactionCount({ address: devnet.accounts[3].address, blockTag: 'pending' }),
    ).toBe(nonceBefore)
    return reason
  }

  it('refuses a relay without its access list', async () => {
    expect(await sendRelay(params.id, params.payload, undefined)).toBe('access-list')
  })

  it('refuses a forged identifier (no such log)', async () => {
    const id = { ...params.id, logIndex: params.id.logIndex + 7n }
    expect(await sendRelay(id, params.payload, encodeAccessList(id, params.payload))).toBe('initiating-log')
  })

  it('refuses an identifier with the wrong timestamp', async () => {
    const id = { ...params.id, timestamp: params.id.timestamp - 1n }
    expect(await sendRelay(id, params.payload, encodeAccessList(id, params.payload))).toBe('timestamp')
  })

  it('refuses a payload that does not match the log', async () => {
    const payload = (params.payload.slice(0, -2) + (params.payload.endsWith('00') ? '01' : '00')) as Hex
    expect(await sendRelay(params.id, payload, encodeAccessList(params.id, payload))).toBe('payload-hash')
  })

  it('refuses a message from a chain outside the dependency set', async () => {
    const hash = await sendSuperchainERC20(devnet.walletClient(903), {
      tokenAddress: MOCK,
      to: devnet.accounts[1].address,
      amount: 0n,
      chainId: 902,
      account: devnet.account(0),
      chain: devnet.chain(903).chain,
    })
    const receipt = await devnet.publicClient(903).waitForTransactionReceipt({ hash })
    const message = await sentMessage(receipt, 903)
    await waitForExecutable(receipt, 903, 902)
    const p = await buildExecutingMessage(devnet.publicClient(903), { log: message.log })
    expect(await sendRelay(p.id, p.payload, p.accessList)).toBe('dependency-set')
  })
})

describe('devnet: messenger semantics', () => {
  async function relayable(target: `0x${string}`, body: Hex) {
    const hash = await sendCrossDomainMessage(devnet.walletClient(901), {
      destinationChainId: 902,
      target,
      message: body,
      account: devnet.account(0),
      chain: devnet.chain(901).chain,
    })
    const receipt = await devnet.publicClient(901).waitForTransactionReceipt({ hash })
    const message = await sentMessage(receipt)
    await waitForExecutable(receipt)
    return {
      message,
      receipt,
      params: await buildExecutingMessage(devnet.publicClient(901), { log: message.log }),
    }
  }

  function revertName(error: unknown): string | undefined {
    const revert =
      error instanceof BaseError ? error.walk((e) => e instanceof ContractFunctionRevertedError) : undefined
    if (!(revert instanceof ContractFunctionRevertedError)) return undefined
    // The messenger bubbles the target's revert data; the messenger's ABI does not know the target's errors.
    if (!revert.data && revert.raw)
      return decodeErrorResult({ abi: artifacts.Greeter.abi, data: revert.raw }).errorName
    return revert.data?.errorName ?? revert.reason
  }

  it('reverts a second relay of the same message with MessageAlreadyRelayed', async () => {
    const greeter = await deployGreeter(902)
    const { params } = await relayable(
      greeter,
      encodeFunctionData({ abi: artifacts.Greeter.abi, functionName: 'setGreeting', args: ['once'] }),
    )
    const first = await relayCrossDomainMessage(devnet.walletClient(902), {
      ...params,
      account: devnet.account(0),
      chain: devnet.chain(902).chain,
    })
    await devnet.publicClient(902).waitForTransactionReceipt({ hash: first })
    const second = await devnet
      .publicClient(902)
      .simulateContract({
        address: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
        abi: l2ToL2CrossDomainMessengerAbi,
        functionName: 'relayMessage',
        args: [params.id, params.payload],
        accessList: params.accessList,
        account: devnet.accounts[0].address,
      })
      .then(() => 'succeeded', revertName)
    expect(second).toBe('MessageAlreadyRelayed')
  })

  it('leaves a message whose target reverts relayable, and relays it once the cause is fixed', async () => {
    const greeter = await deployGreeter(902)
    const { message, params } = await relayable(
      greeter,
      encodeFunctionData({ abi: artifacts.Greeter.abi, functionName: 'fail', args: ['not yet'] }),
    )
    const attempt = await relayCrossDomainMessage(devnet.walletClient(902), {
      ...params,
      account: devnet.account(0),
      chain: devnet.chain(902).chain,
    }).then(() => 'sent', revertName)
    expect(attempt).toBe('Rejected')
    expect(await getCrossDomainMessageStatus(devnet.publicClient(902), { message })).toBe('ready-to-relay')

    const allow = await devnet.walletClient(902).writeContract({
      address: greeter,
      abi: artifacts.Greeter.abi,
      functionName: 'setAllow',
      args: [true],
      account: devnet.account(0),
      chain: devnet.chain(902).chain,
    })
    await devnet.publicClient(902).waitForTransactionReceipt({ hash: allow })
    const relay = await relayCrossDomainMessage(devnet.walletClient(902), {
      ...params,
      account: devnet.account(0),
      chain: devnet.chain(902).chain,
    })
    expect((await devnet.publicClient(902).waitForTransactionReceipt({ hash: relay })).status).toBe('success')
    expect(await getCrossDomainMessageStatus(devnet.publicClient(902), { message })).toBe('relayed')
  })

  it('re-emits a sent message with resendMessage: a new log, the same hash', async () => {
    const greeter = await deployGreeter(902)
    const { message, receipt } = await relayable(
      greeter,
      encodeFunctionData({ abi: artifacts.Greeter.abi, functionName: 'setGreeting', args: ['again'] }),
    )
    const stored = await devnet.publicClient(901).readContract({
      address: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
      abi: messengerExtrasAbi,
      functionName: 'sentMessages',
      args: [message.nonce],
    })
    const resend = await devnet.walletClient(901, devnet.account(1)).writeContract({
      address: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
      abi: l2ToL2CrossDomainMessengerAbi,
      functionName: 'resendMessage',
      args: [message.destination, message.nonce, message.sender, message.target, message.message],
      account: devnet.account(1),
      chain: devnet.chain(901).chain,
    })
    const again = await sentMessage(
      await devnet.publicClient(901).waitForTransactionReceipt({ hash: resend }),
    )
    expect(again.log.blockNumber).toBeGreaterThan(receipt.blockNumber)
    expect(again).toMatchObject({
      nonce: message.nonce,
      sender: message.sender,
      target: message.target,
      message: message.message,
    })
    expect(stored).not.toBe('0x' + '0'.repeat(64))

    const forged = await devnet
      .publicClient(901)
      .simulateContract({
        address: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
        abi: l2ToL2CrossDomainMessengerAbi,
        functionName: 'resendMessage',
        args: [message.destination, message.nonce, message.sender, message.target, '0xdead'],
        account: devnet.accounts[0].address,
      })
      .then(() => 'succeeded', revertName)
    expect(forged).toBe('InvalidMessage')
  })
})
