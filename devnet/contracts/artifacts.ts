/**
 * The compiled devnet contracts (artifacts.json, written by build.ts and committed) and where the devnet installs
 * them. Installation is anvil_setCode of `deployedBytecode`: no constructor runs, which is why the contracts keep no
 * state that needs initialising.
 */
import type { Abi, Address, Hex } from 'viem'

import {
  CROSS_L2_INBOX,
  ETH_LIQUIDITY,
  L2_TO_L2_CROSS_DOMAIN_MESSENGER,
  MULTICALL3,
  SUPERCHAIN_ETH_BRIDGE,
  SUPERCHAIN_TOKEN_BRIDGE,
} from '../../src/core/protocol/addresses'
import artifactsJson from './artifacts.json' with { type: 'json' }

export interface ContractArtifact {
  abi: Abi
  /** Creation code, for deploying a copy with a transaction (test helpers). */
  bytecode: Hex
  /** Runtime code, for anvil_setCode. */
  deployedBytecode: Hex
}

export interface ArtifactsFile {
  solcVersion: string
  /** sha256 over compiler version, settings and every source; tells whether the file is stale. */
  sourcesHash: string
  contracts: Record<string, ContractArtifact>
}

/** Contracts of devnet/contracts/test/: deployed by tests, never installed. */
export const TEST_CONTRACT_NAMES = ['Greeter', 'NestedRelayer', 'ArmedRelayer', 'RelayOnDeploy'] as const

export const CONTRACT_NAMES = [
  'CrossL2Inbox',
  'L2ToL2CrossDomainMessenger',
  'L2ToL2CrossDomainMessengerV2',
  'SuperchainETHBridge',
  'ETHLiquidity',
  'SuperchainTokenBridge',
  'SuperchainERC20Mock',
  'Multicall3',
  'SafeSend',
  ...TEST_CONTRACT_NAMES,
] as const

export type ContractName = (typeof CONTRACT_NAMES)[number]

/** The devnet's open-mint SuperchainERC20 ("MOCK"), at the same address on every devnet chain. */
export const SUPERCHAIN_ERC20_MOCK: Address = '0x420beeF000000000000000000000000000000001'

/**
 * ETHLiquidity's balance on every chain, as the interop spec sets it: far more than can ever be relayed, while
 * leaving headroom below 2^256 so that burns into it cannot overflow.
 */
export const ETH_LIQUIDITY_BALANCE = 2n ** 248n - 1n

/** artifacts.json as written by build.ts. */
export const artifactsFile = artifactsJson as unknown as ArtifactsFile

function pick(name: ContractName): ContractArtifact {
  const artifact = artifactsFile.contracts[name]
  if (artifact === undefined) {
    throw new Error(`devnet/contracts/artifacts.json has no ${name}: run npm run contracts:build`)
  }
  return artifact
}

/** Typed access by contract name, e.g. `artifacts.CrossL2Inbox.deployedBytecode`. */
export const artifacts = Object.fromEntries(CONTRACT_NAMES.map((name) => [name, pick(name)])) as Record<
  ContractName,
  ContractArtifact
>

export interface Predeploy {
  name: ContractName
  address: Address
}

/** Everything the devnet installs on each chain with messenger 1.3.0 (the default), in install order (the order does
 *  not matter on chain). */
export const PREDEPLOYS: readonly Predeploy[] = [
  { name: 'CrossL2Inbox', address: CROSS_L2_INBOX },
  { name: 'L2ToL2CrossDomainMessenger', address: L2_TO_L2_CROSS_DOMAIN_MESSENGER },
  { name: 'SuperchainETHBridge', address: SUPERCHAIN_ETH_BRIDGE },
  { name: 'ETHLiquidity', address: ETH_LIQUIDITY },
  { name: 'SuperchainTokenBridge', address: SUPERCHAIN_TOKEN_BRIDGE },
  { name: 'Multicall3', address: MULTICALL3 },
  { name: 'SuperchainERC20Mock', address: SUPERCHAIN_ERC20_MOCK },
]

/** 1 = L2ToL2CrossDomainMessenger 1.3.0 (what interop ships with); 2 = the proposed 2.0.0 (optimism PR #23259). */
export type MessengerVersion = 1 | 2

/** The predeploys for a messenger version: 2.0.0 takes the messenger's address, everything else is the same. */
export function predeploysFor(messenger: MessengerVersion): readonly Predeploy[] {
  if (messenger === 1) return PREDEPLOYS
  return PREDEPLOYS.map((p) =>
    p.name === 'L2ToL2CrossDomainMessenger' ? { ...p, name: 'L2ToL2CrossDomainMessengerV2' } : p,
  )
}
