// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

interface IETHLiquidity {
    function burn() external payable;

    function mint(uint256 _amount) external;
}
