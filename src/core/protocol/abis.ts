/**
 * ABIs of the interop contracts. We re-export `@eth-optimism/viem`'s where they are right, and declare only what
 * it lacks or has wrong: its messenger ABI (0.4.13) declares the old `sentMessages(bytes32) → bool`, whereas
 * L2ToL2CrossDomainMessenger 1.3.0 stores `sentMessages(uint256 nonce) → bytes32` (docs/ARCHITECTURE.md §4).
 */
import {
  crossL2InboxAbi,
  l2ToL2CrossDomainMessengerAbi,
  superchainETHBridgeAbi,
  superchainTokenBridgeAbi,
} from '@eth-optimism/viem/abis'
import { erc20Abi, parseAbi } from 'viem'

export { crossL2InboxAbi, l2ToL2CrossDomainMessengerAbi, superchainETHBridgeAbi, superchainTokenBridgeAbi }

/** The parts of the messenger the 0.4.13 ABI gets wrong or lacks. */
export const messengerExtrasAbi = parseAbi([
  'function sentMessages(uint256 nonce) view returns (bytes32)',
  'function messageNonce() view returns (uint256)',
  'error TargetCallFailed()',
  'error ReentrantCall()',
])

/** Bodies of bridge messages (what the messenger calls on the destination). */
export const bridgeRelayAbi = parseAbi([
  'function relayERC20(address token, address from, address to, uint256 amount)',
  'function relayETH(address from, address to, uint256 amount)',
  'event RelayERC20(address indexed token, address indexed from, address indexed to, uint256 amount, uint256 source)',
  'event RelayETH(address indexed from, address indexed to, uint256 amount, uint256 source)',
])

/** ERC-20 metadata plus the errors a SuperchainERC20 relay commonly reverts with, for decoding reasons. */
export const tokenAbi = [
  ...erc20Abi,
  ...parseAbi([
    'error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)',
    'error Unauthorized()',
    'error InvalidCrossDomainSender()',
    'error ZeroAddress()',
  ]),
] as const

/** Every error a relay can revert with that we know how to name. */
export const relayErrorsAbi = [
  ...l2ToL2CrossDomainMessengerAbi.filter((x) => x.type === 'error'),
  ...crossL2InboxAbi.filter((x) => x.type === 'error'),
  ...messengerExtrasAbi.filter((x) => x.type === 'error'),
  ...tokenAbi.filter((x) => x.type === 'error'),
] as const
