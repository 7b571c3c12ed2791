import { hashCrossDomainMessage } from '@eth-optimism/viem/utils/interop'
import { encodeAbiParameters, encodeEventTopics, encodeFunctionData, keccak256, parseEther } from 'viem'
import type { Address, Hex, Log } from 'viem'
import { describe, expect, it } from 'vitest'

import { bridgeRelayAbi, l2ToL2CrossDomainMessengerAbi, superchainTokenBridgeAbi } from './abis'
import { L2_TO_L2_CROSS_DOMAIN_MESSENGER, SUPERCHAIN_ETH_BRIDGE, SUPERCHAIN_TOKEN_BRIDGE } from './addresses'
import { decodeSentMessages, withTimestamp } from './decode'

const TOKEN: Address = '0x420beeF000000000000000000000000000000001'
const ALICE: Address = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'
const BOB: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const GREETER: Address = '0x5FbDB2315678afecb367f032d93F642f64180aa3'
const BLOCK_HASH: Hex = `0x${'ab'.repeat(32)}`
const TX_HASH: Hex = `0x${'cd'.repeat(32)}`

const ERC20_BODY = encodeFunctionData({
  abi: bridgeRelayAbi,
  functionName: 'relayERC20',
  args: [TOKEN, ALICE, BOB, parseEther('10')],
})

/**
 * keccak256(abi.encode(902, 901, 7, bridge, bridge, relayERC20(TOKEN, ALICE, BOB, 10e18))), computed once by
 * hand (encodeAbiParameters + keccak256) and pinned, so a change in argument order anywhere shows up here.
 */
const ERC20_HASH: Hex = '0x53bcd8fd2b0bdc04e73b5f78d4b00c9243489c7674a2fe623742c8b938324acc'

type Fields = { destination: bigint; target: Address; nonce: bigint; sender: Address; message: Hex }

function baseLog(logIndex: number, address: Address, topics: Hex[], data: Hex): Log {
  return {
    address,
    topics: topics as [Hex, ...Hex[]],
    data,
    blockHash: BLOCK_HASH,
    blockNumber: 42n,
    logIndex,
    transactionHash: TX_HASH,
    transactionIndex: 0,
    removed: false,
  }
}

function sentMessageLog(
  fields: Fields,
  logIndex: number,
  address: Address = L2_TO_L2_CROSS_DOMAIN_MESSENGER,
): Log {
  const topics = encodeEventTopics({
    abi: l2ToL2CrossDomainMessengerAbi,
    eventName: 'SentMessage',
    args: { destination: fields.destination, target: fields.target, messageNonce: fields.nonce },
  }) as Hex[]
  const data = encodeAbiParameters([{ type: 'address' }, { type: 'bytes' }], [fields.sender, fields.message])
  return baseLog(logIndex, address, topics, data)
}

function sendErc20Log(logIndex: number): Log {
  const topics = encodeEventTopics({
    abi: superchainTokenBridgeAbi,
    eventName: 'SendERC20',
    args: { token: TOKEN, from: ALICE, to: BOB },
  }) as Hex[]
  return baseLog(
    logIndex,
    SUPERCHAIN_TOKEN_BRIDGE,
    topics,
    encodeAbiParameters([{ type: 'uint256' }, { type: 'uint256' }], [parseEther('10'), 902n]),
  )
}

const erc20Fields: Fields = {
  destination: 902n,
  target: SUPERCHAIN_TOKEN_BRIDGE,
  nonce: 7n,
  sender: SUPERCHAIN_TOKEN_BRIDGE,
  message: ERC20_BODY,
}

describe('message hash vector', () => {
  it('the pinned hash is abi.encode(destination, source, nonce, sender, target, message) hashed', () => {
    const encoded = encodeAbiParameters(
      [
        { type: 'uint256' },
        { type: 'uint256' },
        { type: 'uint256' },
        { type: 'address' },
        { type: 'address' },
        { type: 'bytes' },
      ],
      [902n, 901n, 7n, SUPERCHAIN_TOKEN_BRIDGE, SUPERCHAIN_TOKEN_BRIDGE, ERC20_BODY],
    )
    expect(keccak256(encoded)).toBe(ERC20_HASH)
    const log = sentMessageLog(erc20Fields, 0)
    expect(hashCrossDomainMessage({ ...erc20Fields, source: 901n, log })).toBe(ERC20_HASH)
  })
})

describe('decodeSentMessages', () => {
  // A receipt of a contract that bridged tokens and then sent a generic message: SendERC20 + two SentMessages, and
  // a look-alike SentMessage from a contract that is not the messenger.
  const ethBody = encodeFunctionData({
    abi: bridgeRelayAbi,
    functionName: 'relayETH',
    args: [ALICE, BOB, 5n * 10n ** 17n],
  })
  const greet = encodeFunctionData({
    abi: [
      {
        type: 'function',
        name: 'setGreeting',
        inputs: [{ name: 'g', type: 'string' }],
        outputs: [],
        stateMutability: 'nonpayable',
      },
    ],
    args: ['hi'],
  })
  const logs = [
    sendErc20Log(0),
    sentMessageLog(erc20Fields, 1),
    sentMessageLog({ destination: 903n, target: GREETER, nonce: 8n, sender: ALICE, message: greet }, 2),
    sentMessageLog({ ...erc20Fields, nonce: 9n }, 3, GREETER),
    sentMessageLog(
      {
        destination: 902n,
        target: SUPERCHAIN_ETH_BRIDGE,
        nonce: 10n,
        sender: SUPERCHAIN_ETH_BRIDGE,
        message: ethBody,
      },
      4,
    ),
  ]

  const decoded = decodeSentMessages(901, logs)

  it('returns every messenger SentMessage in log order and ignores other logs and other emitters', () => {
    expect(decoded.map((d) => [d.nonce, d.initiatingLog?.logIndex])).toEqual([
      [7n, 1],
      [8n, 2],
      [10n, 4],
    ])
  })

  it('decodes the fields, the hash and the location of a token transfer', () => {
    const [first] = decoded
    expect(first).toMatchObject({
      hash: ERC20_HASH,
      source: 901,
      destination: 902,
      nonce: 7n,
      sender: SUPERCHAIN_TOKEN_BRIDGE,
      target: SUPERCHAIN_TOKEN_BRIDGE,
      message: ERC20_BODY,
      intent: { kind: 'erc20', token: TOKEN, from: ALICE, to: BOB, amount: parseEther('10') },
      initiatingLog: { blockNumber: 42n, blockHash: BLOCK_HASH, logIndex: 1, transactionHash: TX_HASH },
    })
    expect(first?.initiatingLog).not.toHaveProperty('timestamp')
    expect(first?.log).toMatchObject({ address: L2_TO_L2_CROSS_DOMAIN_MESSENGER, logIndex: 1 })
  })

  it('classifies a generic message by selector, and an ETH transfer', () => {
    expect(decoded[1]).toMatchObject({ destination: 903, sender: ALICE, target: GREETER })
    expect(decoded[1]?.intent).toEqual({ kind: 'generic', selector: greet.slice(0, 10) })
    expect(decoded[2]?.intent).toEqual({ kind: 'eth', from: ALICE, to: BOB, amount: 5n * 10n ** 17n })
  })

  it('hashes each message with its own fields', () => {
    const hashes = new Set(decoded.map((d) => d.hash))
    expect(hashes.size).toBe(3)
  })

  it('matches the messenger address case-insensitively', () => {
    const upper = {
      ...sentMessageLog(erc20Fields, 0),
      address: L2_TO_L2_CROSS_DOMAIN_MESSENGER.toUpperCase().replace('0X', '0x') as Address,
    }
    expect(decodeSentMessages(901, [upper]).map((d) => d.hash)).toEqual([ERC20_HASH])
  })

  it('takes the timestamp from the log when the node includes blockTimestamp', () => {
    const log = { ...sentMessageLog(erc20Fields, 1), blockTimestamp: 1_700_000_000n }
    expect(decodeSentMessages(901, [log])[0]?.initiatingLog?.timestamp).toBe(1_700_000_000n)
  })

  it('withTimestamp completes a decoded initiating log', () => {
    const partial = decoded[0]!.initiatingLog!
    expect(withTimestamp(partial, 5n)).toEqual({ ...partial, timestamp: 5n })
  })

  it('leaves initiatingLog out for a pending log', () => {
    const pending: Log = {
      ...sentMessageLog(erc20Fields, 0),
      blockHash: null,
      blockNumber: null,
      logIndex: null,
      transactionHash: null,
      transactionIndex: null,
    }
    const [d] = decodeSentMessages(901, [pending])
    expect(d?.hash).toBe(ERC20_HASH)
    expect(d).not.toHaveProperty('initiatingLog')
  })

  it('skips a SentMessage whose data does not decode, and one to an impossible destination', () => {
    const broken = { ...sentMessageLog(erc20Fields, 0), data: '0x1234' as Hex }
    const huge = sentMessageLog({ ...erc20Fields, destination: 2n ** 64n }, 1)
    expect(decodeSentMessages(901, [broken, huge])).toEqual([])
  })

  it('returns nothing for a receipt without messages', () => {
    expect(decodeSentMessages(901, [sendErc20Log(0)])).toEqual([])
    expect(decodeSentMessages(901, [])).toEqual([])
  })

  it('uses the given source chain in the hash', () => {
    expect(decodeSentMessages(999, [sentMessageLog(erc20Fields, 0)])[0]?.hash).not.toBe(ERC20_HASH)
  })
})
