/**
 * The people sending transfers in the soak, on the source chain 901 to 902, through the devnet's own RPC (a
 * wallet's, not the trackers' faulty ones):
 * - Alice (#0): a dapp user; the dapp hands each transaction to the Node tracker (`trackTransaction`).
 * - Bob (#1): the Node tracker watches his account and finds his transfers by scanning.
 * - Carol (#3): the extension watches her account; the extension's relay account relays for her. The dapp tells
 *   the Node tracker about her transfers too, so both trackers are judged on them.
 * Recipients are accounts nobody watches. Each transfer carries a different amount, so each has its own hash —
 * except the one sent again on purpose after the restart (the same transfer, nonce 0 again: the same hash).
 */
import { sendETH } from '@eth-optimism/viem/actions/interop'
import { encodeFunctionData, parseAbi, parseEther, type Address, type TransactionReceipt } from 'viem'
import { mnemonicToAccount } from 'viem/accounts'

import { decodeSentMessages } from '../../src/core/protocol/decode'
import { MOCK, type TestDevnet } from '../fixtures/devnet'
import type { RelayRole, SentMessage } from './groundTruth'
import type { Random } from './random'

export const SOURCE = 901
export const DESTINATION = 902
export const USERS = { alice: 0, bob: 1, carol: 3 } as const
export type UserName = keyof typeof USERS

const MNEMONIC = 'test test test test test test test test test test test junk'
const RECIPIENTS: Address[] = [4, 6, 8].map((i) => mnemonicToAccount(MNEMONIC, { addressIndex: i }).address)
const mintAbi = parseAbi(['function mint(address to, uint256 amount)'])

/** MOCK for every sender on the source chain (again after a restart: the new chain starts empty). */
export async function mintForSenders(devnet: TestDevnet): Promise<void> {
  for (const index of Object.values(USERS)) {
    const hash = await devnet.walletClient(SOURCE, devnet.account(index)).sendTransaction({
      to: MOCK,
      data: encodeFunctionData({
        abi: mintAbi,
        functionName: 'mint',
        args: [devnet.accounts[index].address, parseEther('1000')],
      }),
      account: devnet.account(index),
      chain: devnet.chain(SOURCE).chain,
    })
    await devnet.publicClient(SOURCE).waitForTransactionReceipt({ hash })
  }
}

export interface SendPlan {
  user: UserName
  kind: 'mock' | 'eth'
  amount: bigint
  to: Address
}

/** A fresh transfer for `user`, its amount unique in the run. */
export function planTransfer(random: Random, user: UserName, serial: number): SendPlan {
  return {
    user,
    kind: random.chance(0.7) ? 'mock' : 'eth',
    amount: BigInt(1_000 + serial),
    to: random.pick(RECIPIENTS),
  }
}

export async function sendTransfer(devnet: TestDevnet, plan: SendPlan): Promise<TransactionReceipt> {
  const index = USERS[plan.user]
  if (plan.kind === 'mock') {
    return devnet.sendMock({ amount: plan.amount, to: plan.to, from: index, destination: DESTINATION })
  }
  const hash = await sendETH(devnet.walletClient(SOURCE, devnet.account(index)), {
    to: plan.to,
    value: plan.amount,
    chainId: DESTINATION,
    account: devnet.account(index),
    chain: devnet.chain(SOURCE).chain,
  })
  return devnet.publicClient(SOURCE).waitForTransactionReceipt({ hash })
}

/** The ledger entry of a sent transfer. */
export function sentRecord(
  receipt: TransactionReceipt,
  plan: SendPlan,
  fields: { epoch: number; relayBy: RelayRole; race: boolean; doomed: boolean },
): SentMessage {
  const [decoded] = decodeSentMessages(SOURCE, receipt.logs)
  if (!decoded) throw new Error(`transfer ${receipt.transactionHash} sent no message`)
  return {
    hash: decoded.hash,
    source: SOURCE,
    destination: DESTINATION,
    nonce: decoded.nonce,
    from: decoded.intent.kind === 'generic' ? decoded.sender : decoded.intent.from,
    transactionHash: receipt.transactionHash,
    discovery: plan.user === 'bob' ? 'scan' : 'track',
    replay: plan,
    ...fields,
  }
}
