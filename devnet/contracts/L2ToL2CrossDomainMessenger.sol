// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Identifier} from "./Identifier.sol";
import * as Predeploys from "./Predeploys.sol";
import {ICrossL2Inbox} from "./interfaces/ICrossL2Inbox.sol";

/// @title L2ToL2CrossDomainMessenger
/// @notice Sends and relays messages between interop chains, like OP's L2ToL2CrossDomainMessenger 1.3.0 (same ABI,
///         except `sentMessages`, which maps a nonce to the message hash as in 1.3.0 rather than a hash to a bool).
///         Installed with anvil_setCode: all state starts at zero, which is the correct initial state.
contract L2ToL2CrossDomainMessenger {
    error MessageDestinationSameChain();
    error MessageTargetL2ToL2CrossDomainMessenger();
    error IdOriginNotL2ToL2CrossDomainMessenger();
    error EventPayloadNotSentMessage();
    error MessageDestinationNotRelayChain();
    error MessageAlreadyRelayed();
    error InvalidMessage();
    error ReentrantCall();
    error NotEntered();

    /// @notice The initiating message. Its topics and data, concatenated, are the payload given to relayMessage.
    event SentMessage(
        uint256 indexed destination,
        address indexed target,
        uint256 indexed messageNonce,
        address sender,
        bytes message
    );

    /// @notice A message was executed on this chain; returnDataHash is keccak256 of what the target returned.
    event RelayedMessage(
        uint256 indexed source,
        uint256 indexed messageNonce,
        bytes32 indexed messageHash,
        bytes32 returnDataHash
    );

    string public constant version = "1.3.0";

    /// @notice Encoding version of messages sent from this chain, carried in the nonce's top 16 bits.
    uint16 public constant messageVersion = 0;

    /// @notice Hashes of the messages relayed on this chain.
    mapping(bytes32 => bool) public successfulMessages;

    /// @dev How many messages this chain has sent; the low 240 bits of the next nonce.
    uint240 internal msgNonce;

    /// @notice Hash of each message sent from this chain, by nonce, so that resendMessage can check what it re-emits.
    mapping(uint256 => bytes32) public sentMessages;

    // Transient (EIP-1153): the relay's context only exists during that relay, and must be gone even if a
    // later transaction in the same block calls a getter.
    bool internal transient entered;
    address internal transient contextSender;
    uint256 internal transient contextSource;

    modifier nonReentrant() {
        if (entered) revert ReentrantCall();
        entered = true;
        _;
        entered = false;
    }

    /// @dev The context getters only make sense for the target of a relay in progress.
    modifier onlyEntered() {
        if (!entered) revert NotEntered();
        _;
    }

    /// @notice The nonce the next sent message will carry: (version << 240) | counter.
    function messageNonce() public view returns (uint256) {
        return (uint256(messageVersion) << 240) | uint256(msgNonce);
    }

    /// @notice Sends `_message` to `_target` on chain `_destination`. msg.sender becomes the message's sender.
    function sendMessage(
        uint256 _destination,
        address _target,
        bytes calldata _message
    ) external returns (bytes32 messageHash_) {
        if (_destination == block.chainid) revert MessageDestinationSameChain();
        // A message to the messenger would let anyone make it call itself with a forged context.
        if (_target == address(this)) revert MessageTargetL2ToL2CrossDomainMessenger();

        uint256 nonce = messageNonce();
        messageHash_ = _hashMessage(_destination, block.chainid, nonce, msg.sender, _target, _message);
        sentMessages[nonce] = messageHash_;
        unchecked {
            ++msgNonce;
        }
        emit SentMessage(_destination, _target, nonce, msg.sender, _message);
    }

    /// @notice Emits SentMessage again for a message this chain sent, so that it gets a fresh initiating log (new
    ///         identifier and timestamp, e.g. after the old one expired). The hash is unchanged, so a message that
    ///         was already relayed still cannot be relayed twice. Anyone may call it.
    function resendMessage(
        uint256 _destination,
        uint256 _nonce,
        address _sender,
        address _target,
        bytes calldata _message
    ) external returns (bytes32 messageHash_) {
        messageHash_ = _hashMessage(_destination, block.chainid, _nonce, _sender, _target, _message);
        if (sentMessages[_nonce] != messageHash_) revert InvalidMessage();
        emit SentMessage(_destination, _target, _nonce, _sender, _message);
    }

    /// @notice Executes a message sent from another chain.
    /// @param _id          Identifier of the SentMessage log on the source chain.
    /// @param _sentMessage That log's topics, then its data, concatenated.
    /// @return returnData_ What the target returned.
    function relayMessage(
        Identifier calldata _id,
        bytes calldata _sentMessage
    ) external payable nonReentrant returns (bytes memory returnData_) {
        // Any contract can emit a log shaped like SentMessage; only the messenger's own count.
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

        uint256 source = _id.chainId;
        bytes32 messageHash = _hashMessage(destination, source, nonce, sender, target, message);
        if (successfulMessages[messageHash]) revert MessageAlreadyRelayed();
        successfulMessages[messageHash] = true;

        contextSender = sender;
        contextSource = source;
        bool success;
        (success, returnData_) = target.call{value: msg.value}(message);
        if (!success) {
            // Revert everything, including the mark above, and pass the target's reason on unchanged: the message
            // stays relayable, and a simulation of the relay shows why the target refused it.
            assembly ("memory-safe") {
                revert(add(returnData_, 32), mload(returnData_))
            }
        }
        contextSender = address(0);
        contextSource = 0;

        emit RelayedMessage(source, nonce, messageHash, keccak256(returnData_));
    }

    /// @notice The sender (on the source chain) of the message being relayed.
    function crossDomainMessageSender() external view onlyEntered returns (address sender_) {
        sender_ = contextSender;
    }

    /// @notice The chain id the message being relayed comes from.
    function crossDomainMessageSource() external view onlyEntered returns (uint256 source_) {
        source_ = contextSource;
    }

    /// @notice Sender and source of the message being relayed, in one call.
    function crossDomainMessageContext() external view onlyEntered returns (address sender_, uint256 source_) {
        sender_ = contextSender;
        source_ = contextSource;
    }

    /// @dev The identity of a message on both chains: what sendMessage returns and successfulMessages is keyed by.
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

    /// @dev A SentMessage payload is four topics (selector, destination, target, nonce), one word each, then the
    ///      ABI-encoded (sender, message) of the log's data.
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
