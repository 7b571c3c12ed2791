// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Identifier} from "./Identifier.sol";
import * as Predeploys from "./Predeploys.sol";
import {ICrossL2Inbox} from "./interfaces/ICrossL2Inbox.sol";

/// @title L2ToL2CrossDomainMessengerV2
/// @notice The proposed L2ToL2CrossDomainMessenger 2.0.0 (optimism PR #23259), for `--messenger 2`: same sending and
///         relaying as 1.3.0, but no resendMessage. Instead a message that stays unrelayed for EXPIRY_PERIOD (8
///         days, one day more than the interop filter's expiry window, so no relay of it can still be valid) can be
///         marked expired on its SOURCE chain, with word from L1 that the destination never relayed it; applications
///         read expiredMessages to refund. Installed with anvil_setCode at the messenger's address: all state starts
///         at zero, which is the correct initial state.
/// @dev    Devnet difference: upstream, expireMessage only accepts a call from the L2CrossDomainMessenger relaying the
///         L1CrossDomainMessenger. The devnet has no L1, so a fixed account stands in for that path (L1_STAND_IN, its
///         key derived in devnet/index.ts from a public phrase). It is trusted, like L1 is: it does not prove that the
///         destination never relayed the message; the devnet's helper checks that before calling.
contract L2ToL2CrossDomainMessengerV2 {
    error MessageDestinationSameChain();
    error MessageTargetL2ToL2CrossDomainMessenger();
    error IdOriginNotL2ToL2CrossDomainMessenger();
    error EventPayloadNotSentMessage();
    error MessageDestinationNotRelayChain();
    error MessageAlreadyRelayed();
    error InvalidMessage();
    error ReentrantCall();
    error NotEntered();
    /// @notice The target is the L2CrossDomainMessenger or the L2ToL1MessagePasser.
    error L2ToL2CrossDomainMessenger_MessageTargetUnsafe();
    /// @notice expireMessage was called by anyone but the L1 path (on the devnet: L1_STAND_IN).
    error L2ToL2CrossDomainMessenger_NotOtherMessenger();
    /// @notice The word from L1 does not show the message unrelayed past EXPIRY_PERIOD.
    error L2ToL2CrossDomainMessenger_MessageNotExpired();

    event SentMessage(
        uint256 indexed destination,
        address indexed target,
        uint256 indexed messageNonce,
        address sender,
        bytes message
    );

    event RelayedMessage(
        uint256 indexed source,
        uint256 indexed messageNonce,
        bytes32 indexed messageHash,
        bytes32 returnDataHash
    );

    /// @notice A message sent from this chain was marked expired: it was not relayed at `undeliveredAt`, a
    ///         destination timestamp later than its sending time plus EXPIRY_PERIOD.
    event MessageExpired(bytes32 indexed messageHash, uint256 undeliveredAt);

    string public constant version = "2.0.0";

    uint16 public constant messageVersion = 0;

    /// @notice How long a message must stay unrelayed before it can be marked expired.
    uint256 public constant EXPIRY_PERIOD = 8 days;

    /// @dev Stands in for "the L1CrossDomainMessenger, through the L2CrossDomainMessenger" on the devnet.
    address internal constant L1_STAND_IN = 0x2CA3A9CDeB877805E46144F6a0DE25cc82a8E5cA;

    mapping(bytes32 => bool) public successfulMessages;

    uint240 internal msgNonce;

    mapping(uint256 => bytes32) public sentMessages;

    /// @notice Timestamp of the block each message sent from this chain was sent in, by hash: where its expiry
    ///         period starts (there is no resend, so it never moves).
    mapping(bytes32 => uint256) public sentMessageTimestamps;

    /// @notice Messages sent from this chain that were marked expired, by hash.
    mapping(bytes32 => bool) public expiredMessages;

    bool internal transient entered;
    address internal transient contextSender;
    uint256 internal transient contextSource;

    modifier nonReentrant() {
        if (entered) revert ReentrantCall();
        entered = true;
        _;
        entered = false;
    }

    modifier onlyEntered() {
        if (!entered) revert NotEntered();
        _;
    }

    function messageNonce() public view returns (uint256) {
        return (uint256(messageVersion) << 240) | uint256(msgNonce);
    }

    function sendMessage(
        uint256 _destination,
        address _target,
        bytes calldata _message
    ) external returns (bytes32 messageHash_) {
        if (_destination == block.chainid) revert MessageDestinationSameChain();
        if (_target == address(this)) revert MessageTargetL2ToL2CrossDomainMessenger();
        if (_isUnsafeTarget(_target)) revert L2ToL2CrossDomainMessenger_MessageTargetUnsafe();

        uint256 nonce = messageNonce();
        messageHash_ = _hashMessage(_destination, block.chainid, nonce, msg.sender, _target, _message);
        sentMessages[nonce] = messageHash_;
        sentMessageTimestamps[messageHash_] = block.timestamp;
        unchecked {
            ++msgNonce;
        }
        emit SentMessage(_destination, _target, nonce, msg.sender, _message);
    }

    function relayMessage(
        Identifier calldata _id,
        bytes calldata _sentMessage
    ) external payable nonReentrant returns (bytes memory returnData_) {
        if (_id.origin != address(this)) revert IdOriginNotL2ToL2CrossDomainMessenger();
        ICrossL2Inbox(Predeploys.CROSS_L2_INBOX).validateMessage(_id, keccak256(_sentMessage));

        (
            uint256 destination,
            address target,
            uint256 nonce,
            address sender,
            bytes memory message
        ) = _decodeSentMessagePayload(_sentMessage);
        if (destination != block.chainid) revert MessageDestinationNotRelayChain();
        if (_isUnsafeTarget(target)) revert L2ToL2CrossDomainMessenger_MessageTargetUnsafe();

        uint256 source = _id.chainId;
        bytes32 messageHash = _hashMessage(destination, source, nonce, sender, target, message);
        if (successfulMessages[messageHash]) revert MessageAlreadyRelayed();
        successfulMessages[messageHash] = true;

        contextSender = sender;
        contextSource = source;
        bool success;
        (success, returnData_) = target.call{value: msg.value}(message);
        if (!success) {
            // As in 1.3.0: everything reverts, the message stays relayable (until it expires), and the target's
            // reason reaches whoever simulates the relay.
            assembly ("memory-safe") {
                revert(add(returnData_, 32), mload(returnData_))
            }
        }
        contextSender = address(0);
        contextSource = 0;

        emit RelayedMessage(source, nonce, messageHash, keccak256(returnData_));
    }

    /// @notice Marks a message sent from this chain expired, on word (from L1) that its destination had not relayed
    ///         it at `_undeliveredAt`. Word about a message already expired changes nothing and emits nothing.
    function expireMessage(bytes32 _messageHash, uint256 _undeliveredAt) external {
        if (msg.sender != L1_STAND_IN) revert L2ToL2CrossDomainMessenger_NotOtherMessenger();
        if (expiredMessages[_messageHash]) return;

        uint256 sentAt = sentMessageTimestamps[_messageHash];
        if (sentAt == 0) revert InvalidMessage();
        if (_undeliveredAt <= sentAt + EXPIRY_PERIOD) revert L2ToL2CrossDomainMessenger_MessageNotExpired();

        expiredMessages[_messageHash] = true;
        emit MessageExpired(_messageHash, _undeliveredAt);
    }

    function crossDomainMessageSender() external view onlyEntered returns (address sender_) {
        sender_ = contextSender;
    }

    function crossDomainMessageSource() external view onlyEntered returns (uint256 source_) {
        source_ = contextSource;
    }

    function crossDomainMessageContext() external view onlyEntered returns (address sender_, uint256 source_) {
        sender_ = contextSender;
        source_ = contextSource;
    }

    /// @dev A relayed message must never start a withdrawal, so that nothing on L1 that trusts these senders can be
    ///      fooled by a message from another L2.
    function _isUnsafeTarget(address _target) internal pure returns (bool) {
        return _target == Predeploys.L2_CROSS_DOMAIN_MESSENGER || _target == Predeploys.L2_TO_L1_MESSAGE_PASSER;
    }

    function _hashMessage(
        uint256 _destination,
        uint256 _source,
        uint256 _nonce,
        address _sender,
        address _target,
        bytes memory _message
    ) internal pure returns (bytes32) {
        return keccak256(abi.encode(_destination, _source, _nonce, _sender, _target, _message));
    }

    function _decodeSentMessagePayload(
        bytes calldata _payload
    )
        internal
        pure
        returns (uint256 destination_, address target_, uint256 nonce_, address sender_, bytes memory message_)
    {
        if (_payload.length < 128 || bytes32(_payload[:32]) != SentMessage.selector) {
            revert EventPayloadNotSentMessage();
        }
        (destination_, target_, nonce_) = abi.decode(_payload[32:128], (uint256, address, uint256));
        (sender_, message_) = abi.decode(_payload[128:], (address, bytes));
    }
}
