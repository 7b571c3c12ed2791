// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC165} from "./IERC165.sol";

/// @notice ERC-7802: a token that a bridge may mint and burn across chains. Its ERC-165 id is the XOR of the two
///         selectors below only (inherited functions do not count), 0x33331994.
interface IERC7802 is IERC165 {
    event CrosschainMint(address indexed to, uint256 amount, address indexed sender);
    event CrosschainBurn(address indexed from, uint256 amount, address indexed sender);

    function crosschainMint(address _to, uint256 _amount) external;

    function crosschainBurn(address _from, uint256 _amount) external;
}
