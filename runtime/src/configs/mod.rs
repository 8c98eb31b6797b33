//! Configuration of every pallet in the runtime: the essentials here, consensus
//! ([`consensus`]), validator elections ([`staking`]) and governance ([`governance`]) apart.

pub mod consensus;
pub mod governance;
pub mod staking;

use super::{
	AccountId, Babe, Balance, Balances, Block, Hash, Nonce, PalletInfo, Runtime, RuntimeCall,
	RuntimeEvent, RuntimeFreezeReason, RuntimeHoldReason, RuntimeOrigin, RuntimeTask, System,
	DAYS, EXISTENTIAL_DEPOSIT, HOURS, MICRO_UNIT, MILLI_SECS_PER_BLOCK, MILLI_UNIT, SLOT_DURATION, SS58_PREFIX, UNIT, VERSION,
};
use frame_support::{
	derive_impl,
	dispatch::DispatchClass,
	parameter_types,
	traits::{ConstU128, ConstU32, ConstU64, ConstU8, VariantCountOf},
	weights::{constants::WEIGHT_REF_TIME_PER_SECOND, IdentityFee, Weight},
};
use frame_support::traits::{
	fungible::{Balanced, Credit},
	tokens::imbalance::ResolveTo,
	Currency, Imbalance, OnUnbalanced,
};
use frame_system::limits::{BlockLength, BlockWeights};
use pallet_transaction_payment::{ConstFeeMultiplier, FungibleAdapter, Multiplier};
use sp_runtime::{traits::One, Perbill};
use sp_version::RuntimeVersion;

const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

parameter_types! {
	/// The runtime version, reported by `System`.
	pub const Version: RuntimeVersion = VERSION;
	/// Blocks may use two thirds of the block time in compute (the rest is the margin for
	/// proposing and importing them), three quarters of it for normal transactions.
	pub RuntimeBlockWeights: BlockWeights = BlockWeights::with_sensible_defaults(
		Weight::from_parts(
			WEIGHT_REF_TIME_PER_SECOND * 2 / 3 * MILLI_SECS_PER_BLOCK / 1000,
			u64::MAX,
		),
		NORMAL_DISPATCH_RATIO,
	);
	/// Blocks may be up to 5 MiB, three quarters of it for normal transactions.
	pub RuntimeBlockLength: BlockLength = BlockLength::builder()
		.max_length(5 * 1024 * 1024)
		.modify_max_length_for_class(DispatchClass::Normal, |max| *max = NORMAL_DISPATCH_RATIO * *max)
		.build();
	/// The SS58 prefix of addresses on this chain.
	pub const SS58Prefix: u16 = SS58_PREFIX;
}

/// The default configuration of a standalone chain, with the values that differ spelled out.
#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = ConstU32<2400>;
	/// ParityDb is the node's database: its read and write costs measured on the reference
	/// machine by `deai-node benchmark storage`, with a margin of two.
	type DbWeight = crate::weights::paritydb_weights::constants::ParityDbWeight;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
	/// FRAME's published weights of its transaction extensions, with this runtime's database
	/// weights (every transaction pays for them).
	type ExtensionsWeightInfo = frame_system::SubstrateExtensionsWeight<Runtime>;
}

parameter_types! {
	/// Blocks (slots) per BABE epoch, which is also a session: a network period.
	pub EpochDuration: u64 = crate::timing::EpochBlocks::<Runtime>::get().into();
	/// Sessions per staking era: a network period.
	pub SessionsPerEra: sp_staking::SessionIndex = crate::timing::NetworkPeriods::<Runtime>::get().sessions_per_era;
}

/// The network's periods, fixed in its genesis.
impl crate::timing::Config for Runtime {}

impl pallet_timestamp::Config for Runtime {
	/// A timestamp: milliseconds since the unix epoch.
	type Moment = u64;
	type OnTimestampSet = Babe;
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = ();
}

impl pallet_balances::Config for Runtime {
	type MaxLocks = ConstU32<50>;
	type MaxReserves = ();
	type ReserveIdentifier = [u8; 8];
	type Balance = Balance;
	type RuntimeEvent = RuntimeEvent;
	type DustRemoval = ();
	type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
	type AccountStore = System;
	type WeightInfo = pallet_balances::weights::SubstrateWeight<Runtime>;
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type DoneSlashHandler = ();
}

parameter_types! {
	/// Fees do not adjust with block fullness on this chain.
	pub FeeMultiplier: Multiplier = Multiplier::one();
}

/// Transaction fees: four fifths to the treasury, one fifth and every tip to the block's author
/// (enough to make including transactions worth an author's while, too little to make filling
/// blocks with its own transactions free).
pub struct DealWithFees;

impl OnUnbalanced<Credit<AccountId, Balances>> for DealWithFees {
	fn on_unbalanceds(mut fees_then_tips: impl Iterator<Item = Credit<AccountId, Balances>>) {
		let Some(fees) = fees_then_tips.next() else { return };
		let (to_author, to_treasury) = fees.ration(20, 80);
		let mut to_author = to_author;
		for tip in fees_then_tips {
			to_author = to_author.merge(tip);
		}
		ResolveTo::<TreasuryAccount, Balances>::on_unbalanced(to_treasury);
		match pallet_authorship::Pallet::<Runtime>::author() {
			Some(author) => {
				let _ = <Balances as Balanced<AccountId>>::resolve(&author, to_author);
			},
			None => ResolveTo::<TreasuryAccount, Balances>::on_unbalanced(to_author),
		}
	}
}

/// Funds of the older `Currency` interface (referendum deposits that are slashed) go to the
/// treasury.
pub struct ImbalanceToTreasury;

impl OnUnbalanced<pallet_balances::NegativeImbalance<Runtime>> for ImbalanceToTreasury {
	fn on_nonzero_unbalanced(amount: pallet_balances::NegativeImbalance<Runtime>) {
		Balances::resolve_creating(&TreasuryAccount::get(), amount);
	}
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type OnChargeTransaction = FungibleAdapter<Balances, DealWithFees>;
	type OperationalFeeMultiplier = ConstU8<5>;
	type WeightToFee = IdentityFee<Balance>;
	type LengthToFee = IdentityFee<Balance>;
	type FeeMultiplierUpdate = ConstFeeMultiplier<FeeMultiplier>;
	type WeightInfo = pallet_transaction_payment::weights::SubstrateWeight<Runtime>;
}

/// Sudo lets one key dispatch any call as root: a convenience of the development preset only.
/// `local_testnet` and every spec built from `chain-spec/` set no key, so nobody can use it
/// there; root calls pass through governance ([`governance`]).
impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = pallet_sudo::weights::SubstrateWeight<Runtime>;
}


parameter_types! {
	/// The treasury's pallet id; its account receives slashed stake.
	pub const TreasuryPalletId: frame_support::PalletId = frame_support::PalletId(*b"deai/tsy");
	/// The treasury account.
	pub TreasuryAccount: AccountId = sp_runtime::traits::AccountIdConversion::into_account_truncating(&TreasuryPalletId::get());
	/// A deviating or withheld result costs a tenth of the stake.
	pub const InferenceSlashFraction: Perbill = Perbill::from_percent(10);
	/// The share of a sampled task's checker draw an attacker is assumed to hold at most.
	pub const InferenceMaxCheckerCollusion: Perbill = Perbill::from_percent(10);
	/// Cancelling a queued task costs a tenth of its held fee (at least `MinFeePerNode`).
	pub const InferenceCancellationCharge: Perbill = Perbill::from_percent(10);
	/// The inference hooks may use a fifth of a block: with normal transactions' three quarters
	/// and the block's base weight, that fits.
	pub InferenceHookWeight: Weight = RuntimeBlockWeights::get().max_block / 5;
}

/// The verification protocol. Periods are in blocks of `MILLI_SECS_PER_BLOCK`.
impl pallet_inference::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Slashed = ResolveTo<TreasuryAccount, Balances>;
	type Entropy = consensus::BabeEntropy;
	type WeightInfo = pallet_inference::weights::SubstrateWeight<Runtime>;
	type ModelDeposit = ConstU128<{ 10 * UNIT }>;
	type MinStake = ConstU128<{ 100 * UNIT }>;
	type MinFeePerNode = ConstU128<{ 10 * MILLI_UNIT }>;
	/// 100 uDEAI per byte of input in state: a digits task (64 bytes) holds 6.4 mDEAI, a second of
	/// audio (64,000 bytes) 6.4 DEAI, until the task is pruned; a gigabyte of inputs held in state
	/// takes 100,000 DEAI of deposits.
	type InputDepositPerByte = ConstU128<{ 100 * MICRO_UNIT }>;
	type SlashFraction = InferenceSlashFraction;
	/// Sampled tasks promise that cheating does not pay against an attacker holding up to a
	/// tenth of the checkers' draw.
	type MaxCheckerCollusion = InferenceMaxCheckerCollusion;
	type CancellationCharge = InferenceCancellationCharge;
	type DefaultRedundancy = ConstU32<3>;
	type MaxRedundancy = ConstU32<7>;
	/// One second of 16 kHz audio as f32 is 64,000 bytes.
	type MaxInputLen = ConstU32<65_536>;
	type MaxResultLen = ConstU32<1_024>;
	type MaxNameLen = ConstU32<64>;
	type MaxShapeDims = ConstU32<8>;
	/// An operator serving more models runs more accounts: with a linear draw weight that costs
	/// it nothing.
	type MaxModelsPerNode = ConstU32<8>;
	type MaxCapacity = ConstU32<16>;
	/// A proven node computes one task at once per 25 DEAI of stake (four with the minimum
	/// stake, sixteen from 400 DEAI); a new one (reputation 600) 60% of that.
	type StakePerSlot = ConstU128<{ 25 * UNIT }>;
	/// 128 buckets of 128 nodes: 16,384 nodes per model.
	type PoolBucketSize = ConstU32<128>;
	type MaxPoolBuckets = ConstU32<128>;
	/// Room for more tasks than a block can assign.
	type MaxQueueLen = ConstU32<1_024>;
	type MaxQueuedPerModel = ConstU32<512>;
	/// About four minutes.
	type QueueTimeout = ConstU32<100>;
	/// 25 seconds to compute and commit.
	type CommitPeriod = ConstU32<10>;
	/// 25 seconds to reveal.
	type RevealPeriod = ConstU32<10>;
	/// Finished tasks stay readable for two hours.
	type RetentionPeriod = ConstU32<{ 2 * HOURS }>;
	/// Probation: a new account is drawn 60% as often as a proven node with the same stake,
	/// and reaches the maximum after 40 honest tasks.
	type InitialReputation = ConstU32<600>;
	type MaxReputation = ConstU32<1_000>;
	type ReputationFloor = ConstU32<500>;
	type ReputationPenalty = ConstU32<100>;
	type ReputationReward = ConstU32<10>;
	/// An hour between an automatic pause for low reputation and `resume`.
	type ResumeCooldown = ConstU32<HOURS>;
	/// A week of memory for the reputation of nodes that left.
	type ReputationMemory = ConstU32<{ 7 * DAYS }>;
	type MaxHookWeight = InferenceHookWeight;
}
