/**
 * The devnet's Solidity on ONE anvil chain (901): everything that does not need a second chain. A "message from 902"
 * is hand-made here (identifier + payload): the CrossL2Inbox cannot see other chains and only checks that the access
 * list declares the message, so a correct access list is all a relay needs on a bare anvil. Checking that the
 * initiating log really exists is the validating proxy's job, tested with two chains elsewhere.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import {
  crossL2InboxAbi,
  l2ToL2CrossDomainMessengerAbi,
  superchainETHBridgeAbi,
  superchainTokenBridgeAbi,
} from '@eth-optimism/viem/abis'
import { encodeAccessList, hashCrossDomainMessage } from '@eth-optimism/viem/utils/interop'
import {
  type Abi,
  type AbiParameter,
  type AccessList,
  type Address,
  type Hex,
  type Log,
  BaseError,
  ContractFunctionRevertedError,
  concat,
  createPublicClient,
  createTestClient,
  createWalletClient,
  defineChain,
  encodeAbiParameters,
  encodeFunctionData,
  encodeFunctionResult,
  getContract,
  http,
  keccak256,
  maxUint64,
  pad,
  parseAbi,
  parseEventLogs,
  toEventSelector,
  toHex,
  zeroAddress,
} from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  CROSS_L2_INBOX,
  ETH_LIQUIDITY,
  L2_TO_L2_CROSS_DOMAIN_MESSENGER,
  MULTICALL3,
  SUPERCHAIN_ETH_BRIDGE,
  SUPERCHAIN_TOKEN_BRIDGE,
} from '../../src/core/protocol/addresses'
import { ETH_LIQUIDITY_BALANCE, PREDEPLOYS, SUPERCHAIN_ERC20_MOCK, artifacts } from './artifacts'

const ANVIL = 'node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil'
const CHAIN_ID = 901n
const OTHER_CHAIN_ID = 902n
// anvil's first two default accounts: unlocked, so anvil signs eth_sendTransaction for them.
const ALICE: Address = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'
const BOB: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const GREETER: Address = '0x0000000000000000000000000000000000006eEE'

// Errors a call may bubble up from a contract it calls, so viem can name them whichever contract raised them.
const inboxErrors = crossL2InboxAbi.filter((item) => item.type === 'error')
const bridgeErrors = superchainTokenBridgeAbi.filter((item) => item.type === 'error')

const greeterAbi = parseAbi([
  'function setGreeting(string greeting) returns (string)',
  'function fail(string reason)',
  'function setAllow(bool allow)',
  'function greeting() view returns (string)',
  'function greetingSender() view returns (address)',
  'function greetingSource() view returns (uint256)',
  'function acceptedCount() view returns (uint256)',
  'error Rejected(string reason)',
  'error NotEntered()',
])
/** @eth-optimism/viem 0.4.13's messenger ABI with the 1.3.0 sentMessages (nonce → hash) instead of its old one. */
const messengerAbi = [
  ...l2ToL2CrossDomainMessengerAbi.filter(
    (item) => !(item.type === 'function' && item.name === 'sentMessages'),
  ),
  ...parseAbi(['function sentMessages(uint256 nonce) view returns (bytes32)']),
  ...inboxErrors,
  ...bridgeErrors,
  ...greeterAbi.filter((item) => item.type === 'error'),
]
const liquidityAbi = parseAbi([
  'function burn() payable',
  'function mint(uint256 amount)',
  'event LiquidityBurned(address indexed caller, uint256 value)',
  'event LiquidityMinted(address indexed caller, uint256 value)',
  'error Unauthorized()',
])
const tokenAbi = parseAbi([
  'function name() pure returns (string)',
  'function symbol() pure returns (string)',
  'function decimals() pure returns (uint8)',
  'function totalSupply() view returns (uint256)',
  'function balanceOf(address) view returns (uint256)',
  'function allowance(address, address) view returns (uint256)',
  'function mint(address to, uint256 amount)',
  'function transfer(address to, uint256 value) returns (bool)',
  'function approve(address spender, uint256 value) returns (bool)',
  'function transferFrom(address from, address to, uint256 value) returns (bool)',
  'function crosschainMint(address to, uint256 amount)',
  'function crosschainBurn(address from, uint256 amount)',
  'function supportsInterface(bytes4) view returns (bool)',
  'event CrosschainBurn(address indexed from, uint256 amount, address indexed sender)',
  'event CrosschainMint(address indexed to, uint256 amount, address indexed sender)',
  'error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)',
  'error ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed)',
  'error Unauthorized()',
])
const multicallAbi = parseAbi([
  'function getChainId() view returns (uint256)',
  'function getEthBalance(address) view returns (uint256)',
])

const chain = defineChain({
  id: Number(CHAIN_ID),
  name: 'contracts test',
  nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
  rpcUrls: { default: { http: ['http://127.0.0.1'] } },
  contracts: { multicall3: { address: MULTICALL3 } },
})

/** Clients and a typed handle on each contract, for the anvil at `url`. */
function connect(url: string) {
  const transport = http(url)
  // cacheTime 0: each test reads the block it just mined.
  const publicClient = createPublicClient({ chain, transport, cacheTime: 0 })
  const walletClient = createWalletClient({ chain, transport, account: ALICE })
  const client = { public: publicClient, wallet: walletClient }
  return {
    publicClient,
    walletClient,
    testClient: createTestClient({ chain, transport, mode: 'anvil' }),
    inbox: getContract({ address: CROSS_L2_INBOX, abi: crossL2InboxAbi, client }),
    messenger: getContract({ address: L2_TO_L2_CROSS_DOMAIN_MESSENGER, abi: messengerAbi, client }),
    tokenBridge: getContract({ address: SUPERCHAIN_TOKEN_BRIDGE, abi: superchainTokenBridgeAbi, client }),
    ethBridge: getContract({ address: SUPERCHAIN_ETH_BRIDGE, abi: superchainETHBridgeAbi, client }),
    liquidity: getContract({ address: ETH_LIQUIDITY, abi: liquidityAbi, client }),
    token: getContract({ address: SUPERCHAIN_ERC20_MOCK, abi: tokenAbi, client }),
    multicall: getContract({ address: MULTICALL3, abi: multicallAbi, client }),
    greeter: getContract({ address: GREETER, abi: greeterAbi, client }),
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port')),
      )
    })
  })
}

let anvil: ChildProcess | undefined
let c: ReturnType<typeof connect>

beforeAll(async () => {
  const port = await freePort()
  anvil = spawn(ANVIL, ['--port', String(port), '--chain-id', String(CHAIN_ID), '--silent'], {
    stdio: 'ignore',
  })
  c = connect(`http://127.0.0.1:${port}`)
  for (let attempt = 0; ; attempt++) {
    try {
      await c.publicClient.getChainId()
      break
    } catch (error) {
      if (attempt > 500) throw error
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }
  for (const { name, address } of PREDEPLOYS) {
    await c.testClient.setCode({ address, bytecode: artifacts[name].deployedBytecode })
  }
  await c.testClient.setBalance({ address: ETH_LIQUIDITY, value: ETH_LIQUIDITY_BALANCE })
  await c.testClient.setCode({ address: GREETER, bytecode: artifacts.Greeter.deployedBytecode })
})

afterAll(() => {
  anvil?.kill('SIGKILL')
})

async function mined(hash: Promise<Hex>) {
  const receipt = await c.publicClient.waitForTransactionReceipt({ hash: await hash })
  expect(receipt.status).toBe('success')
  return receipt
}

/** `call` must revert with custom error `errorName` (and `args`, if given). */
async function expectRevert(
  call: Promise<unknown>,
  errorName: string,
  args?: readonly unknown[],
): Promise<void> {
  const error = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  )
  expect(error, `expected a revert with ${errorName}`).toBeInstanceOf(BaseError)
  const reverted = (error as BaseError).walk((cause) => cause instanceof ContractFunctionRevertedError)
  expect(reverted, String(error)).toBeInstanceOf(ContractFunctionRevertedError)
  const data = (reverted as ContractFunctionRevertedError).data
  expect(data?.errorName, String(reverted)).toBe(errorName)
  if (args) expect(data?.args).toEqual(args)
}

const sentMessageTopic = toEventSelector(
  'SentMessage(uint256 indexed destination, address indexed target, uint256 indexed messageNonce, address sender, bytes message)',
)

interface CrossDomainMessage {
  destination: bigint
  source: bigint
  nonce: bigint
  sender: Address
  target: Address
  message: Hex
}

/** The payload a SentMessage log of `message` would have: its four topics, then its ABI-encoded data. */
function sentMessagePayload(message: CrossDomainMessage): Hex {
  return concat([
    sentMessageTopic,
    toHex(message.destination, { size: 32 }),
    pad(message.target),
    toHex(message.nonce, { size: 32 }),
    encodeAbiParameters([{ type: 'address' }, { type: 'bytes' }], [message.sender, message.message]),
  ])
}

/** @eth-optimism/viem's hash; its type wants the initiating log too, which the hash does not use. */
function messageHashOf(message: CrossDomainMessage): Hex {
  return hashCrossDomainMessage({ ...message, log: undefined as unknown as Log })
}

type MessageIdentifier = {
  origin: Address
  blockNumber: bigint
  logIndex: bigint
  timestamp: bigint
  chainId: bigint
}

let logCount = 0n
/** A made-up identifier of a messenger log on chain 902; each call names a different log. */
function foreignIdentifier(overrides: Partial<MessageIdentifier> = {}): MessageIdentifier {
  logCount += 1n
  return {
    origin: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
    blockNumber: 1234n,
    logIndex: logCount,
    timestamp: 1_700_000_000n,
    chainId: OTHER_CHAIN_ID,
    ...overrides,
  }
}

let foreignNonce = 0n
/** A message from chain 902 to this chain; each call gets its own nonce, hence its own hash. */
function incomingMessage(target: Address, message: Hex, sender: Address = BOB): CrossDomainMessage {
  foreignNonce += 1n
  return { destination: CHAIN_ID, source: OTHER_CHAIN_ID, nonce: foreignNonce, sender, target, message }
}

function simulateRelay(id: MessageIdentifier, payload: Hex, accessList?: AccessList) {
  return c.messenger.simulate.relayMessage([id, payload], { account: ALICE, accessList })
}

/** A relay as a relayer sends it: with the access list that declares the message. */
function relay(id: MessageIdentifier, payload: Hex) {
  return mined(c.messenger.write.relayMessage([id, payload], { accessList: encodeAccessList(id, payload) }))
}

/** `name(types) -> (types)` of each ABI item of `kind`, with indexed flags: what a caller depends on. */
function signatures(abi: Abi, kind: 'function' | 'event' | 'error'): string[] {
  const param = (p: AbiParameter & { indexed?: boolean }): string => {
    const components = 'components' in p && p.components ? `(${p.components.map(param).join(',')})` : ''
    return `${p.type}${components}${p.indexed ? ' indexed' : ''}`
  }
  return abi
    .flatMap((item) => (item.type === kind ? [item] : []))
    .map((item) => {
      const outputs = 'outputs' in item ? ` -> (${item.outputs.map(param).join(',')})` : ''
      return `${item.name}(${item.inputs.map(param).join(',')})${outputs}`
    })
    .sort()
}

describe('installation', () => {
  it('puts the runtime code of every predeploy at its address, and funds ETHLiquidity', async () => {
    for (const { name, address } of PREDEPLOYS) {
      expect(await c.publicClient.getCode({ address }), name).toBe(artifacts[name].deployedBytecode)
    }
    expect(await c.publicClient.getBalance({ address: ETH_LIQUIDITY })).toBe(ETH_LIQUIDITY_BALANCE)
  })

  it('creation code deploys the same runtime code that anvil_setCode installs', async () => {
    const receipt = await mined(
      c.walletClient.deployContract({ abi: greeterAbi, bytecode: artifacts.Greeter.bytecode }),
    )
    expect(await c.publicClient.getCode({ address: receipt.contractAddress ?? zeroAddress })).toBe(
      artifacts.Greeter.deployedBytecode,
    )
  })

  it.each([
    ['CrossL2Inbox', crossL2InboxAbi],
    ['SuperchainTokenBridge', superchainTokenBridgeAbi],
    ['SuperchainETHBridge', superchainETHBridgeAbi],
  ] as const)('%s has the ABI of @eth-optimism/viem', (name, reference) => {
    for (const kind of ['function', 'event', 'error'] as const) {
      expect(signatures(artifacts[name].abi, kind), kind).toEqual(signatures(reference, kind))
    }
  })

  it('L2ToL2CrossDomainMessenger has the ABI of @eth-optimism/viem, but the 1.3.0 sentMessages', () => {
    const ours = artifacts.L2ToL2CrossDomainMessenger.abi
    const reference = l2ToL2CrossDomainMessengerAbi.filter(
      (item) => 'name' in item && item.name !== 'sentMessages',
    )
    for (const kind of ['event', 'error'] as const) {
      expect(signatures(ours, kind), kind).toEqual(signatures(reference, kind))
    }
    const expected = [...signatures(reference, 'function'), 'sentMessages(uint256) -> (bytes32)'].sort()
    expect(signatures(ours, 'function')).toEqual(expected)
  })
})

describe('SuperchainERC20Mock', () => {
  it('describes itself and supports ERC-7802, ERC-20 and ERC-165', async () => {
    expect(await c.token.read.name()).toBe('Mock SuperchainERC20')
    expect(await c.token.read.symbol()).toBe('MOCK')
    expect(await c.token.read.decimals()).toBe(18)
    expect(await c.token.read.supportsInterface(['0x33331994'])).toBe(true) // IERC7802
    expect(await c.token.read.supportsInterface(['0x36372b07'])).toBe(true) // IERC20
    expect(await c.token.read.supportsInterface(['0x01ffc9a7'])).toBe(true) // IERC165
    expect(await c.token.read.supportsInterface(['0xffffffff'])).toBe(false)
  })

  it('lets anyone mint, and moves tokens with transfer and transferFrom', async () => {
    const carol: Address = '0x000000000000000000000000000000000000c0DE'
    const supplyBefore = await c.token.read.totalSupply()
    const bobBefore = await c.token.read.balanceOf([BOB])
    await mined(c.token.write.mint([BOB, 100n], { account: BOB }))
    expect(await c.token.read.totalSupply()).toBe(supplyBefore + 100n)

    await mined(c.token.write.approve([ALICE, 30n], { account: BOB }))
    await mined(c.token.write.transferFrom([BOB, carol, 30n]))
    expect(await c.token.read.balanceOf([carol])).toBe(30n)
    expect(await c.token.read.allowance([BOB, ALICE])).toBe(0n)
    await mined(c.token.write.transfer([carol, 5n], { account: BOB }))
    expect(await c.token.read.balanceOf([carol])).toBe(35n)

    await expectRevert(
      c.token.simulate.transferFrom([BOB, carol, 1n], { account: ALICE }),
      'ERC20InsufficientAllowance',
      [ALICE, 0n, 1n],
    )
    const bobNow = bobBefore + 65n
    await expectRevert(
      c.token.simulate.transfer([carol, bobNow + 1n], { account: BOB }),
      'ERC20InsufficientBalance',
      [BOB, bobNow, bobNow + 1n],
    )
  })

  it('lets only the SuperchainTokenBridge mint and burn across chains', async () => {
    await expectRevert(c.token.simulate.crosschainMint([ALICE, 1n], { account: ALICE }), 'Unauthorized')
    await expectRevert(c.token.simulate.crosschainBurn([ALICE, 1n], { account: ALICE }), 'Unauthorized')
  })
})

describe('sending', () => {
  it('sendERC20 burns, and emits SendERC20 and the SentMessage whose hash the messenger stores', async () => {
    await mined(c.token.write.mint([ALICE, 1_000n]))
    const balanceBefore = await c.token.read.balanceOf([ALICE])
    const supplyBefore = await c.token.read.totalSupply()
    const nonce = await c.messenger.read.messageNonce()

    const args = [SUPERCHAIN_ERC20_MOCK, BOB, 250n, OTHER_CHAIN_ID] as const
    const { result: returnedHash } = await c.tokenBridge.simulate.sendERC20(args, { account: ALICE })
    const { logs } = await mined(c.tokenBridge.write.sendERC20(args))

    expect(await c.token.read.balanceOf([ALICE])).toBe(balanceBefore - 250n)
    expect(await c.token.read.totalSupply()).toBe(supplyBefore - 250n)
    const [sendERC20] = parseEventLogs({ abi: superchainTokenBridgeAbi, eventName: 'SendERC20', logs })
    expect(sendERC20?.args).toEqual({
      token: SUPERCHAIN_ERC20_MOCK,
      from: ALICE,
      to: BOB,
      amount: 250n,
      destination: OTHER_CHAIN_ID,
    })
    const [burn] = parseEventLogs({ abi: tokenAbi, eventName: 'CrosschainBurn', logs })
    expect(burn?.args).toEqual({ from: ALICE, amount: 250n, sender: SUPERCHAIN_TOKEN_BRIDGE })

    const body = encodeFunctionData({
      abi: superchainTokenBridgeAbi,
      functionName: 'relayERC20',
      args: [SUPERCHAIN_ERC20_MOCK, ALICE, BOB, 250n],
    })
    const [sent] = parseEventLogs({ abi: messengerAbi, eventName: 'SentMessage', logs })
    expect(sent?.args).toEqual({
      destination: OTHER_CHAIN_ID,
      target: SUPERCHAIN_TOKEN_BRIDGE,
      messageNonce: nonce,
      sender: SUPERCHAIN_TOKEN_BRIDGE,
      message: body,
    })
    const expectedHash = messageHashOf({
      destination: OTHER_CHAIN_ID,
      source: CHAIN_ID,
      nonce,
      sender: SUPERCHAIN_TOKEN_BRIDGE,
      target: SUPERCHAIN_TOKEN_BRIDGE,
      message: body,
    })
    expect(returnedHash).toBe(expectedHash)
    expect(await c.messenger.read.sentMessages([nonce])).toBe(expectedHash)
    expect(await c.messenger.read.messageNonce()).toBe(nonce + 1n)
  })

  it('sendERC20 refuses a zero recipient, and tokens without ERC-7802', async () => {
    const send = (token: Address, to: Address) =>
      c.tokenBridge.simulate.sendERC20([token, to, 1n, OTHER_CHAIN_ID], { account: ALICE })
    await expectRevert(send(SUPERCHAIN_ERC20_MOCK, zeroAddress), 'ZeroAddress')
    await expectRevert(send(BOB, BOB), 'InvalidERC7802') // no code at all
    await expectRevert(send(GREETER, BOB), 'InvalidERC7802') // code, but no supportsInterface
  })

  it('sendETH burns into ETHLiquidity and emits SendETH and SentMessage', async () => {
    const liquidityBefore = await c.publicClient.getBalance({ address: ETH_LIQUIDITY })
    const { logs } = await mined(c.ethBridge.write.sendETH([BOB, OTHER_CHAIN_ID], { value: 5n }))

    expect(await c.publicClient.getBalance({ address: ETH_LIQUIDITY })).toBe(liquidityBefore + 5n)
    expect(await c.publicClient.getBalance({ address: SUPERCHAIN_ETH_BRIDGE })).toBe(0n)
    const [sendETH] = parseEventLogs({ abi: superchainETHBridgeAbi, eventName: 'SendETH', logs })
    expect(sendETH?.args).toEqual({ from: ALICE, to: BOB, amount: 5n, destination: OTHER_CHAIN_ID })
    const [burned] = parseEventLogs({ abi: liquidityAbi, eventName: 'LiquidityBurned', logs })
    expect(burned?.args).toEqual({ caller: SUPERCHAIN_ETH_BRIDGE, value: 5n })
    const [sent] = parseEventLogs({ abi: messengerAbi, eventName: 'SentMessage', logs })
    expect(sent?.args.sender).toBe(SUPERCHAIN_ETH_BRIDGE)
    expect(sent?.args.message).toBe(
      encodeFunctionData({ abi: superchainETHBridgeAbi, functionName: 'relayETH', args: [ALICE, BOB, 5n] }),
    )
  })

  it('lets only the ETH bridge burn into or mint from ETHLiquidity', async () => {
    await expectRevert(c.liquidity.simulate.burn({ account: ALICE, value: 1n }), 'Unauthorized')
    await expectRevert(c.liquidity.simulate.mint([1n], { account: ALICE }), 'Unauthorized')
  })

  it('sendMessage refuses this chain as destination and the messenger as target', async () => {
    await expectRevert(
      c.messenger.simulate.sendMessage([CHAIN_ID, GREETER, '0x'], { account: ALICE }),
      'MessageDestinationSameChain',
    )
    await expectRevert(
      c.messenger.simulate.sendMessage([OTHER_CHAIN_ID, L2_TO_L2_CROSS_DOMAIN_MESSENGER, '0x'], {
        account: ALICE,
      }),
      'MessageTargetL2ToL2CrossDomainMessenger',
    )
  })

  it('resendMessage re-emits a sent message with the same hash, and refuses one never sent', async () => {
    const body = encodeFunctionData({ abi: greeterAbi, functionName: 'setGreeting', args: ['again'] })
    const sendArgs = [OTHER_CHAIN_ID, GREETER, body] as const
    const { result: messageHash } = await c.messenger.simulate.sendMessage(sendArgs, { account: ALICE })
    const [sent] = parseEventLogs({
      abi: messengerAbi,
      eventName: 'SentMessage',
      logs: (await mined(c.messenger.write.sendMessage(sendArgs))).logs,
    })
    if (!sent) throw new Error('no SentMessage')

    // Anyone may resend: Bob does, for a message Alice sent.
    const resendArgs = [OTHER_CHAIN_ID, sent.args.messageNonce, ALICE, GREETER, body] as const
    expect((await c.messenger.simulate.resendMessage(resendArgs, { account: BOB })).result).toBe(messageHash)
    const [resent] = parseEventLogs({
      abi: messengerAbi,
      eventName: 'SentMessage',
      logs: (await mined(c.messenger.write.resendMessage(resendArgs, { account: BOB }))).logs,
    })
    expect(resent?.topics).toEqual(sent.topics)
    expect(resent?.data).toBe(sent.data)

    await expectRevert(
      c.messenger.simulate.resendMessage([OTHER_CHAIN_ID, sent.args.messageNonce, ALICE, GREETER, '0x1234'], {
        account: BOB,
      }),
      'InvalidMessage',
    )
  })
})

describe('CrossL2Inbox', () => {
  const payload = sentMessagePayload(incomingMessage(BOB, '0xabcdef'))
  const msgHash = keccak256(payload)

  it('computes the checksum that encodeAccessList puts last in the access list', async () => {
    const ids = [
      foreignIdentifier(),
      foreignIdentifier({ blockNumber: maxUint64, timestamp: maxUint64, logIndex: 2n ** 32n - 1n }),
      foreignIdentifier({ chainId: 2n ** 200n + 7n }), // the access list then needs a chain-id extension entry
    ]
    for (const id of ids) {
      const checksum = await c.inbox.read.calculateChecksum([id, msgHash])
      expect(checksum).toBe(encodeAccessList(id, payload)[0]?.storageKeys.at(-1))
    }
  })

  it('rejects identifiers that do not fit the access-list encoding', async () => {
    const checksum = (overrides: Partial<MessageIdentifier>) =>
      c.inbox.read.calculateChecksum([foreignIdentifier(overrides), msgHash])
    await expectRevert(checksum({ blockNumber: maxUint64 + 1n }), 'BlockNumberTooHigh')
    await expectRevert(checksum({ logIndex: 2n ** 32n }), 'LogIndexTooHigh')
    await expectRevert(checksum({ timestamp: maxUint64 + 1n }), 'TimestampTooHigh')
  })

  it('validateMessage passes only when the access list declares the message', async () => {
    const id = foreignIdentifier()
    const validate = (accessList?: AccessList) =>
      c.inbox.simulate.validateMessage([id, msgHash], { account: ALICE, accessList })
    await expectRevert(validate(), 'NotInAccessList')
    // The access list of another payload, or of another log, warms another slot.
    await expectRevert(validate(encodeAccessList(id, '0x1234')), 'NotInAccessList')
    await expectRevert(validate(encodeAccessList(foreignIdentifier(), payload)), 'NotInAccessList')
    await validate(encodeAccessList(id, payload))

    const { logs } = await mined(
      c.inbox.write.validateMessage([id, msgHash], { accessList: encodeAccessList(id, payload) }),
    )
    const [executing] = parseEventLogs({ abi: crossL2InboxAbi, eventName: 'ExecutingMessage', logs })
    expect(executing?.args).toEqual({ msgHash, id })
  })
})

describe('relayMessage', () => {
  it('calls the target with the sender and source as context, once', async () => {
    const body = encodeFunctionData({ abi: greeterAbi, functionName: 'setGreeting', args: ['hi'] })
    const message = incomingMessage(GREETER, body)
    const payload = sentMessagePayload(message)
    const id = foreignIdentifier()

    const { logs } = await relay(id, payload)

    expect(await c.greeter.read.greeting()).toBe('hi')
    expect(await c.greeter.read.greetingSender()).toBe(BOB)
    expect(await c.greeter.read.greetingSource()).toBe(OTHER_CHAIN_ID)
    const [relayed] = parseEventLogs({ abi: messengerAbi, eventName: 'RelayedMessage', logs })
    const returnData = encodeFunctionResult({ abi: greeterAbi, functionName: 'setGreeting', result: 'hi' })
    expect(relayed?.args).toEqual({
      source: OTHER_CHAIN_ID,
      messageNonce: message.nonce,
      messageHash: messageHashOf(message),
      returnDataHash: keccak256(returnData),
    })
    const [executing] = parseEventLogs({ abi: crossL2InboxAbi, eventName: 'ExecutingMessage', logs })
    expect(executing?.args).toEqual({ msgHash: keccak256(payload), id })
    expect(await c.messenger.read.successfulMessages([messageHashOf(message)])).toBe(true)

    // The same message through another initiating log (as after resendMessage) is still the same message.
    const again = foreignIdentifier()
    await expectRevert(
      simulateRelay(again, payload, encodeAccessList(again, payload)),
      'MessageAlreadyRelayed',
    )
  })

  it('checks, in order: origin, access list, payload shape, destination', async () => {
    const body = encodeFunctionData({ abi: greeterAbi, functionName: 'setAllow', args: [false] })
    const message = incomingMessage(GREETER, body)
    const payload = sentMessagePayload(message)

    const fromGreeter = foreignIdentifier({ origin: GREETER })
    await expectRevert(
      simulateRelay(fromGreeter, payload, encodeAccessList(fromGreeter, payload)),
      'IdOriginNotL2ToL2CrossDomainMessenger',
    )

    const id = foreignIdentifier()
    await expectRevert(simulateRelay(id, payload), 'NotInAccessList')

    // Correctly declared logs that are not a SentMessage: another first topic, or too short to hold the topics.
    for (const notSentMessage of [
      concat([keccak256(toHex('Other()')), `0x${payload.slice(66)}`]),
      sentMessageTopic,
    ]) {
      await expectRevert(
        simulateRelay(id, notSentMessage, encodeAccessList(id, notSentMessage)),
        'EventPayloadNotSentMessage',
      )
    }

    const elsewhere = sentMessagePayload({ ...message, destination: 903n })
    await expectRevert(
      simulateRelay(id, elsewhere, encodeAccessList(id, elsewhere)),
      'MessageDestinationNotRelayChain',
    )
  })

  it('refuses a real SentMessage of this chain: it is addressed to another chain', async () => {
    const receipt = await mined(c.messenger.write.sendMessage([OTHER_CHAIN_ID, GREETER, '0x']))
    const log = receipt.logs.find((entry) => entry.topics[0] === sentMessageTopic)
    if (!log) throw new Error('no SentMessage')
    const block = await c.publicClient.getBlock({ blockNumber: receipt.blockNumber })
    const id = {
      origin: log.address,
      blockNumber: log.blockNumber,
      logIndex: BigInt(log.logIndex),
      timestamp: block.timestamp,
      chainId: CHAIN_ID,
    }
    const payload = concat([...log.topics, log.data])
    await expectRevert(
      simulateRelay(id, payload, encodeAccessList(id, payload)),
      'MessageDestinationNotRelayChain',
    )
  })

  it('reverts with the target’s own error, leaving the message relayable once the cause is gone', async () => {
    const message = incomingMessage(
      GREETER,
      encodeFunctionData({ abi: greeterAbi, functionName: 'fail', args: ['closed'] }),
    )
    const payload = sentMessagePayload(message)
    const id = foreignIdentifier()

    await expectRevert(simulateRelay(id, payload, encodeAccessList(id, payload)), 'Rejected', ['closed'])
    expect(await c.messenger.read.successfulMessages([messageHashOf(message)])).toBe(false)

    await mined(c.greeter.write.setAllow([true]))
    const acceptedBefore = await c.greeter.read.acceptedCount()
    await relay(id, payload)
    expect(await c.greeter.read.acceptedCount()).toBe(acceptedBefore + 1n)
    expect(await c.messenger.read.successfulMessages([messageHashOf(message)])).toBe(true)
    await mined(c.greeter.write.setAllow([false]))
  })

  it('cannot be re-entered by the target', async () => {
    const inner = sentMessagePayload(incomingMessage(GREETER, '0x'))
    const reentry = encodeFunctionData({
      abi: messengerAbi,
      functionName: 'relayMessage',
      args: [foreignIdentifier(), inner],
    })
    // Only a hand-made message can target the messenger: sendMessage refuses to send one.
    const payload = sentMessagePayload(incomingMessage(L2_TO_L2_CROSS_DOMAIN_MESSENGER, reentry))
    const id = foreignIdentifier()
    await expectRevert(simulateRelay(id, payload, encodeAccessList(id, payload)), 'ReentrantCall')
  })

  it('exposes the cross-domain context only during a relay', async () => {
    await expectRevert(c.messenger.read.crossDomainMessageSender(), 'NotEntered')
    await expectRevert(c.messenger.read.crossDomainMessageSource(), 'NotEntered')
    await expectRevert(c.messenger.read.crossDomainMessageContext(), 'NotEntered')
    // A target called directly, not through a relay, hears the same.
    await expectRevert(c.greeter.simulate.setGreeting(['direct'], { account: ALICE }), 'NotEntered')
  })
})

describe('bridge relays', () => {
  it('relayERC20 mints to the recipient when the message comes from the token bridge', async () => {
    const carol: Address = '0x000000000000000000000000000000000000ca01'
    const body = encodeFunctionData({
      abi: superchainTokenBridgeAbi,
      functionName: 'relayERC20',
      args: [SUPERCHAIN_ERC20_MOCK, BOB, carol, 42n],
    })
    const message = incomingMessage(SUPERCHAIN_TOKEN_BRIDGE, body, SUPERCHAIN_TOKEN_BRIDGE)
    const { logs } = await relay(foreignIdentifier(), sentMessagePayload(message))

    expect(await c.token.read.balanceOf([carol])).toBe(42n)
    const [relayed] = parseEventLogs({ abi: superchainTokenBridgeAbi, eventName: 'RelayERC20', logs })
    expect(relayed?.args).toEqual({
      token: SUPERCHAIN_ERC20_MOCK,
      from: BOB,
      to: carol,
      amount: 42n,
      source: OTHER_CHAIN_ID,
    })
    const [minted] = parseEventLogs({ abi: tokenAbi, eventName: 'CrosschainMint', logs })
    expect(minted?.args).toEqual({ to: carol, amount: 42n, sender: SUPERCHAIN_TOKEN_BRIDGE })
  })

  it('relayERC20 refuses messages from anyone but the bridge, and callers other than the messenger', async () => {
    const args = [SUPERCHAIN_ERC20_MOCK, BOB, BOB, 1n] as const
    const body = encodeFunctionData({ abi: superchainTokenBridgeAbi, functionName: 'relayERC20', args })
    const forged = sentMessagePayload(incomingMessage(SUPERCHAIN_TOKEN_BRIDGE, body, BOB))
    const id = foreignIdentifier()
    await expectRevert(simulateRelay(id, forged, encodeAccessList(id, forged)), 'InvalidCrossDomainSender')
    await expectRevert(c.tokenBridge.simulate.relayERC20(args, { account: ALICE }), 'Unauthorized')
  })

  it('relayETH pays from ETHLiquidity without running the recipient’s code', async () => {
    // The Greeter has no receive function: a plain transfer to it would revert.
    const liquidityBefore = await c.publicClient.getBalance({ address: ETH_LIQUIDITY })
    const greeterBefore = await c.publicClient.getBalance({ address: GREETER })
    const body = encodeFunctionData({
      abi: superchainETHBridgeAbi,
      functionName: 'relayETH',
      args: [BOB, GREETER, 7n],
    })
    const message = incomingMessage(SUPERCHAIN_ETH_BRIDGE, body, SUPERCHAIN_ETH_BRIDGE)
    const { logs } = await relay(foreignIdentifier(), sentMessagePayload(message))

    expect(await c.publicClient.getBalance({ address: GREETER })).toBe(greeterBefore + 7n)
    expect(await c.publicClient.getBalance({ address: ETH_LIQUIDITY })).toBe(liquidityBefore - 7n)
    expect(await c.publicClient.getBalance({ address: SUPERCHAIN_ETH_BRIDGE })).toBe(0n)
    const [relayed] = parseEventLogs({ abi: superchainETHBridgeAbi, eventName: 'RelayETH', logs })
    expect(relayed?.args).toEqual({ from: BOB, to: GREETER, amount: 7n, source: OTHER_CHAIN_ID })
    const [minted] = parseEventLogs({ abi: liquidityAbi, eventName: 'LiquidityMinted', logs })
    expect(minted?.args).toEqual({ caller: SUPERCHAIN_ETH_BRIDGE, value: 7n })
  })

  it('relayETH refuses messages from anyone but the ETH bridge, and callers other than the messenger', async () => {
    const body = encodeFunctionData({
      abi: superchainETHBridgeAbi,
      functionName: 'relayETH',
      args: [BOB, BOB, 1n],
    })
    const forged = sentMessagePayload(incomingMessage(SUPERCHAIN_ETH_BRIDGE, body, SUPERCHAIN_TOKEN_BRIDGE))
    const id = foreignIdentifier()
    await expectRevert(simulateRelay(id, forged, encodeAccessList(id, forged)), 'InvalidCrossDomainSender')
    await expectRevert(c.ethBridge.simulate.relayETH([BOB, BOB, 1n], { account: ALICE }), 'Unauthorized')
  })
})

describe('Multicall3', () => {
  it('serves viem’s multicall (aggregate3), reporting each call’s failure separately', async () => {
    const results = await c.publicClient.multicall({
      contracts: [
        { address: SUPERCHAIN_ERC20_MOCK, abi: tokenAbi, functionName: 'symbol' },
        {
          address: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
          abi: messengerAbi,
          functionName: 'crossDomainMessageSender',
        },
        { address: CROSS_L2_INBOX, abi: crossL2InboxAbi, functionName: 'version' },
      ],
    })
    expect(results[0]).toEqual({ status: 'success', result: 'MOCK' })
    expect(results[1]?.status).toBe('failure')
    expect(results[2]).toEqual({ status: 'success', result: '1.0.2' })
    await expect(
      c.publicClient.multicall({
        allowFailure: false,
        contracts: [
          { address: L2_TO_L2_CROSS_DOMAIN_MESSENGER, abi: messengerAbi, functionName: 'messageNonce' },
        ],
      }),
    ).resolves.toHaveLength(1)
  })

  it('answers the chain getters', async () => {
    expect(await c.multicall.read.getChainId()).toBe(CHAIN_ID)
    expect(await c.multicall.read.getEthBalance([ETH_LIQUIDITY])).toBe(
      await c.publicClient.getBalance({ address: ETH_LIQUIDITY }),
    )
  })
})
