// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import * as Predeploys from "./Predeploys.sol";
import {SafeSend} from "./SafeSend.sol";
import {IETHLiquidity} from "./interfaces/IETHLiquidity.sol";
import {IL2ToL2CrossDomainMessenger} from "./interfaces/IL2ToL2CrossDomainMessenger.sol";

/// @title SuperchainETHBridge
/// @notice Moves native ETH between interop chains: burn into ETHLiquidity here, message to the same bridge on the
///         destination, mint from ETHLiquidity there and force-send to the recipient.
contract SuperchainETHBridge {
    error ZeroAddress();
    error Unauthorized();
    error InvalidCrossDomainSender();

    event SendETH(address indexed from, address indexed to, uint256 amount, uint256 destination);
    event RelayETH(address indexed from, address indexed to, uint256 amount, uint256 source);

    string public constant version = "1.0.0";

    /// @notice Sends msg.value to `_to` on chain `_chainId`.
    /// @return msgHash_ Hash of the cross-domain message, its identity on both chains.
    function sendETH(address _to, uint256 _chainId) external payable returns (bytes32 msgHash_) {
        if (_to == address(0)) revert ZeroAddress();

        IETHLiquidity(Predeploys.ETH_LIQUIDITY).burn{value: msg.value}();
        msgHash_ = IL2ToL2CrossDomainMessenger(Predeploys.L2_TO_L2_CROSS_DOMAIN_MESSENGER).sendMessage(
            _chainId,
            address(this),
            abi.encodeCall(this.relayETH, (msg.sender, _to, msg.value))
        );
        emit SendETH(msg.sender, _to, msg.value, _chainId);
    }

    /// @notice Pays out a sendETH of the source chain. Only a relay of a message whose sender is this bridge may
    ///         call it. The recipient's code is not run, so no recipient can make the relay fail.
    function relayETH(address _from, address _to, uint256 _amount) external {
        if (msg.sender != Predeploys.L2_TO_L2_CROSS_DOMAIN_MESSENGER) revert Unauthorized();
        (address crossDomainSender, uint256 source) = IL2ToL2CrossDomainMessenger(
            Predeploys.L2_TO_L2_CROSS_DOMAIN_MESSENGER
        ).crossDomainMessageContext();
        if (crossDomainSender != address(this)) revert InvalidCrossDomainSender();

        IETHLiquidity(Predeploys.ETH_LIQUIDITY).mint(_amount);
        new SafeSend{value: _amount}(payable(_to));
        emit RelayETH(_from, _to, _amount, source);
    }
}
