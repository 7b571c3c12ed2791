/**
 * The values a command line carries, each parsed with an error naming the flag and what it expects (args.ts parses
 * the line's shape). Only types from viem: usage errors stay fast.
 */
import type { Address, Hex } from 'viem'

import { UsageError } from './exit'
import type { RpcOverride } from './args'

/** The env var the relay key comes from. Never a flag: argv ends up in shell history and `ps` output. */
export const PRIVATE_KEY_ENV = 'SUPERCHAIN_RELAY_PRIVATE_KEY'

export function parseChainId(value: string, flag: string): number {
  const id = /^[1-9][0-9]*$/.test(value) ? Number(value) : NaN
  if (!Number.isSafeInteger(id)) {
    throw new UsageError(`${flag} '${value}' is not a chain id: expected a positive integer such as 901`)
  }
  return id
}

/** `--rpc 901=http://127.0.0.1:9545`. The URL itself is checked with core's validateChainConfig later. */
export function parseRpcOverride(value: string): RpcOverride {
  const at = value.indexOf('=')
  if (at === -1) {
    throw new UsageError(`--rpc '${value}' must be <chainId>=<url>, e.g. --rpc 901=http://127.0.0.1:9545`)
  }
  const idText = value.slice(0, at).trim()
  const rpcUrl = value.slice(at + 1).trim()
  if (!/^[1-9][0-9]*$/.test(idText) || !Number.isSafeInteger(Number(idText))) {
    throw new UsageError(`--rpc '${value}': '${idText}' is not a chain id (a positive integer)`)
  }
  if (!rpcUrl) throw new UsageError(`--rpc '${value}': the URL after '=' is missing`)
  return { id: Number(idText), rpcUrl }
}

export function parseTransactionHash(value: string): Hex {
  if (!/^0x[0-9a-fA-F]{64}$/.test(value)) {
    throw new UsageError(`'${value}' is not a transaction hash: expected 0x followed by 64 hex digits`)
  }
  return value as Hex
}

export function parseMessageHash(value: string): Hex {
  if (!/^0x[0-9a-fA-F]{64}$/.test(value)) {
    throw new UsageError(
      `'${value}' is not a message hash: expected 0x followed by 64 hex digits (see superchain-relay status)`,
    )
  }
  return value.toLowerCase() as Hex
}

export function parseAccount(value: string): Address {
  if (!/^0x[0-9a-fA-F]{40}$/.test(value)) {
    throw new UsageError(`'${value}' is not an account address: expected 0x followed by 40 hex digits`)
  }
  return value as Address
}

export function parseSeconds(value: string | undefined, flag: string, fallback: number, min: number): number {
  if (value === undefined) return fallback * 1000
  const seconds = /^[0-9]+(\.[0-9]+)?$/.test(value) ? Number(value) : NaN
  if (!Number.isFinite(seconds) || seconds < min) {
    throw new UsageError(`${flag} '${value}' must be a number of seconds ≥ ${min}`)
  }
  return Math.round(seconds * 1000)
}

export function parseStatePath(value: string): string {
  if (!value.trim()) throw new UsageError('--state needs a file path')
  return value
}

/** Reads the relay key from the environment; the value never appears in an error. */
export function readPrivateKey(env: Record<string, string | undefined>): Hex {
  const raw = env[PRIVATE_KEY_ENV]?.trim()
  if (!raw) {
    throw new UsageError(
      `relay signs with a local key: set ${PRIVATE_KEY_ENV}=0x… in the environment (it is never accepted as a flag)`,
    )
  }
  const key = raw.startsWith('0x') ? raw : `0x${raw}`
  if (!/^0x[0-9a-fA-F]{64}$/.test(key)) {
    throw new UsageError(`${PRIVATE_KEY_ENV} is not a private key: expected 0x followed by 64 hex digits`)
  }
  return key as Hex
}

/** 10^18: wei per ETH. */
const WEI_PER_ETH = 10n ** 18n

/**
 * `--spending-cap 0.01`: an amount of ETH, as decimal text (at most 18 decimals, the wei), above zero. Parsed
 * with bigint arithmetic, never through a float, so `0.1` is exactly 10^17 wei.
 */
export function parseEthAmount(value: string, flag: string): bigint {
  const match = /^([0-9]{1,12})(?:\.([0-9]{1,18}))?$/.exec(value)
  if (!match) {
    throw new UsageError(
      `${flag} '${value}' is not an amount of ETH: expected a decimal number such as 0.01 (at most 18 decimals)`,
    )
  }
  const wei = BigInt(match[1]!) * WEI_PER_ETH + BigInt((match[2] ?? '').padEnd(18, '0'))
  if (wei === 0n) throw new UsageError(`${flag} '${value}' must be more than 0 ETH`)
  return wei
}
