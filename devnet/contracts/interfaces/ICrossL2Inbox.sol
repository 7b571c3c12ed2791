// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Identifier} from "../Identifier.sol";

interface ICrossL2Inbox {
    function validateMessage(Identifier calldata _id, bytes32 _msgHash) external;
}
