//! The deai runtime.
//!
//! A standalone chain whose validators anyone may join by stake: BABE block production and
//! GRANDPA finality, validators elected by FRAME's staking (sessions, authorship, offences,
//! on-chain Phragmén over a bags list), on-chain governance (referenda with conviction voting,
//! preimages, scheduler), Balances and TransactionPayment, Sudo as a convenience of the
//! development preset only, and `pallet-inference`, which implements the verification protocol
//! of `PROTOCOL.md`. A network's periods (epochs, eras, referendums) are set in its genesis
//! ([`timing`]).
#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime!`-style macros recurse deeply.
#![recursion_limit = "256"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

use alloc::vec::Vec;

pub mod apis;
pub mod bag_thresholds;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
pub mod configs;
pub mod genesis_config_presets;
pub mod timing;
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
	/// The session keys of a validator: BABE for authoring, GRANDPA for finality. A validator
	/// generates them on its node (`author_rotateKeys`) and registers them with `session.setKeys`.
	pub struct SessionKeys {
		/// BABE (block authoring) key.
		pub babe: Babe,
		/// GRANDPA (finality) key.
		pub grandpa: Grandpa,
	}
}

/// Declares [`VERSION`] with the given `spec_version`.
macro_rules! runtime_version {
	($spec_version:tt) => {
		/// The runtime's version. `spec_version` must be bumped on every change of runtime logic.
		#[sp_version::runtime_version]
		pub const VERSION: RuntimeVersion = RuntimeVersion {
			spec_name: alloc::borrow::Cow::Borrowed("deai"),
			impl_name: alloc::borrow::Cow::Borrowed("deai-node"),
			authoring_version: 1,
			spec_version: $spec_version,
			impl_version: 1,
			apis: apis::RUNTIME_API_VERSIONS,
			transaction_version: 1,
			system_version: 1,
		};
	};
}

#[cfg(not(feature = "upgrade-test"))]
runtime_version!(200);
// The same runtime one spec version later: the code a test network upgrades to by referendum.
#[cfg(feature = "upgrade-test")]
runtime_version!(201);

/// Block time in milliseconds. A task settles three blocks after the block that includes it
/// (drawn in the next, committed in the one after, revealed and settled in the third), so a
/// verified result arrives about 9 s after submission on average; the block's weight limit
/// (`configs::RuntimeBlockWeights`) is two thirds of it, so a block's worst case is proposed and
/// imported in time.
pub const MILLI_SECS_PER_BLOCK: u64 = 2500;

/// BABE slot duration; with secondary slots, one block per slot while every validator is up.
pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;

/// BABE's epoch configuration at genesis: a primary slot leader in about half the slots (`c =
/// 1/2`), and a secondary VRF author for every slot without one, so every block carries a VRF
/// output. The inference pallet takes its randomness only after primary blocks (which BABE's
/// fork choice counts), so a higher `c` than BABE's usual 1/4 keeps its choices frequent, at
/// the price of a few more short forks (two primary leaders in one slot).
pub const BABE_GENESIS_EPOCH_CONFIG: sp_consensus_babe::BabeEpochConfiguration =
	sp_consensus_babe::BabeEpochConfiguration {
		c: (1, 2),
		allowed_slots: sp_consensus_babe::AllowedSlots::PrimaryAndSecondaryVRFSlots,
	};

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
	// Refuses commits and reveals that would fail, before they are included or charged.
	pallet_inference::CheckNodeCall<Runtime>,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

/// Unchecked extrinsic type as expected by this runtime.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// The payload being signed in transactions.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Migrations to run on the next runtime upgrade: none. Spec 200 starts a new chain (BABE and
/// staking replaced Aura, so no chain upgrades to it in place) whose genesis writes every
/// pallet's current storage version; the inference pallet's v1 to v2 migration (one unbounded
/// block) is kept with its test for the record, never run. The next layout change on a live
/// chain goes here, bounded by weight.
type Migrations = ();

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

	/// A network's periods, set at genesis (before the pallets that read them).
	#[runtime::pallet_index(18)]
	pub type Timing = crate::timing;

	#[runtime::pallet_index(2)]
	pub type Babe = pallet_babe;

	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;

	#[runtime::pallet_index(3)]
	pub type Grandpa = pallet_grandpa;

	#[runtime::pallet_index(4)]
	pub type Balances = pallet_balances;

	#[runtime::pallet_index(5)]
	pub type TransactionPayment = pallet_transaction_payment;

	#[runtime::pallet_index(6)]
	pub type Sudo = pallet_sudo;

	#[runtime::pallet_index(7)]
	pub type Authorship = pallet_authorship;

	/// Before Session: its genesis elects the first validators Session starts with.
	#[runtime::pallet_index(8)]
	pub type Staking = pallet_staking;

	#[runtime::pallet_index(9)]
	pub type Session = pallet_session;

	#[runtime::pallet_index(11)]
	pub type Historical = pallet_session::historical;

	#[runtime::pallet_index(12)]
	pub type Offences = pallet_offences;

	#[runtime::pallet_index(13)]
	pub type VoterList = pallet_bags_list<Instance1>;

	#[runtime::pallet_index(14)]
	pub type Preimage = pallet_preimage;

	#[runtime::pallet_index(15)]
	pub type Scheduler = pallet_scheduler;

	#[runtime::pallet_index(16)]
	pub type ConvictionVoting = pallet_conviction_voting;

	#[runtime::pallet_index(17)]
	pub type Referenda = pallet_referenda;

	/// Last, so its hook runs after Babe's and Session's: a block's epoch change (and its
	/// authority list) is in place when the pallet reads the block's VRF output.
	#[runtime::pallet_index(10)]
	pub type Inference = pallet_inference;
}

