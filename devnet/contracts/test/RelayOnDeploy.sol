// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Identifier} from "../Identifier.sol";
import * as Predeploys from "../Predeploys.sol";
import {IL2ToL2CrossDomainMessenger} from "../interfaces/IL2ToL2CrossDomainMessenger.sol";

/// @title RelayOnDeploy
/// @notice Test contract: relays a message from its constructor, so the executing message sits in a contract-creation
///         transaction (no `to`). The interop filter must check it all the same.
contract RelayOnDeploy {
    constructor(Identifier memory _id, bytes memory _payload) {
        IL2ToL2CrossDomainMessenger(Predeploys.L2_TO_L2_CROSS_DOMAIN_MESSENGER).relayMessage(_id, _payload);
    }
}
