import { encodeMessagePayload } from '@eth-optimism/viem/utils/interop'
import { encodeAbiParameters, encodeEventTopics, encodeFunctionData, parseEther } from 'viem'
import type { Address, Hex, Log } from 'viem'
import { describe, expect, it } from 'vitest'

import type { TrackedMessage } from '../model/message'
import { bridgeRelayAbi, l2ToL2CrossDomainMessengerAbi } from './abis'
import { CROSS_L2_INBOX, L2_TO_L2_CROSS_DOMAIN_MESSENGER, SUPERCHAIN_TOKEN_BRIDGE } from './addresses'
import { decodeSentMessages } from './decode'
import {
  InitiatingLogUnknownError,
  executingMessageFor,
  messageIdentifier,
  relayAccessList,
  sentMessagePayload,
} from './payload'

const TOKEN: Address = '0x420beeF000000000000000000000000000000001'
const ALICE: Address = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'

/** From @eth-optimism/viem's encodeAccessList.spec.ts: a 1000-unit relayERC20 from 901 to 902, nonce 0. */
const SPEC_PAYLOAD: Hex =
  '0x382409ac69001e11931a28435afef442cbfd20d9891907e8fa373ba7d351f3200000000000000000000000000000000000000000000000000000000000000386000000000000000000000000420000000000000000000000000000000000002800000000000000000000000000000000000000000000000000000000000000000000000000000000000000004200000000000000000000000000000000000028000000000000000000000000000000000000000000000000000000000000004000000000000000000000000000000000000000000000000000000000000000847cfd6dbc000000000000000000000000420beef000000000000000000000000000000001000000000000000000000000f39fd6e51aad88f6f4ce6ab8827279cfffb92266000000000000000000000000f39fd6e51aad88f6f4ce6ab8827279cfffb9226600000000000000000000000000000000000000000000000000000000000003e800000000000000000000000000000000000000000000000000000000'
const SPEC_ID = {
  origin: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
  blockNumber: 14n,
  logIndex: 2n,
  timestamp: 1743801675n,
  chainId: 901n,
}
const SPEC_ACCESS_LIST = [
  {
    address: CROSS_L2_INBOX,
    storageKeys: [
      '0x010000000000000000000385000000000000000e0000000067f04d4b00000002',
      '0x03c6d2648cef120ce1d7ccf9f8d4042d6b25ff30a02e22d9ea2a47d2677ccb8d',
    ],
  },
]

const specMessage = {
  destination: 902,
  target: SUPERCHAIN_TOKEN_BRIDGE,
  nonce: 0n,
  sender: SUPERCHAIN_TOKEN_BRIDGE,
  message: encodeFunctionData({
    abi: bridgeRelayAbi,
    functionName: 'relayERC20',
    args: [TOKEN, ALICE, ALICE, 1000n],
  }),
}

/** A SentMessage log built the way the messenger emits it (indexed destination, target, nonce; data = sender, body). */
function builtLog(fields: typeof specMessage): Log {
  return {
    address: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
    topics: encodeEventTopics({
      abi: l2ToL2CrossDomainMessengerAbi,
      eventName: 'SentMessage',
      args: { destination: BigInt(fields.destination), target: fields.target, messageNonce: fields.nonce },
    }) as [Hex, ...Hex[]],
    data: encodeAbiParameters([{ type: 'address' }, { type: 'bytes' }], [fields.sender, fields.message]),
    blockHash: `0x${'ab'.repeat(32)}`,
    blockNumber: 14n,
    logIndex: 2,
    transactionHash: `0x${'cd'.repeat(32)}`,
    transactionIndex: 0,
    removed: false,
  }
}

function tracked(overrides: Partial<TrackedMessage> = {}): TrackedMessage {
  return {
    hash: `0x${'11'.repeat(32)}`,
    source: 901,
    ...specMessage,
    intent: { kind: 'erc20', token: TOKEN, from: ALICE, to: ALICE, amount: 1000n },
    sourceTransactionHash: `0x${'cd'.repeat(32)}`,
    initiatingLog: {
      blockNumber: 14n,
      blockHash: `0x${'ab'.repeat(32)}`,
      logIndex: 2,
      timestamp: 1743801675n,
      transactionHash: `0x${'cd'.repeat(32)}`,
    },
    status: 'ready',
    accounts: [],
    createdAt: 0,
    updatedAt: 0,
    ...overrides,
  }
}

describe('sentMessagePayload', () => {
  it('rebuilds the payload of the upstream spec vector from the message fields alone', () => {
    expect(sentMessagePayload(specMessage)).toBe(SPEC_PAYLOAD)
  })

  it('equals encodeMessagePayload of the log, for messages of several shapes', () => {
    const shapes = [
      specMessage,
      { ...specMessage, destination: 420120001, nonce: (1n << 240n) | 5n, message: '0x' as Hex },
      { ...specMessage, target: ALICE, sender: ALICE, message: `0x${'ff'.repeat(100)}` as Hex },
    ]
    for (const shape of shapes) expect(sentMessagePayload(shape)).toBe(encodeMessagePayload(builtLog(shape)))
  })

  it('round-trips through decodeSentMessages', () => {
    const [decoded] = decodeSentMessages(901, [builtLog(specMessage)])
    expect(decoded && sentMessagePayload(decoded)).toBe(SPEC_PAYLOAD)
  })
})

describe('messageIdentifier and relayAccessList', () => {
  it('builds the Identifier from the source chain and the initiating log, as bigints', () => {
    expect(messageIdentifier(901, tracked().initiatingLog!)).toEqual(SPEC_ID)
  })

  it('gives the access list of the upstream spec vector, lookup entry first', () => {
    expect(relayAccessList(SPEC_ID, SPEC_PAYLOAD)).toEqual(SPEC_ACCESS_LIST)
  })
})

describe('executingMessageFor', () => {
  it('returns id, payload and access list for a message with an initiating log', () => {
    expect(executingMessageFor(tracked())).toEqual({
      id: SPEC_ID,
      payload: SPEC_PAYLOAD,
      accessList: SPEC_ACCESS_LIST,
    })
  })

  it('refuses a message without an initiating log, saying why', () => {
    const message = tracked({ initiatingLog: undefined, status: 'pending' })
    expect(() => executingMessageFor(message)).toThrow(InitiatingLogUnknownError)
    expect(() => executingMessageFor(message)).toThrow(
      'initiating log unknown (reorged or not yet mined), status pending.',
    )
  })

  it('refuses a reorged message, whose stored log is stale', () => {
    expect(() => executingMessageFor(tracked({ status: 'reorged' }))).toThrow(InitiatingLogUnknownError)
  })

  it('uses the message body: another amount gives another checksum entry', () => {
    const other = executingMessageFor(
      tracked({
        message: encodeFunctionData({
          abi: bridgeRelayAbi,
          functionName: 'relayERC20',
          args: [TOKEN, ALICE, ALICE, parseEther('1')],
        }),
      }),
    )
    expect(other.accessList[0]?.storageKeys[0]).toBe(SPEC_ACCESS_LIST[0]?.storageKeys[0])
    expect(other.accessList[0]?.storageKeys[1]).not.toBe(SPEC_ACCESS_LIST[0]?.storageKeys[1])
  })
})
