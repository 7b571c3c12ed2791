// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import * as Predeploys from "./Predeploys.sol";
import {IERC165} from "./interfaces/IERC165.sol";
import {IERC20} from "./interfaces/IERC20.sol";
import {IERC7802} from "./interfaces/IERC7802.sol";

/// @title SuperchainERC20Mock
/// @notice The devnet's test token ("MOCK"): a plain ERC-20 that anyone may mint, and that the
///         SuperchainTokenBridge may burn and mint across chains (ERC-7802). Installed with anvil_setCode at the same
///         address on every devnet chain, which is what makes it a SuperchainERC20. Name, symbol and decimals are
///         pure functions because no constructor ever runs.
contract SuperchainERC20Mock is IERC20, IERC7802 {
    // OpenZeppelin's ERC-6093 errors, so tools that know OZ tokens decode them.
    error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed);
    error ERC20InvalidSender(address sender);
    error ERC20InvalidReceiver(address receiver);
    error ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed);
    error ERC20InvalidApprover(address approver);
    error ERC20InvalidSpender(address spender);
    error Unauthorized();

    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;
    uint256 public totalSupply;

    function name() external pure returns (string memory) {
        return "Mock SuperchainERC20";
    }

    function symbol() external pure returns (string memory) {
        return "MOCK";
    }

    function decimals() external pure returns (uint8) {
        return 18;
    }

    /// @notice Open faucet: a test token anyone can mint.
    function mint(address _to, uint256 _amount) external {
        if (_to == address(0)) revert ERC20InvalidReceiver(address(0));
        _update(address(0), _to, _amount);
    }

    function transfer(address _to, uint256 _value) external returns (bool) {
        _transfer(msg.sender, _to, _value);
        return true;
    }

    function approve(address _spender, uint256 _value) external returns (bool) {
        _approve(msg.sender, _spender, _value);
        return true;
    }

    function transferFrom(address _from, address _to, uint256 _value) external returns (bool) {
        uint256 current = allowance[_from][msg.sender];
        // An allowance of type(uint256).max is infinite and never spent, as in OpenZeppelin.
        if (current != type(uint256).max) {
            if (current < _value) revert ERC20InsufficientAllowance(msg.sender, current, _value);
            unchecked {
                _approve(_from, msg.sender, current - _value);
            }
        }
        _transfer(_from, _to, _value);
        return true;
    }

    /// @notice ERC-7802: mint on the destination of a bridge transfer.
    function crosschainMint(address _to, uint256 _amount) external onlyTokenBridge {
        if (_to == address(0)) revert ERC20InvalidReceiver(address(0));
        _update(address(0), _to, _amount);
        emit CrosschainMint(_to, _amount, msg.sender);
    }

    /// @notice ERC-7802: burn on the source of a bridge transfer. The bridge burns from the user who called it, so
    ///         no allowance is involved.
    function crosschainBurn(address _from, uint256 _amount) external onlyTokenBridge {
        if (_from == address(0)) revert ERC20InvalidSender(address(0));
        _update(_from, address(0), _amount);
        emit CrosschainBurn(_from, _amount, msg.sender);
    }

    function supportsInterface(bytes4 _interfaceId) external pure returns (bool) {
        return
            _interfaceId == type(IERC7802).interfaceId ||
            _interfaceId == type(IERC20).interfaceId ||
            _interfaceId == type(IERC165).interfaceId;
    }

    modifier onlyTokenBridge() {
        if (msg.sender != Predeploys.SUPERCHAIN_TOKEN_BRIDGE) revert Unauthorized();
        _;
    }

    function _transfer(address _from, address _to, uint256 _value) internal {
        if (_from == address(0)) revert ERC20InvalidSender(address(0));
        if (_to == address(0)) revert ERC20InvalidReceiver(address(0));
        _update(_from, _to, _value);
    }

    /// @dev The one place balances change; address(0) on either side means mint or burn.
    function _update(address _from, address _to, uint256 _value) internal {
        if (_from == address(0)) {
            totalSupply += _value;
        } else {
            uint256 fromBalance = balanceOf[_from];
            if (fromBalance < _value) revert ERC20InsufficientBalance(_from, fromBalance, _value);
            unchecked {
                balanceOf[_from] = fromBalance - _value;
            }
        }
        if (_to == address(0)) {
            unchecked {
                totalSupply -= _value;
            }
        } else {
            unchecked {
                // Cannot overflow: the sum of all balances is totalSupply, which the checked addition bounds.
                balanceOf[_to] += _value;
            }
        }
        emit Transfer(_from, _to, _value);
    }

    function _approve(address _owner, address _spender, uint256 _value) internal {
        if (_owner == address(0)) revert ERC20InvalidApprover(address(0));
        if (_spender == address(0)) revert ERC20InvalidSpender(address(0));
        allowance[_owner][_spender] = _value;
        emit Approval(_owner, _spender, _value);
    }
}
