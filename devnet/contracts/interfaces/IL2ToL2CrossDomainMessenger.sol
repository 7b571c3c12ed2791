// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Identifier} from "../Identifier.sol";

/// @notice The part of the messenger that the bridges and test contracts call.
interface IL2ToL2CrossDomainMessenger {
    function relayMessage(
        Identifier calldata _id,
        bytes calldata _sentMessage
    ) external payable returns (bytes memory returnData_);

    function sendMessage(
        uint256 _destination,
        address _target,
        bytes calldata _message
    ) external returns (bytes32 messageHash_);

    function crossDomainMessageContext() external view returns (address sender_, uint256 source_);

    function crossDomainMessageSender() external view returns (address sender_);

    function crossDomainMessageSource() external view returns (uint256 source_);
}
