// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import * as Predeploys from "../Predeploys.sol";
import {IL2ToL2CrossDomainMessenger} from "../interfaces/IL2ToL2CrossDomainMessenger.sol";

/// @title Greeter
/// @notice A target for cross-chain messages in the devnet's tests. setGreeting records who sent the message from
///         where, as the messenger reports it. fail() lets a test make a relay revert for a reason it can later
///         remove (setAllow(true)), to show that a failed relay leaves the message relayable.
contract Greeter {
    error Rejected(string reason);

    event GreetingSet(string greeting, address indexed sender, uint256 indexed source);
    event Accepted(string reason);

    string public greeting;
    address public greetingSender;
    uint256 public greetingSource;
    bool public allowFail;
    uint256 public acceptedCount;

    /// @notice Only works inside a relay: the messenger's context getters revert NotEntered otherwise.
    function setGreeting(string calldata _greeting) external returns (string memory) {
        IL2ToL2CrossDomainMessenger messenger = IL2ToL2CrossDomainMessenger(
            Predeploys.L2_TO_L2_CROSS_DOMAIN_MESSENGER
        );
        greeting = _greeting;
        greetingSender = messenger.crossDomainMessageSender();
        greetingSource = messenger.crossDomainMessageSource();
        emit GreetingSet(_greeting, greetingSender, greetingSource);
        return _greeting;
    }

    /// @notice Reverts with Rejected(_reason) until someone calls setAllow(true).
    function fail(string calldata _reason) external {
        if (!allowFail) revert Rejected(_reason);
        ++acceptedCount;
        emit Accepted(_reason);
    }

    function setAllow(bool _allow) external {
        allowFail = _allow;
    }
}
