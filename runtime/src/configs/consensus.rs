//! Consensus: BABE block production, GRANDPA finality, sessions (with their history, for
//! key-ownership proofs), block authorship, offences, and the entropy the inference pallet draws
//! from.
//!
//! A session is one BABE epoch (its length is a network period, see [`crate::timing`]). BABE
//! runs with primary and secondary VRF slots: every slot has an author, and every block carries
//! a VRF output, which the inference pallet's randomness needs. Equivocations (two blocks for one
//! slot, two GRANDPA votes in one round) are reported with a proof that the key belonged to a
//! validator in that session (historical sessions), become offences, and are slashed by staking.

use super::{staking::BondingDuration, SessionsPerEra};
use crate::{
	AccountId, Babe, Historical, Offences, Runtime, RuntimeCall, RuntimeEvent, Session, SessionKeys,
	Staking, UncheckedExtrinsic, MILLI_SECS_PER_BLOCK,
};
use frame_support::{parameter_types, traits::KeyOwnerProofSystem};
use sp_core::crypto::KeyTypeId;
use sp_runtime::traits::{ConvertInto, OpaqueKeys};

/// The most validators (and so BABE and GRANDPA authorities) a network may have.
pub const MAX_AUTHORITIES: u32 = 100;
/// The most nominators whose stake backs one validator in an offence report.
pub const MAX_NOMINATORS: u32 = 512;

parameter_types! {
	/// Equivocation reports are kept in the pool for a session's worth of blocks.
	pub ReportLongevity: u64 = super::EpochDuration::get();
	/// Set ids kept for GRANDPA equivocation proofs: as long as stake stays bonded.
	pub MaxSetIdSessionEntries: u64 =
		u64::from(BondingDuration::get()).saturating_mul(u64::from(SessionsPerEra::get()));
}

impl pallet_babe::Config for Runtime {
	type EpochDuration = super::EpochDuration;
	type ExpectedBlockTime = frame_support::traits::ConstU64<MILLI_SECS_PER_BLOCK>;
	/// Sessions end epochs.
	type EpochChangeTrigger = pallet_babe::ExternalTrigger;
	type DisabledValidators = Session;
	type WeightInfo = ();
	type MaxAuthorities = frame_support::traits::ConstU32<MAX_AUTHORITIES>;
	type MaxNominators = frame_support::traits::ConstU32<MAX_NOMINATORS>;
	type KeyOwnerProof = <Historical as KeyOwnerProofSystem<(KeyTypeId, pallet_babe::AuthorityId)>>::Proof;
	type EquivocationReportSystem =
		pallet_babe::EquivocationReportSystem<Self, Offences, Historical, ReportLongevity>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = frame_support::traits::ConstU32<MAX_AUTHORITIES>;
	type MaxNominators = frame_support::traits::ConstU32<MAX_NOMINATORS>;
	type MaxSetIdSessionEntries = MaxSetIdSessionEntries;
	type KeyOwnerProof = <Historical as KeyOwnerProofSystem<(KeyTypeId, sp_consensus_grandpa::AuthorityId)>>::Proof;
	type EquivocationReportSystem =
		pallet_grandpa::EquivocationReportSystem<Self, Offences, Historical, ReportLongevity>;
}

impl pallet_authorship::Config for Runtime {
	type FindAuthor = pallet_session::FindAccountFromAuthorIndex<Self, Babe>;
	/// Staking gives the author its era points.
	type EventHandler = Staking;
}

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	/// A validator's id is its stash account.
	type ValidatorIdOf = ConvertInto;
	type ShouldEndSession = Babe;
	type NextSessionRotation = Babe;
	type SessionManager = pallet_session::historical::NoteHistoricalRoot<Self, Staking>;
	type SessionHandler = <SessionKeys as OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	/// An offender is disabled for the rest of the era, at most a third of the validators.
	type DisablingStrategy = pallet_session::disabling::UpToLimitWithReEnablingDisablingStrategy;
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = crate::Balances;
	type KeyDeposit = ();
}

impl pallet_session::historical::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type FullIdentification = ();
	type FullIdentificationOf = pallet_staking::UnitIdentificationOf<Self>;
}

impl pallet_offences::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type IdentificationTuple = pallet_session::historical::IdentificationTuple<Self>;
	type OnOffenceHandler = Staking;
}

/// Equivocation reports are unsigned transactions the node submits on its own.
impl<LocalCall> frame_system::offchain::CreateTransactionBase<LocalCall> for Runtime
where
	RuntimeCall: From<LocalCall>,
{
	type Extrinsic = UncheckedExtrinsic;
	type RuntimeCall = RuntimeCall;
}

impl<LocalCall> frame_system::offchain::CreateBare<LocalCall> for Runtime
where
	RuntimeCall: From<LocalCall>,
{
	fn create_bare(call: RuntimeCall) -> UncheckedExtrinsic {
		UncheckedExtrinsic::new_bare(call)
	}
}

/// The inference pallet's entropy: the block's BABE VRF output, its author's validator account
/// and whether the slot was claimed as a primary leader.
///
/// The output is read from the block's BABE pre-digest (primary and secondary VRF slots both
/// carry one), which every node verified against the author's key, the slot and the epoch's
/// randomness before executing the block. The author is the validator at the pre-digest's
/// authority index in the session's validators (the BABE authorities are their keys, in the same
/// order): a validator that rotates its keys stays one author. Run after the session pallet's
/// `on_initialize`, both lists are the ones of the block's epoch.
pub struct BabeEntropy;

impl pallet_inference::randomness::BlockEntropy for BabeEntropy {
	fn current() -> Option<pallet_inference::randomness::BlockVrf> {
		use codec::Encode;
		use sp_consensus_babe::digests::CompatibleDigestItem;
		let digest = frame_system::Pallet::<Runtime>::digest();
		let pre = digest.logs.iter().find_map(|item| item.as_babe_pre_digest())?;
		let signature = pre.vrf_signature()?;
		let author = pallet_session::Validators::<Runtime>::get().get(pre.authority_index() as usize)?.clone();
		Some(pallet_inference::randomness::BlockVrf {
			output: sp_io::hashing::blake2_256(&signature.pre_output.encode()),
			author: sp_io::hashing::blake2_256(&author.encode()),
			primary: pre.is_primary(),
		})
	}

	fn trusted_single_authority() -> bool {
		crate::timing::TrustSoleAuthority::<Runtime>::get() &&
			pallet_babe::Authorities::<Runtime>::decode_len().unwrap_or(0) <= 1
	}
}
