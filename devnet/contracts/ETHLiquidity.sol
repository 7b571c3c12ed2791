// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import * as Predeploys from "./Predeploys.sol";
import {SafeSend} from "./SafeSend.sol";

/// @title ETHLiquidity
/// @notice The pool that ETH sent across chains is "burnt" into and "minted" from, so that native ETH can move
///         without a token wrapper. Every chain holds a huge balance here (the devnet sets it with anvil_setBalance),
///         so mint never runs dry. Only the SuperchainETHBridge may use it.
contract ETHLiquidity {
    error Unauthorized();

    event LiquidityBurned(address indexed caller, uint256 value);
    event LiquidityMinted(address indexed caller, uint256 value);

    string public constant version = "1.0.0";

    /// @notice Takes the ETH sent with the call out of circulation.
    function burn() external payable {
        if (msg.sender != Predeploys.SUPERCHAIN_ETH_BRIDGE) revert Unauthorized();
        emit LiquidityBurned(msg.sender, msg.value);
    }

    /// @notice Pays `_amount` to the caller. Force-sent, so the bridge needs no receive function.
    function mint(uint256 _amount) external {
        if (msg.sender != Predeploys.SUPERCHAIN_ETH_BRIDGE) revert Unauthorized();
        new SafeSend{value: _amount}(payable(msg.sender));
        emit LiquidityMinted(msg.sender, _amount);
    }
}
