// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice Where an initiating log lives: the emitting contract, its block, its index in that block, the block's
///         timestamp and the chain. The field order is part of the ABI (relayMessage, ExecutingMessage): keep it.
struct Identifier {
    address origin;
    uint256 blockNumber;
    uint256 logIndex;
    uint256 timestamp;
    uint256 chainId;
}
