//! The deai runtime.
//!
//! FRAME's essentials for a standalone chain (System, Timestamp, Aura block production, GRANDPA
//! finality, Balances, TransactionPayment, and Sudo as a development convenience), plus
//! `pallet-inference`, which implements the verification protocol of `PROTOCOL.md`.
#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime!`-style macros recurse deeply.
#![recursion_limit = "256"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

use alloc::vec::Vec;

pub mod apis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
pub mod configs;
pub mod genesis_config_presets;
pub mod weights;

use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};
use sp_version::RuntimeVersion;

pub use frame_system::Call as SystemCall;
pub use pallet_balances::Call as BalancesCall;
pub use pallet_timestamp::Call as TimestampCall;

/// Opaque types: what the node needs to know of the runtime's types without depending on them.
pub mod opaque {
	use super::*;
	use sp_runtime::traits::Hash as HashT;

	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block identifier type.
	pub type BlockId = generic::BlockId<Block>;
	/// Opaque block hash type.
	pub type Hash = <BlakeTwo256 as HashT>::Output;
}

impl_opaque_keys! {
	/// The session keys of a block author: Aura for authoring, GRANDPA for finality.
	pub struct SessionKeys {
		/// Aura (block authoring) key.
		pub aura: Aura,
		/// GRANDPA (finality) key.
		pub grandpa: Grandpa,
	}
}

/// The runtime's version. `spec_version` must be bumped on every change of runtime logic.
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("deai"),
	impl_name: alloc::borrow::Cow::Borrowed("deai-node"),
	authoring_version: 1,
	spec_version: 103,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 1,
	system_version: 1,
};

/// Block time in milliseconds. A task settles three blocks after the block that includes it
/// (drawn in the next, committed in the one after, revealed and settled in the third), so a
/// verified result arrives about 9 s after submission on average; the block's weight limit
/// (`configs::RuntimeBlockWeights`) is two thirds of it, so a block's worst case is proposed and
/// imported in time.
pub const MILLI_SECS_PER_BLOCK: u64 = 2500;

/// Aura slot duration; Aura produces one block per slot.
pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;

/// Blocks per minute.
pub const MINUTES: BlockNumber = 60_000 / (MILLI_SECS_PER_BLOCK as BlockNumber);
/// Blocks per hour.
pub const HOURS: BlockNumber = MINUTES * 60;
/// Blocks per day.
pub const DAYS: BlockNumber = HOURS * 24;

/// Number of decimals of the token (shown by wallets through the chain-spec properties).
pub const TOKEN_DECIMALS: u8 = 12;
/// The token's ticker symbol (shown by wallets through the chain-spec properties).
pub const TOKEN_SYMBOL: &str = "DEAI";
/// One whole token in its smallest unit.
pub const UNIT: Balance = 10u128.pow(TOKEN_DECIMALS as u32);
/// A thousandth of a token.
pub const MILLI_UNIT: Balance = UNIT / 1_000;
/// A millionth of a token.
pub const MICRO_UNIT: Balance = UNIT / 1_000_000;
/// The existential deposit: the smallest balance an account may hold.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNIT;
/// The SS58 address prefix (42: the generic Substrate prefix, so dev accounts look familiar).
pub const SS58_PREFIX: u16 = 42;

/// Signature of a transaction.
pub type Signature = MultiSignature;
/// An account id: the public key of the signature scheme.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// Balance of an account.
pub type Balance = u128;
/// Index of a transaction in the chain.
pub type Nonce = u32;
/// A hash of some data used by the chain.
pub type Hash = sp_core::H256;
/// An index to a block.
pub type BlockNumber = u32;
/// The address format for describing accounts.
pub type Address = MultiAddress<AccountId, ()>;
/// Block header type as expected by this runtime.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// Block type as expected by this runtime.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;
/// A block signed with a justification.
pub type SignedBlock = generic::SignedBlock<Block>;
/// Block identifier.
pub type BlockId = generic::BlockId<Block>;

/// The transaction extensions checked on every signed transaction.
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

/// Unchecked extrinsic type as expected by this runtime.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// The payload being signed in transactions.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Migrations to run on the next runtime upgrade: the inference pallet's storage version 1 to 2
/// (Protocol v2), a no-op on a chain already at 2.
#[allow(unused_parens)]
type Migrations = (pallet_inference::migrations::v2::MigrateV1ToV2<Runtime>,);

/// Executive: dispatches calls to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

#[frame_support::runtime]
mod runtime {
	/// The runtime: every pallet of the chain and their indices (stable: they appear in
	/// transactions and storage keys).
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;

	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;

	#[runtime::pallet_index(2)]
	pub type Aura = pallet_aura;

	#[runtime::pallet_index(3)]
	pub type Grandpa = pallet_grandpa;

	#[runtime::pallet_index(4)]
	pub type Balances = pallet_balances;

	#[runtime::pallet_index(5)]
	pub type TransactionPayment = pallet_transaction_payment;

	#[runtime::pallet_index(6)]
	pub type Sudo = pallet_sudo;

	#[runtime::pallet_index(10)]
	pub type Inference = pallet_inference;
}

