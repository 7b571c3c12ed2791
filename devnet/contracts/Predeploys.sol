// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// The fixed addresses of the interop predeploys, the same on every chain of the Superchain. The contracts are
// installed with anvil_setCode, so these constants are the only way they can find each other: nothing is passed at
// construction time. File-level constants (not a library) so that they compile to no artifact of their own.
// Import as `import * as Predeploys from "./Predeploys.sol";`.

address constant CROSS_L2_INBOX = 0x4200000000000000000000000000000000000022;
address constant L2_TO_L2_CROSS_DOMAIN_MESSENGER = 0x4200000000000000000000000000000000000023;
address constant SUPERCHAIN_ETH_BRIDGE = 0x4200000000000000000000000000000000000024;
address constant ETH_LIQUIDITY = 0x4200000000000000000000000000000000000025;
address constant SUPERCHAIN_TOKEN_BRIDGE = 0x4200000000000000000000000000000000000028;

// OP Stack predeploys the devnet does not install, but that messenger 2.0.0 refuses as message targets: a relayed
// message must never be able to start a withdrawal to L1.
address constant L2_CROSS_DOMAIN_MESSENGER = 0x4200000000000000000000000000000000000007;
address constant L2_TO_L1_MESSAGE_PASSER = 0x4200000000000000000000000000000000000016;
