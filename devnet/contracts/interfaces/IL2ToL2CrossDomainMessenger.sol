// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice The part of the messenger that the bridges and test targets call.
interface IL2ToL2CrossDomainMessenger {
    function sendMessage(
        uint256 _destination,
        address _target,
        bytes calldata _message
    ) external returns (bytes32 messageHash_);

    function crossDomainMessageContext() external view returns (address sender_, uint256 source_);

    function crossDomainMessageSender() external view returns (address sender_);

    function crossDomainMessageSource() external view returns (uint256 source_);
}
