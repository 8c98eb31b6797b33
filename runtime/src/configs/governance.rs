//! On-chain governance: root calls (runtime upgrades, `forget_reputation`, staking's and the
//! inference pallet's root calls) pass a referendum on the `root` track, voted with conviction by
//! token holders. Preimages hold the proposed calls, the scheduler enacts them.
//!
//! One track, `root`: every privileged call of this chain is a root call, and there is no
//! treasury spending or other lesser power to delegate, so a second track would only offer a
//! cheaper way to the same powers. Its periods are network periods ([`crate::timing`]): days on
//! a public network, seconds on development and test networks. It passes when, after its
//! preparation, the approval (ayes over ayes and nays, with conviction) stays above a curve falling
//! from 100 % to 50 % and the support (turnout of ayes over the total issuance, without
//! conviction) above a curve falling from 50 % to 0 % over the decision period, for the confirm
//! period.

use crate::{
	AccountId, Balance, Balances, BlockNumber, OriginCaller, Preimage, Runtime, RuntimeCall, RuntimeEvent,
	RuntimeHoldReason, RuntimeOrigin, Scheduler, System, UNIT,
};
use alloc::borrow::Cow;
use frame_support::{
	parameter_types,
	traits::{
		fungible::HoldConsideration, ConstU32, EqualPrivilegeOnly,
		LinearStoragePrice,
	},
	weights::Weight,
};
use frame_system::{EnsureRoot, EnsureSigned};
use pallet_referenda::{Curve, Track, TrackInfo};
use sp_runtime::Perbill;

parameter_types! {
	/// Scheduled calls may use 80 % of a block.
	pub MaximumSchedulerWeight: Weight = Perbill::from_percent(80) * crate::configs::RuntimeBlockWeights::get().max_block;
	/// A preimage holds 1 DEAI plus 1 mDEAI per byte while it is noted.
	pub const PreimageBaseDeposit: Balance = UNIT;
	/// The per-byte part of a preimage's deposit.
	pub const PreimageByteDeposit: Balance = crate::MILLI_UNIT;
	/// Why a preimage's deposit is held.
	pub const PreimageHoldReason: RuntimeHoldReason = RuntimeHoldReason::Preimage(pallet_preimage::HoldReason::Preimage);
	/// Submitting a referendum holds 10 DEAI.
	pub const SubmissionDeposit: Balance = 10 * UNIT;
	/// A referendum of the root track is decided once someone holds 10,000 DEAI for it: holding
	/// all of the track's decision slots for its decision period locks 100,000 DEAI.
	pub const RootDecisionDeposit: Balance = 10_000 * UNIT;
	/// Referendums waiting for a decision slot, per track.
	pub const MaxQueued: u32 = 100;
	/// A referendum without a decision deposit is dropped after this: a network period.
	pub UndecidingTimeout: BlockNumber = crate::timing::NetworkPeriods::<Runtime>::get().referendum_undecided;
	/// How often a referendum is re-examined: a network period.
	pub AlarmInterval: BlockNumber = crate::timing::NetworkPeriods::<Runtime>::get().referendum_alarm;
	/// How long a 1x-conviction vote locks its funds after the referendum: a network period.
	pub VoteLockingPeriod: BlockNumber = crate::timing::NetworkPeriods::<Runtime>::get().vote_locking;
}

impl pallet_preimage::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = pallet_preimage::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type ManagerOrigin = EnsureRoot<AccountId>;
	type Consideration = HoldConsideration<
		AccountId,
		Balances,
		PreimageHoldReason,
		LinearStoragePrice<PreimageBaseDeposit, PreimageByteDeposit, Balance>,
	>;
}

impl pallet_scheduler::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeOrigin = RuntimeOrigin;
	type PalletsOrigin = OriginCaller;
	type RuntimeCall = RuntimeCall;
	type MaximumWeight = MaximumSchedulerWeight;
	/// Only governance (root) schedules calls.
	type ScheduleOrigin = EnsureRoot<AccountId>;
	type OriginPrivilegeCmp = EqualPrivilegeOnly;
	type MaxScheduledPerBlock = ConstU32<50>;
	type WeightInfo = pallet_scheduler::weights::SubstrateWeight<Runtime>;
	type Preimages = Preimage;
	type BlockNumberProvider = System;
}

impl pallet_conviction_voting::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = pallet_conviction_voting::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type Polls = crate::Referenda;
	type MaxTurnout = frame_support::traits::TotalIssuanceOf<Balances, AccountId>;
	type MaxVotes = ConstU32<512>;
	type VoteLockingPeriod = VoteLockingPeriod;
	type BlockNumberProvider = System;
	type VotingHooks = ();
}

/// The governance tracks: one, `root`, whose periods are the network's.
pub struct Tracks;

/// The `root` track's id.
pub const ROOT_TRACK: u16 = 0;

/// A track name as the pallet stores it: the bytes, padded with zeros.
const fn track_name<const N: usize>(name: &str) -> [u8; N] {
	let bytes = name.as_bytes();
	let mut out = [0u8; N];
	let mut i = 0;
	while i < bytes.len() && i < N {
		out[i] = bytes[i];
		i += 1;
	}
	out
}

impl pallet_referenda::TracksInfo<Balance, BlockNumber> for Tracks {
	type Id = u16;
	type RuntimeOrigin = <RuntimeOrigin as frame_support::traits::OriginTrait>::PalletsOrigin;

	fn tracks() -> impl Iterator<Item = Cow<'static, Track<Self::Id, Balance, BlockNumber>>> {
		let p = crate::timing::NetworkPeriods::<Runtime>::get();
		let root = Track {
			id: ROOT_TRACK,
			info: TrackInfo {
				name: track_name("root"),
				// Ten at once: one proposer cannot hold the track for a decision period.
				max_deciding: 10,
				decision_deposit: RootDecisionDeposit::get(),
				prepare_period: p.referendum_prepare,
				decision_period: p.referendum_decision,
				confirm_period: p.referendum_confirm,
				min_enactment_period: p.referendum_enactment,
				min_approval: Curve::LinearDecreasing {
					length: Perbill::one(),
					floor: Perbill::from_percent(50),
					ceil: Perbill::one(),
				},
				min_support: Curve::LinearDecreasing {
					length: Perbill::one(),
					floor: Perbill::zero(),
					ceil: Perbill::from_percent(50),
				},
			},
		};
		core::iter::once(Cow::Owned(root))
	}

	fn track_for(origin: &Self::RuntimeOrigin) -> Result<Self::Id, ()> {
		match origin {
			OriginCaller::system(frame_system::RawOrigin::Root) => Ok(ROOT_TRACK),
			_ => Err(()),
		}
	}
}

impl pallet_referenda::Config for Runtime {
	type RuntimeCall = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = pallet_referenda::weights::SubstrateWeight<Runtime>;
	type Scheduler = Scheduler;
	type Currency = Balances;
	/// Anyone may submit a referendum (holding `SubmissionDeposit`).
	type SubmitOrigin = EnsureSigned<AccountId>;
	/// Only governance cancels (refunding) or kills (slashing the deposits of) a referendum.
	type CancelOrigin = EnsureRoot<AccountId>;
	type KillOrigin = EnsureRoot<AccountId>;
	/// The deposits of a killed referendum go to the treasury.
	type Slash = super::ImbalanceToTreasury;
	type Votes = Balance;
	type Tally = pallet_conviction_voting::TallyOf<Runtime>;
	type SubmissionDeposit = SubmissionDeposit;
	type MaxQueued = MaxQueued;
	type UndecidingTimeout = UndecidingTimeout;
	type AlarmInterval = AlarmInterval;
	type Tracks = Tracks;
	type Preimages = Preimage;
	type BlockNumberProvider = System;
}
