// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice Sends its value to a recipient without running the recipient's code: the constructor self-destructs
///         towards it. A relay of ETH must not depend on the recipient accepting ETH (a contract without `receive`,
///         or one that reverts, would otherwise make the message unrelayable forever), and must not hand the
///         recipient a call it could re-enter with. Since EIP-6780 a contract that self-destructs in the
///         transaction that created it is still removed, so nothing is left behind.
contract SafeSend {
    constructor(address payable _recipient) payable {
        selfdestruct(_recipient);
    }
}
