// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import * as Predeploys from "./Predeploys.sol";
import {IERC165} from "./interfaces/IERC165.sol";
import {IERC7802} from "./interfaces/IERC7802.sol";
import {IL2ToL2CrossDomainMessenger} from "./interfaces/IL2ToL2CrossDomainMessenger.sol";

/// @title SuperchainTokenBridge
/// @notice Moves ERC-7802 tokens between interop chains: burn here, message to the same bridge on the destination,
///         mint there. A SuperchainERC20 has the same address on every chain, so the token address travels as is.
contract SuperchainTokenBridge {
    error ZeroAddress();
    error InvalidERC7802();
    error Unauthorized();
    error InvalidCrossDomainSender();

    event SendERC20(
        address indexed token,
        address indexed from,
        address indexed to,
        uint256 amount,
        uint256 destination
    );

    event RelayERC20(address indexed token, address indexed from, address indexed to, uint256 amount, uint256 source);

    string public constant version = "1.0.0";

    /// @notice Burns `_amount` of `_token` from msg.sender and sends a message that mints it to `_to` on `_chainId`.
    /// @return msgHash_ Hash of the cross-domain message, its identity on both chains.
    function sendERC20(
        address _token,
        address _to,
        uint256 _amount,
        uint256 _chainId
    ) external returns (bytes32 msgHash_) {
        // Minting to the zero address would revert on the destination, after the burn here: refuse up front.
        if (_to == address(0)) revert ZeroAddress();
        if (!_supportsERC7802(_token)) revert InvalidERC7802();

        IERC7802(_token).crosschainBurn(msg.sender, _amount);
        msgHash_ = IL2ToL2CrossDomainMessenger(Predeploys.L2_TO_L2_CROSS_DOMAIN_MESSENGER).sendMessage(
            _chainId,
            address(this),
            abi.encodeCall(this.relayERC20, (_token, msg.sender, _to, _amount))
        );
        emit SendERC20(_token, msg.sender, _to, _amount, _chainId);
    }

    /// @notice Mints the tokens of a sendERC20 on the source chain. Only a relay of a message whose sender is this
    ///         bridge (on any chain: same address everywhere) may call it.
    function relayERC20(address _token, address _from, address _to, uint256 _amount) external {
        if (msg.sender != Predeploys.L2_TO_L2_CROSS_DOMAIN_MESSENGER) revert Unauthorized();
        (address crossDomainSender, uint256 source) = IL2ToL2CrossDomainMessenger(
            Predeploys.L2_TO_L2_CROSS_DOMAIN_MESSENGER
        ).crossDomainMessageContext();
        if (crossDomainSender != address(this)) revert InvalidCrossDomainSender();

        IERC7802(_token).crosschainMint(_to, _amount);
        emit RelayERC20(_token, _from, _to, _amount, source);
    }

    /// @dev ERC-165 probe that answers false, instead of reverting without a reason, for an address without code or
    ///      a contract that does not implement ERC-165, so the caller gets InvalidERC7802 either way.
    function _supportsERC7802(address _token) internal view returns (bool) {
        if (_token.code.length == 0) return false;
        (bool success, bytes memory result) = _token.staticcall(
            abi.encodeCall(IERC165.supportsInterface, (type(IERC7802).interfaceId))
        );
        return success && result.length >= 32 && abi.decode(result, (uint256)) == 1;
    }
}
