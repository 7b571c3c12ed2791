// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Identifier} from "./Identifier.sol";

/// @title CrossL2Inbox
/// @notice Validates executing messages on the destination chain, like OP's CrossL2Inbox 1.0.2. The contract itself
///         cannot see other chains: it only proves that the transaction declared the message in its EIP-2930
///         access list, under a checksum of (identifier, payload hash). The sequencer (here: the devnet's validating
///         proxy) inspects access lists before inclusion and rejects any whose initiating log does not exist, so a
///         message that reaches this contract with a warm checksum slot has been checked off-chain.
contract CrossL2Inbox {
    /// @notice The checksum slot was cold: the transaction did not list it in its access list.
    error NotInAccessList();

    /// @notice The identifier's block number does not fit the uint64 of the access-list encoding.
    error BlockNumberTooHigh();

    /// @notice The identifier's timestamp does not fit the uint64 of the access-list encoding.
    error TimestampTooHigh();

    /// @notice The identifier's log index does not fit the uint32 of the access-list encoding.
    error LogIndexTooHigh();

    /// @notice Emitted for each validated message; the devnet proxy (and any indexer) finds executing messages by it.
    event ExecutingMessage(bytes32 indexed msgHash, Identifier id);

    string public constant version = "1.0.2";

    /// @dev EIP-2929: a cold SLOAD costs 2100 gas, a warm one 100. 1000 sits well between the two, with room for the
    ///      few opcodes inside the measurement.
    uint256 internal constant WARM_READ_THRESHOLD = 1000;

    /// @dev Access-list entries are typed by their first byte; 0x03 marks a checksum (0x01 lookup, 0x02 chain-id
    ///      extension), so the checksum's own top byte is overwritten.
    uint256 internal constant CHECKSUM_TYPE = uint256(3) << 248;
    uint256 internal constant CHECKSUM_BODY_MASK = type(uint256).max >> 8;

    /// @notice Reverts unless the transaction's access list holds this message's checksum for this contract.
    /// @param _id      Identifier of the initiating log.
    /// @param _msgHash keccak256 of the initiating log's payload (topics then data).
    function validateMessage(Identifier calldata _id, bytes32 _msgHash) external {
        bytes32 checksum = calculateChecksum(_id, _msgHash);
        if (!_isWarm(checksum)) revert NotInAccessList();
        emit ExecutingMessage(_msgHash, _id);
    }

    /// @notice The access-list storage key that declares (_id, _msgHash). Must stay byte-for-byte equal to what
    ///         `encodeAccessList` of the eth-optimism viem package (and op-geth) computes, or every relay reverts.
    function calculateChecksum(Identifier calldata _id, bytes32 _msgHash) public pure returns (bytes32 checksum_) {
        if (_id.blockNumber > type(uint64).max) revert BlockNumberTooHigh();
        if (_id.logIndex > type(uint32).max) revert LogIndexTooHigh();
        if (_id.timestamp > type(uint64).max) revert TimestampTooHigh();

        bytes32 logHash = keccak256(abi.encodePacked(_id.origin, _msgHash));
        // 12 zero bytes, then the three small fields: exactly one word.
        bytes32 idPacked = bytes32(
            abi.encodePacked(uint96(0), uint64(_id.blockNumber), uint64(_id.timestamp), uint32(_id.logIndex))
        );
        bytes32 idLogHash = keccak256(abi.encodePacked(logHash, idPacked));
        bytes32 bareChecksum = keccak256(abi.encodePacked(idLogHash, _id.chainId));
        checksum_ = bytes32((uint256(bareChecksum) & CHECKSUM_BODY_MASK) | CHECKSUM_TYPE);
    }

    /// @dev Whether `_slot` was already accessed in this transaction, judged by what reading it costs. Only the access
    ///      list can have warmed it: nothing in this contract ever touches these slots otherwise. The loaded value
    ///      (always zero: nothing writes these slots) is part of the result only so that the optimizer cannot drop
    ///      the SLOAD being timed, which it does when the value is unused.
    function _isWarm(bytes32 _slot) internal view returns (bool isWarm_) {
        assembly ("memory-safe") {
            let before := gas()
            let value := sload(_slot)
            let spent := sub(before, gas())
            isWarm_ := and(iszero(gt(spent, WARM_READ_THRESHOLD)), iszero(value))
        }
    }
}
