/**
 * Is interop live on a chain, and which messenger does it run? Read from the chain itself (docs/ARCHITECTURE.md
 * §4): the CrossL2Inbox and L2ToL2CrossDomainMessenger predeploys must hold code, and the messenger must answer
 * `version()`. On an OP Stack chain before the Lagoon hardfork the predeploy addresses hold only an uninitialized
 * proxy (or nothing), so `version()` reverts or returns no data: that is "not active", not an RPC failure. An RPC
 * that cannot be reached throws instead, so a dead URL is never reported as a chain without interop.
 * The messenger's version drives what the app offers (protocol/messengerVersion.ts).
 */
import {
  BaseError,
  decodeFunctionResult,
  encodeFunctionData,
  ExecutionRevertedError,
  parseAbi,
  RawContractError,
} from 'viem'

import { ethCall } from './ethCall'
import type { ChainClient } from './readClient'
import { CROSS_L2_INBOX, L2_TO_L2_CROSS_DOMAIN_MESSENGER } from '../protocol/addresses'
import { messengerFeatures, type MessengerFeatures } from '../protocol/messengerVersion'

export type { MessengerFeatures } from '../protocol/messengerVersion'

const versionAbi = parseAbi([
  'function version() view returns (string)',
  'function EXPIRY_PERIOD() view returns (uint256)',
])

/** The sentence a user reads about a chain's readiness: "interop is not active on OP Sepolia yet". */
export function readinessSentence(chainName: string, readiness: InteropReadiness): string {
  if (readiness.state === 'notActive') return `interop is not active on ${chainName} yet`
  return `interop is active on ${chainName} (messenger ${readiness.messenger.version})`
}

export type InteropReadiness =
  | { state: 'active'; messenger: MessengerFeatures }
  /** `reason` completes "interop is not active: …". */
  | { state: 'notActive'; reason: string }

/**
 * Reads the predeploys of the chain `client` talks to. Resolves `notActive` (with why) when interop is not live
 * there, `active` with the messenger's features otherwise; rejects only when the RPC itself fails.
 */
export async function readInteropReadiness(client: ChainClient): Promise<InteropReadiness> {
  const [inboxCode, messengerCode] = await Promise.all([
    client.getCode({ address: CROSS_L2_INBOX }),
    client.getCode({ address: L2_TO_L2_CROSS_DOMAIN_MESSENGER }),
  ])
  if (!hasCode(messengerCode)) {
    return {
      state: 'notActive',
      reason: `no L2ToL2CrossDomainMessenger at ${L2_TO_L2_CROSS_DOMAIN_MESSENGER}`,
    }
  }
  if (!hasCode(inboxCode)) {
    return { state: 'notActive', reason: `no CrossL2Inbox at ${CROSS_L2_INBOX}` }
  }
  const version = await readString(client, 'version')
  if (version.kind === 'silent') {
    return {
      state: 'notActive',
      reason: `the L2ToL2CrossDomainMessenger predeploy is not live yet (version() ${version.why})`,
    }
  }
  const features = messengerFeatures(version.value)
  if (features.generation === 2) {
    const period = await readUint(client, 'EXPIRY_PERIOD')
    if (period !== undefined && period > 0n) features.expiryPeriodSeconds = period
  }
  return { state: 'active', messenger: features }
}

function hasCode(code: string | undefined): boolean {
  return code !== undefined && code !== '0x' && code !== '0x0'
}

type Answer = { kind: 'value'; value: string } | { kind: 'silent'; why: string }

/** A view call that may revert or return nothing (an uninitialized proxy): both are answers, not failures. */
async function callView(
  client: ChainClient,
  functionName: 'version' | 'EXPIRY_PERIOD',
): Promise<`0x${string}` | { why: string }> {
  try {
    const data = await ethCall(client, {
      to: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
      data: encodeFunctionData({ abi: versionAbi, functionName }),
    })
    return data !== '0x' ? data : { why: 'returned no data' }
  } catch (error) {
    if (isRevert(error)) return { why: 'reverted' }
    throw error
  }
}

async function readString(client: ChainClient, functionName: 'version'): Promise<Answer> {
  const data = await callView(client, functionName)
  if (typeof data !== 'string') return { kind: 'silent', why: data.why }
  try {
    const value = decodeFunctionResult({ abi: versionAbi, functionName, data })
    return value ? { kind: 'value', value } : { kind: 'silent', why: 'returned an empty string' }
  } catch {
    return { kind: 'silent', why: 'returned something that is not a string' }
  }
}

async function readUint(client: ChainClient, functionName: 'EXPIRY_PERIOD'): Promise<bigint | undefined> {
  const data = await callView(client, functionName)
  if (typeof data !== 'string') return undefined
  try {
    return decodeFunctionResult({ abi: versionAbi, functionName, data })
  } catch {
    return undefined
  }
}

/** The node ran the call and it reverted (as opposed to the request failing on its way). */
function isRevert(error: unknown): boolean {
  if (!(error instanceof BaseError)) return false
  return Boolean(error.walk((e) => e instanceof ExecutionRevertedError || e instanceof RawContractError))
}
