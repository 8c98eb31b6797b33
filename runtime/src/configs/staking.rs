//! Validators elected by stake: FRAME's staking with an on-chain sequential Phragmén election
//! bounded to fit a block, the voter list sorted by stake in bags, and validators paid from an
//! inflation curve.
//!
//! - **Anyone may validate** with at least the minimum validator bond (a genesis value), and
//!   anyone may nominate validators with at least the minimum nominator bond. At the last session
//!   of each era the election picks up to `ValidatorCount` validators by the stake behind them;
//!   they author blocks (BABE) and vote on finality (GRANDPA) for the next era.
//! - **Payment**: each era mints `ConvertCurve<RewardCurve>`'s payout: between 2.5 % and 10 %
//!   a year of the total issuance for validators and nominators, the most when half of it is
//!   staked, and the rest of the curve's maximum goes to the treasury. Inflation, not
//!   transaction fees, because the chain's fees are small (inference is paid to compute nodes,
//!   not to validators) and would not pay for security; fees go mostly to the treasury and a
//!   fifth to the block author (see [`super::DealWithFees`]).
//! - **Slashes** for equivocation wait `SlashDeferDuration` eras (governance may cancel a wrong
//!   one meanwhile) and go to the treasury.

use super::{SessionsPerEra, TreasuryAccount};
use crate::{
	bag_thresholds, AccountId, Balance, Balances, BlockNumber, Runtime, RuntimeEvent, RuntimeHoldReason, Session,
	Staking, Timestamp, VoterList,
};
use frame_election_provider_support::{bounds::ElectionBoundsBuilder, onchain, SequentialPhragmen};
use frame_support::{
	parameter_types,
	traits::{tokens::imbalance::ResolveTo, ConstU32},
};
use frame_system::EnsureRoot;
use sp_runtime::{curve::PiecewiseLinear, Perbill};

// The NPoS inflation curve: 2.5 % a year with nothing staked, 10 % at the ideal stake of half
// the issuance, falling off beyond it.
pallet_staking_reward_curve::build! {
	const REWARD_CURVE: PiecewiseLinear<'static> = curve!(
		min_inflation: 0_025_000,
		max_inflation: 0_100_000,
		ideal_stake: 0_500_000,
		falloff: 0_050_000,
		max_piece_count: 40,
		test_precision: 0_005_000,
	);
}

/// Voters read into one election: reading them (the snapshot) and solving (Phragmén, about 33 us
/// per voter with 16 nominations) stay within a quarter of the block the election runs in
/// (checked by the runtime's tests).
pub const MAX_ELECTING_VOTERS: u32 = 2_500;
/// Validator candidates read into one election, and the most candidates there may be (the
/// genesis `max_validator_count`): the election reads every one of them, so flooding the
/// candidate list with minimum bonds cannot push the candidates with the most stake out of it.
pub const MAX_ELECTABLE_TARGETS: u32 = 1_000;
/// Nominations per nominator.
pub const MAX_NOMINATIONS: u32 = 16;

parameter_types! {
	/// The inflation curve.
	pub const RewardCurve: &'static PiecewiseLinear<'static> = &REWARD_CURVE;
	/// Eras before unbonded funds are free: a network period.
	pub BondingDuration: sp_staking::EraIndex = crate::timing::NetworkPeriods::<Runtime>::get().bonding_eras;
	/// Eras a slash waits: a network period.
	pub SlashDeferDuration: sp_staking::EraIndex = crate::timing::NetworkPeriods::<Runtime>::get().slash_defer_eras;
	/// What one election reads, at most.
	pub ElectionBounds: frame_election_provider_support::bounds::ElectionBounds =
		ElectionBoundsBuilder::default()
			.voters_count(MAX_ELECTING_VOTERS.into())
			.targets_count(MAX_ELECTABLE_TARGETS.into())
			.build();
	/// The most validators an election returns.
	pub const MaxValidatorSet: u32 = super::consensus::MAX_AUTHORITIES;
	/// The most nominators counted behind one validator.
	pub const MaxBackersPerWinner: u32 = super::consensus::MAX_NOMINATORS;
	/// Eras of history kept for rewards and slashes.
	pub const HistoryDepth: u32 = 84;
	/// Voters re-sorted in the bags list per block without being asked.
	pub const MaxAutoRebagPerBlock: u32 = 0;
}

/// The on-chain election: sequential Phragmén over the bounded snapshot.
pub struct OnChainSeqPhragmen;

impl onchain::Config for OnChainSeqPhragmen {
	type Sort = frame_support::traits::ConstBool<true>;
	type System = Runtime;
	type Solver = SequentialPhragmen<AccountId, Perbill>;
	type DataProvider = Staking;
	type WeightInfo = frame_election_provider_support::weights::SubstrateWeight<Runtime>;
	type Bounds = ElectionBounds;
	type MaxBackersPerWinner = MaxBackersPerWinner;
	type MaxWinnersPerPage = MaxValidatorSet;
}

impl pallet_staking::Config for Runtime {
	type OldCurrency = Balances;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type CurrencyBalance = Balance;
	type UnixTime = Timestamp;
	type CurrencyToVote = sp_staking::currency_to_vote::U128CurrencyToVote;
	type ElectionProvider = onchain::OnChainExecution<OnChainSeqPhragmen>;
	type GenesisElectionProvider = onchain::OnChainExecution<OnChainSeqPhragmen>;
	type NominationsQuota = pallet_staking::FixedNominationsQuota<MAX_NOMINATIONS>;
	type HistoryDepth = HistoryDepth;
	/// What the curve allows beyond the validators' payout goes to the treasury.
	type RewardRemainder = ResolveTo<TreasuryAccount, Balances>;
	type RuntimeEvent = RuntimeEvent;
	type Slash = ResolveTo<TreasuryAccount, Balances>;
	type Reward = ();
	type SessionsPerEra = SessionsPerEra;
	type BondingDuration = BondingDuration;
	type SlashDeferDuration = SlashDeferDuration;
	/// Staking's root calls (validator count, forcing eras, cancelling slashes) pass through
	/// governance (a referendum on the root track).
	type AdminOrigin = EnsureRoot<AccountId>;
	type SessionInterface = Self;
	type EraPayout = pallet_staking::ConvertCurve<RewardCurve>;
	type NextNewSession = Session;
	type MaxExposurePageSize = ConstU32<256>;
	type MaxValidatorSet = MaxValidatorSet;
	type VoterList = VoterList;
	type TargetList = pallet_staking::UseValidatorsMap<Self>;
	type MaxUnlockingChunks = ConstU32<32>;
	type MaxControllersInDeprecationBatch = ConstU32<100>;
	type EventListeners = ();
	type Filter = frame_support::traits::Nothing;
	type BenchmarkingConfig = StakingBenchmarkingConfig;
	type WeightInfo = pallet_staking::weights::SubstrateWeight<Runtime>;
}

/// The sizes staking's benchmarks measure at: the election's bounds.
pub struct StakingBenchmarkingConfig;

impl pallet_staking::BenchmarkingConfig for StakingBenchmarkingConfig {
	type MaxValidators = MaxValidatorSet;
	type MaxNominators = ConstU32<MAX_ELECTING_VOTERS>;
}

parameter_types! {
	/// The voter list's bags.
	pub const BagThresholds: &'static [u64] = &bag_thresholds::THRESHOLDS;
}

/// The voters (nominators and validators) sorted by stake in bags.
impl pallet_bags_list::Config<pallet_bags_list::Instance1> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = pallet_bags_list::weights::SubstrateWeight<Runtime>;
	type ScoreProvider = Staking;
	type BagThresholds = BagThresholds;
	type MaxAutoRebagPerBlock = MaxAutoRebagPerBlock;
	type Score = frame_election_provider_support::VoteWeight;
}

/// Blocks per era, for the runtime's tests and documentation.
pub fn era_blocks() -> BlockNumber {
	let p = crate::timing::NetworkPeriods::<Runtime>::get();
	p.epoch_blocks.saturating_mul(p.sessions_per_era)
}
