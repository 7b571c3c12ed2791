/**
 * Interop predeploys: the same address on every Superchain interop chain (docs/ARCHITECTURE.md §4).
 * Multicall3 is not a predeploy but is deployed at the same address everywhere.
 */
import type { Address } from 'viem'

export const CROSS_L2_INBOX: Address = '0x4200000000000000000000000000000000000022'
export const L2_TO_L2_CROSS_DOMAIN_MESSENGER: Address = '0x4200000000000000000000000000000000000023'
export const SUPERCHAIN_ETH_BRIDGE: Address = '0x4200000000000000000000000000000000000024'
export const ETH_LIQUIDITY: Address = '0x4200000000000000000000000000000000000025'
export const SUPERCHAIN_TOKEN_BRIDGE: Address = '0x4200000000000000000000000000000000000028'
export const MULTICALL3: Address = '0xcA11bde05977b3631167028862bE2a173976CA11'

/** How long after its initiating timestamp a message may still be executed (seconds). */
export const MESSAGE_EXPIRY_SECONDS = 604_800n
