// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Identifier} from "../Identifier.sol";
import * as Predeploys from "../Predeploys.sol";
import {IL2ToL2CrossDomainMessenger} from "../interfaces/IL2ToL2CrossDomainMessenger.sol";

/// @title NestedRelayer
/// @notice Test contract: relays a message from deep inside a transaction (this → this → messenger → inbox), to show
///         that the devnet's interop filter checks the access list, not the transaction's top-level call.
contract NestedRelayer {
    function relay(Identifier calldata _id, bytes calldata _payload) external {
        this.step(_id, _payload);
    }

    function step(Identifier calldata _id, bytes calldata _payload) external {
        IL2ToL2CrossDomainMessenger(Predeploys.L2_TO_L2_CROSS_DOMAIN_MESSENGER).relayMessage(_id, _payload);
    }
}
