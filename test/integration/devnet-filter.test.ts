/**
 * The interop filter holds whatever shape the transaction takes and whatever method submits it: a forged executing
 * message — a REAL identifier, a made-up amount, and an access list consistent with both — is refused, never mined,
 * and mints nothing. Sent straight to anvil (no filter), the same transaction does mint: the filter is what stops it.
 */
import { encodeAccessList } from '@eth-optimism/viem/utils/interop'
import type { BuildExecutingMessageReturnType } from '@eth-optimism/viem/actions/interop'
import {
  BaseError,
  concat,
  decodeAbiParameters,
  decodeFunctionData,
  encodeAbiParameters,
  encodeDeployData,
  encodeFunctionData,
  parseAbi,
  slice,
  type AccessList,
  type Address,
  type Hex,
} from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { artifacts } from '../../devnet/contracts/artifacts'
import { bridgeRelayAbi, l2ToL2CrossDomainMessengerAbi } from '../../src/core/protocol/abis'
import { L2_TO_L2_CROSS_DOMAIN_MESSENGER } from '../../src/core/protocol/addresses'
import { MOCK, startTestDevnet, type TestDevnet } from '../fixtures/devnet'

const FORGED_AMOUNT = 10n ** 24n
/** Receives the real transfers (1 MOCK-wei each), so any forged mint would show in its balance. */
const RECIPIENT: Address = '0x00000000000000000000000000000000000c0ffe'
/** Sends eth_sendUnsignedTransaction: anvil accepts it from any funded address, no key needed. */
const UNSIGNED_SENDER: Address = '0x000000000000000000000000000000000000a11c'
const SENDER = 3
const GAS = 1_000_000n

const mockAbi = parseAbi([
  'function balanceOf(address) view returns (uint256)',
  'function mint(address to, uint256 amount)',
])

let devnet: TestDevnet
/** The real messages: `forgeable` is attacked and then relayed for real; `nested` is relayed through a contract. */
let forgeable: BuildExecutingMessageReturnType
let nested: BuildExecutingMessageReturnType
let forged: Hex
let forgedAccessList: AccessList
let nestedRelayer: Address
let armedRelayer: Address

/** The payload of a SendERC20 message with another amount: the messenger and the bridge cannot tell. */
function withAmount(payload: Hex, amount: bigint): Hex {
  const [sender, message] = decodeAbiParameters([{ type: 'address' }, { type: 'bytes' }], slice(payload, 128))
  const { args } = decodeFunctionData({ abi: bridgeRelayAbi, data: message })
  const [token, from, to] = args as [Address, Address, Address, bigint]
  return concat([
    slice(payload, 0, 128),
    encodeAbiParameters(
      [{ type: 'address' }, { type: 'bytes' }],
      [
        sender,
        encodeFunctionData({
          abi: bridgeRelayAbi,
          functionName: 'relayERC20',
          args: [token, from, to, amount],
        }),
      ],
    ),
  ])
}

const relayData = (payload: Hex, id = forgeable.id) =>
  encodeFunctionData({
    abi: l2ToL2CrossDomainMessengerAbi,
    functionName: 'relayMessage',
    args: [id, payload],
  })

const wallet = () => devnet.walletClient(902, devnet.account(SENDER))

/** A signed transaction from the sender, with explicit gas (estimation would already revert or be refused). */
async function signed(tx: { to?: Address; data?: Hex; accessList: AccessList }): Promise<Hex> {
  const w = wallet()
  const request = await w.prepareTransactionRequest({
    ...tx,
    gas: GAS,
    account: devnet.account(SENDER),
    chain: devnet.chain(902).chain,
  })
  return w.signTransaction(request as never)
}

const rpc = (method: string, params: unknown[]) =>
  devnet.publicClient(902).request({ method: method as never, params: params as never })

const hex = (n: bigint) => `0x${n.toString(16)}`

async function mockBalance(address: Address): Promise<bigint> {
  return devnet
    .publicClient(902)
    .readContract({ address: MOCK, abi: mockAbi, functionName: 'balanceOf', args: [address] })
}

/** The check a refusal names (`invalid executing message (<check>)`), or the whole error text. */
function refusal(error: unknown): string {
  const text = error instanceof BaseError ? `${error.details} ${error.shortMessage}` : String(error)
  return /invalid executing message \(([a-z-]+)\)/.exec(text)?.[1] ?? text
}

/**
 * Runs `send`, which must be refused with `check`; then the sender's nonce and the recipient's MOCK balance must be
 * unchanged — the transaction never reached the chain.
 */
async function expectRefused(
  send: () => Promise<unknown>,
  sender: Address = devnet.accounts[SENDER].address,
) {
  const nonce = () => devnet.publicClient(902).getTransactionCount({ address: sender, blockTag: 'pending' })
  const [nonceBefore, balanceBefore] = await Promise.all([nonce(), mockBalance(RECIPIENT)])
  const error = await send().then(
    (result) =>
      new Error(`accepted: ${JSON.stringify(result, (_, v) => (typeof v === 'bigint' ? String(v) : v))}`),
    (e: unknown) => e,
  )
  await devnet.mine(902)
  expect(await nonce()).toBe(nonceBefore)
  expect(await mockBalance(RECIPIENT)).toBe(balanceBefore)
  return { check: refusal(error), text: error instanceof BaseError ? error.details : String(error) }
}

beforeAll(async () => {
  // Automine: anything the filter let through would be mined at once.
  devnet = await startTestDevnet({ blockTime: 0 })
  const mint = await devnet.walletClient(901).writeContract({
    address: MOCK,
    abi: mockAbi,
    functionName: 'mint',
    args: [devnet.accounts[0].address, 10n],
    account: devnet.account(0),
    chain: devnet.chain(901).chain,
  })
  await devnet.publicClient(901).waitForTransactionReceipt({ hash: mint })
  const send = async () => devnet.executingMessage(await devnet.sendMock({ amount: 1n, to: RECIPIENT }))
  forgeable = await send()
  nested = await send()
  forged = withAmount(forgeable.payload, FORGED_AMOUNT)
  // Self-consistent: the lookup entry names the real log, the checksum is the forged payload's.
  forgedAccessList = encodeAccessList(forgeable.id, forged)

  const deploy = async (name: 'NestedRelayer' | 'ArmedRelayer') => {
    const hash = await wallet().deployContract({
      abi: artifacts[name].abi,
      bytecode: artifacts[name].bytecode,
      account: devnet.account(SENDER),
      chain: devnet.chain(902).chain,
    })
    return (await devnet.publicClient(902).waitForTransactionReceipt({ hash })).contractAddress!
  }
  nestedRelayer = await deploy('NestedRelayer')
  armedRelayer = await deploy('ArmedRelayer')
  const arm = await wallet().writeContract({
    address: armedRelayer,
    abi: artifacts.ArmedRelayer.abi,
    functionName: 'arm',
    args: [forgeable.id, forged],
    account: devnet.account(SENDER),
    chain: devnet.chain(902).chain,
  })
  await devnet.publicClient(902).waitForTransactionReceipt({ hash: arm })
  await devnet.anvilClient(902).request({
    method: 'anvil_setBalance' as never,
    params: [UNSIGNED_SENDER, hex(10n ** 21n)] as never,
  })
  // The relays below must not be early: the destination's clock must be past the initiating block.
  const initiated =
    forgeable.id.timestamp > nested.id.timestamp ? forgeable.id.timestamp : nested.id.timestamp
  while ((await devnet.publicClient(902).getBlock({ blockTag: 'pending' })).timestamp <= initiated) {
    await new Promise((r) => setTimeout(r, 200))
  }
})

afterAll(async () => {
  await devnet?.stop()
})

describe('the forged message (real identifier, made-up amount, self-consistent access list) is refused', () => {
  const shapes: [string, () => Promise<unknown>][] = [
    [
      'relayMessage sent as a raw transaction',
      () =>
        devnet.sendRelay({ ...forgeable, payload: forged, accessList: forgedAccessList }, { from: SENDER }),
    ],
    [
      'relayMessage from a nested call of a contract',
      () =>
        wallet().sendTransaction({
          to: nestedRelayer,
          data: encodeFunctionData({
            abi: artifacts.NestedRelayer.abi,
            functionName: 'relay',
            args: [forgeable.id, forged],
          }),
          accessList: forgedAccessList,
          gas: GAS,
          account: devnet.account(SENDER),
          chain: devnet.chain(902).chain,
        }),
    ],
    [
      'a contract creation whose constructor relays',
      () =>
        wallet().sendTransaction({
          data: encodeDeployData({
            abi: artifacts.RelayOnDeploy.abi,
            bytecode: artifacts.RelayOnDeploy.bytecode,
            args: [forgeable.id, forged],
          }),
          accessList: forgedAccessList,
          gas: GAS,
          account: devnet.account(SENDER),
          chain: devnet.chain(902).chain,
        }),
    ],
    [
      'a transfer to an EOA that only carries the access list',
      () =>
        wallet().sendTransaction({
          to: devnet.accounts[1].address,
          value: 1n,
          accessList: forgedAccessList,
          gas: GAS,
          account: devnet.account(SENDER),
          chain: devnet.chain(902).chain,
        }),
    ],
    [
      'one byte of calldata to a fallback that relays',
      () =>
        wallet().sendTransaction({
          to: armedRelayer,
          data: '0x01',
          accessList: forgedAccessList,
          gas: GAS,
          account: devnet.account(SENDER),
          chain: devnet.chain(902).chain,
        }),
    ],
    [
      'no calldata at all to a fallback that relays',
      () =>
        wallet().sendTransaction({
          to: armedRelayer,
          accessList: forgedAccessList,
          gas: GAS,
          account: devnet.account(SENDER),
          chain: devnet.chain(902).chain,
        }),
    ],
    [
      'eth_sendTransaction (anvil signs)',
      () =>
        rpc('eth_sendTransaction', [
          {
            from: devnet.accounts[SENDER].address,
            to: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
            data: relayData(forged),
            accessList: forgedAccessList,
            gas: hex(GAS),
          },
        ]),
    ],
    [
      'eth_sendTransactionSync',
      () =>
        rpc('eth_sendTransactionSync', [
          {
            from: devnet.accounts[SENDER].address,
            to: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
            data: relayData(forged),
            accessList: forgedAccessList,
            gas: hex(GAS),
          },
        ]),
    ],
    [
      'eth_sendRawTransactionSync',
      async () =>
        rpc('eth_sendRawTransactionSync', [
          await signed({
            to: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
            data: relayData(forged),
            accessList: forgedAccessList,
          }),
        ]),
    ],
    [
      'anvil_reorg replaying the transaction',
      async () =>
        rpc('anvil_reorg', [
          1,
          [
            [
              await signed({
                to: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
                data: relayData(forged),
                accessList: forgedAccessList,
              }),
              0,
            ],
          ],
        ]),
    ],
    [
      'an access list written without 0x prefixes',
      () =>
        rpc('eth_sendTransaction', [
          {
            from: devnet.accounts[SENDER].address,
            to: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
            data: relayData(forged),
            accessList: forgedAccessList.map((e) => ({
              address: e.address.slice(2).toUpperCase(),
              storageKeys: e.storageKeys.map((k) => k.slice(2)),
            })),
            gas: hex(GAS),
          },
        ]),
    ],
  ]

  for (const [shape, send] of shapes) {
    it(shape, async () => {
      expect((await expectRefused(send)).check).toBe('payload-hash')
    })
  }

  it('eth_sendUnsignedTransaction (any address, no key)', async () => {
    const send = () =>
      rpc('eth_sendUnsignedTransaction', [
        {
          from: UNSIGNED_SENDER,
          to: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
          data: relayData(forged),
          accessList: forgedAccessList,
          gas: hex(GAS),
        },
      ])
    expect((await expectRefused(send, UNSIGNED_SENDER)).check).toBe('payload-hash')
  })

  it('inside a JSON-RPC batch, while the batch’s other requests are answered', async () => {
    const raw = await signed({
      to: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
      data: relayData(forged),
      accessList: forgedAccessList,
    })
    let answers: { id: number; result?: unknown; error?: { message: string; data?: { check?: string } } }[] =
      []
    await expectRefused(async () => {
      const response = await fetch(devnet.chain(902).rpcUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([
          { jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] },
          { jsonrpc: '2.0', id: 2, method: 'eth_sendRawTransaction', params: [raw] },
        ]),
      })
      answers = (await response.json()) as typeof answers
      throw new Error(answers[1]?.error?.message ?? 'the batch’s transaction was accepted')
    })
    expect(answers[0]).toMatchObject({ id: 1, result: '0x386' })
    expect(answers[1]?.error?.data?.check).toBe('payload-hash')
  })

  it('names the call that used the forged entry', async () => {
    const { text } = await expectRefused(() =>
      wallet().sendTransaction({
        to: nestedRelayer,
        data: encodeFunctionData({
          abi: artifacts.NestedRelayer.abi,
          functionName: 'relay',
          args: [forgeable.id, forged],
        }),
        accessList: forgedAccessList,
        gas: GAS,
        account: devnet.account(SENDER),
        chain: devnet.chain(902).chain,
      }),
    )
    expect(text).toMatch(
      /the checksum 0x03[0-9a-f]{62} does not match the log at block \d+, log index \d+ of chain 901/,
    )
    expect(text).toMatch(
      new RegExp(
        `used by CrossL2Inbox\\.validateMessage called from ${L2_TO_L2_CROSS_DOMAIN_MESSENGER} at call depth 4`,
        'i',
      ),
    )
  })
})

describe('the filter reads every entry of the access list', () => {
  it('refuses a valid entry followed by a forged one, even if nothing calls the inbox', async () => {
    const both: AccessList = [
      {
        address: nested.accessList[0]!.address,
        storageKeys: [...nested.accessList[0]!.storageKeys, ...forgedAccessList[0]!.storageKeys],
      },
    ]
    const send = () =>
      wallet().sendTransaction({
        to: devnet.accounts[1].address,
        value: 1n,
        accessList: both,
        gas: GAS,
        account: devnet.account(SENDER),
        chain: devnet.chain(902).chain,
      })
    expect((await expectRefused(send)).check).toBe('payload-hash')
  })

  it('refuses malformed CrossL2Inbox keys (a checksum with no lookup entry)', async () => {
    const send = () =>
      wallet().sendTransaction({
        to: devnet.accounts[1].address,
        value: 1n,
        accessList: [
          { address: forgedAccessList[0]!.address, storageKeys: [forgedAccessList[0]!.storageKeys.at(-1)!] },
        ],
        gas: GAS,
        account: devnet.account(SENDER),
        chain: devnet.chain(902).chain,
      })
    const { check, text } = await expectRefused(send)
    expect(check).toBe('access-list')
    expect(text).toMatch(/checksum with no lookup entry before it/)
  })

  it('refuses a batch nested in a batch (anvil would run it unchecked)', async () => {
    const raw = await signed({
      to: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
      data: relayData(forged),
      accessList: forgedAccessList,
    })
    await expectRefused(async () => {
      const response = await fetch(devnet.chain(902).rpcUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([[{ jsonrpc: '2.0', id: 1, method: 'eth_sendRawTransaction', params: [raw] }]]),
      })
      const [answer] = (await response.json()) as { error?: { message: string } }[]
      throw new Error(answer?.error?.message ?? 'accepted')
    })
  })
})

describe('valid executing messages pass, whatever the shape', () => {
  it('relays the real message with relayMessage', async () => {
    const before = await mockBalance(RECIPIENT)
    const hash = await devnet.sendRelay(forgeable, { from: SENDER })
    expect((await devnet.publicClient(902).waitForTransactionReceipt({ hash })).status).toBe('success')
    expect(await mockBalance(RECIPIENT)).toBe(before + 1n)
  })

  it('relays a real message from a nested call of a contract', async () => {
    const before = await mockBalance(RECIPIENT)
    const hash = await wallet().sendTransaction({
      to: nestedRelayer,
      data: encodeFunctionData({
        abi: artifacts.NestedRelayer.abi,
        functionName: 'relay',
        args: [nested.id, nested.payload],
      }),
      accessList: nested.accessList,
      gas: GAS,
      account: devnet.account(SENDER),
      chain: devnet.chain(902).chain,
    })
    expect((await devnet.publicClient(902).waitForTransactionReceipt({ hash })).status).toBe('success')
    expect(await mockBalance(RECIPIENT)).toBe(before + 1n)
  })
})

describe('without the filter', () => {
  it('the forged relay mints 10^24 MOCK: this is the attack the filter stops', async () => {
    const before = await mockBalance(RECIPIENT)
    const raw = await signed({
      to: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
      data: relayData(forged),
      accessList: forgedAccessList,
    })
    const hash = await devnet.anvilClient(902).sendRawTransaction({ serializedTransaction: raw })
    expect((await devnet.anvilClient(902).waitForTransactionReceipt({ hash })).status).toBe('success')
    expect(await mockBalance(RECIPIENT)).toBe(before + FORGED_AMOUNT)
  })
})
