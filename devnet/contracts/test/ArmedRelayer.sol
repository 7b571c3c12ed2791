// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Identifier} from "../Identifier.sol";
import * as Predeploys from "../Predeploys.sol";
import {IL2ToL2CrossDomainMessenger} from "../interfaces/IL2ToL2CrossDomainMessenger.sol";

/// @title ArmedRelayer
/// @notice Test contract: arm() stores a message, and then ANY call with no matching function — empty calldata or a
///         single byte — relays it from the fallback. Shows that the interop filter does not depend on a transaction's
///         calldata naming a function.
contract ArmedRelayer {
    Identifier internal armedId;
    bytes internal armedPayload;

    function arm(Identifier calldata _id, bytes calldata _payload) external {
        armedId = _id;
        armedPayload = _payload;
    }

    fallback() external {
        IL2ToL2CrossDomainMessenger(Predeploys.L2_TO_L2_CROSS_DOMAIN_MESSENGER).relayMessage(armedId, armedPayload);
    }
}
