/**
 * Turns whatever a failed eth_call / estimateGas threw into a sentence a user can act on. The messenger bubbles the
 * target's revert data unchanged, so the reason may be a messenger error, a CrossL2Inbox error, a token error or
 * the target's own — we name the ones we know and show the raw selector otherwise.
 */
import { BaseError, decodeErrorResult, type Abi, type Hex } from 'viem'

import { relayErrorsAbi } from '../protocol/abis'

const HINTS: Record<string, string> = {
  NotInAccessList: 'the relay was sent without its CrossL2Inbox access list',
  MessageAlreadyRelayed: 'someone already relayed this message',
  IdOriginNotL2ToL2CrossDomainMessenger: 'the identifier does not point at the messenger',
  MessageDestinationNotRelayChain: 'this message is for another chain',
}

function revertDataOf(error: unknown): Hex | undefined {
  if (!(error instanceof BaseError)) return undefined
  let data: Hex | undefined
  error.walk((e) => {
    const candidate = (e as { data?: unknown }).data
    if (typeof candidate === 'string' && candidate.startsWith('0x')) data = candidate as Hex
    else if (
      candidate &&
      typeof candidate === 'object' &&
      typeof (candidate as { data?: unknown }).data === 'string'
    ) {
      data = (candidate as { data: Hex }).data
    }
    return false
  })
  return data
}

function formatArg(value: unknown): string {
  if (typeof value === 'bigint') return value.toString()
  if (typeof value === 'string') return /^0x/.test(value) ? value : JSON.stringify(value)
  return String(value)
}

export function decodeRevertData(data: Hex, extraAbi: Abi = []): string {
  if (data === '0x') return 'reverted without a reason'
  try {
    const decoded = decodeErrorResult({ abi: [...relayErrorsAbi, ...extraAbi], data })
    if (decoded.errorName === 'Error') return String(decoded.args?.[0])
    const args = (decoded.args ?? []).map(formatArg).join(', ')
    const name = `${decoded.errorName}(${args})`
    return HINTS[decoded.errorName] ? `${name}: ${HINTS[decoded.errorName]}` : name
  } catch {
    return `reverted with unknown error ${data.slice(0, 10)}${data.length > 10 ? ` (${(data.length - 2) / 2} bytes)` : ''}`
  }
}

export function decodeRevertReason(error: unknown, extraAbi: Abi = []): string {
  const data = revertDataOf(error)
  if (data) return decodeRevertData(data, extraAbi)
  if (error instanceof BaseError) return error.shortMessage
  return error instanceof Error ? error.message : String(error)
}

/** Did this error come from `MessageAlreadyRelayed`? Then the message is relayed, not failed. */
export function isAlreadyRelayed(error: unknown): boolean {
  const data = revertDataOf(error)
  return data !== undefined && decodeRevertData(data).startsWith('MessageAlreadyRelayed')
}
