//! A network's constants, fixed in its genesis: the length of a BABE epoch (= a session), of a
//! staking era, of the bonding and slash-deferral periods, and of a referendum's phases; and
//! whether a development chain trusts its single authority with the inference pallet's
//! randomness.
//!
//! One runtime serves every network: a public network's chain spec sets hours and days, the
//! development and test presets set periods short enough that a test sees an era change or a
//! referendum enacted within about a minute. Nothing changes them after genesis (this pallet has
//! no call): BABE cannot change its epoch length on a live chain, so the epoch length is kept in
//! a storage value of its own that no later change of the other periods' layout can touch (the
//! runtime's tests check every preset stores it). A value left out of a genesis takes the public network's
//! default.

pub use pallet::*;

#[frame_support::pallet]
pub mod pallet {
	use frame_support::pallet_prelude::*;

	/// The public network's periods, in blocks of 2.5 s (eras and bonding in eras).
	pub mod public {
		use crate::{BlockNumber, DAYS, HOURS, MINUTES};
		/// One hour per epoch (= session).
		pub const EPOCH_BLOCKS: BlockNumber = HOURS;
		/// Six hours per era.
		pub const SESSIONS_PER_ERA: u32 = 6;
		/// 28 eras (7 days) before unbonded funds are free.
		pub const BONDING_ERAS: u32 = 28;
		/// Slashes wait 27 eras, so governance can cancel a wrong one before stake unbonds.
		pub const SLASH_DEFER_ERAS: u32 = 27;
		/// A referendum's preparation before it may be decided.
		pub const REFERENDUM_PREPARE: BlockNumber = 2 * HOURS;
		/// The longest a referendum is decided.
		pub const REFERENDUM_DECISION: BlockNumber = 7 * DAYS;
		/// How long a passing referendum must keep passing.
		pub const REFERENDUM_CONFIRM: BlockNumber = DAYS;
		/// The least time between approval and enactment.
		pub const REFERENDUM_ENACTMENT: BlockNumber = DAYS;
		/// A referendum without a decision deposit is dropped after this.
		pub const REFERENDUM_UNDECIDED: BlockNumber = 14 * DAYS;
		/// A vote with conviction 1x locks its funds this long after the referendum ends.
		pub const VOTE_LOCKING: BlockNumber = 7 * DAYS;
		/// How often a referendum is re-examined while its curves move.
		pub const REFERENDUM_ALARM: BlockNumber = MINUTES;
	}

	/// The periods of a network.
	#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo, MaxEncodedLen)]
	#[derive(serde::Serialize, serde::Deserialize)]
	#[serde(rename_all = "camelCase", deny_unknown_fields)]
	pub struct Periods {
		/// Blocks (slots) per BABE epoch; a session is one epoch.
		pub epoch_blocks: u32,
		/// Sessions per staking era.
		pub sessions_per_era: u32,
		/// Eras before unbonded funds can be withdrawn.
		pub bonding_eras: u32,
		/// Eras a slash waits before it is applied (governance may cancel it meanwhile).
		pub slash_defer_eras: u32,
		/// Blocks of a referendum's preparation.
		pub referendum_prepare: u32,
		/// Most blocks a referendum is decided.
		pub referendum_decision: u32,
		/// Blocks a passing referendum must keep passing.
		pub referendum_confirm: u32,
		/// Least blocks between a referendum's approval and its enactment.
		pub referendum_enactment: u32,
		/// Blocks after which a referendum without a decision deposit is dropped.
		pub referendum_undecided: u32,
		/// Blocks a 1x-conviction vote stays locked after its referendum.
		pub vote_locking: u32,
		/// Blocks between re-examinations of a referendum whose curves move.
		pub referendum_alarm: u32,
	}

	impl Default for Periods {
		fn default() -> Self {
			Self {
				epoch_blocks: public::EPOCH_BLOCKS,
				sessions_per_era: public::SESSIONS_PER_ERA,
				bonding_eras: public::BONDING_ERAS,
				slash_defer_eras: public::SLASH_DEFER_ERAS,
				referendum_prepare: public::REFERENDUM_PREPARE,
				referendum_decision: public::REFERENDUM_DECISION,
				referendum_confirm: public::REFERENDUM_CONFIRM,
				referendum_enactment: public::REFERENDUM_ENACTMENT,
				referendum_undecided: public::REFERENDUM_UNDECIDED,
				vote_locking: public::VOTE_LOCKING,
				referendum_alarm: public::REFERENDUM_ALARM,
			}
		}
	}

	impl Periods {
		/// Short periods for development and test networks: 25-second sessions, 50-second eras,
		/// referendums decided in about a minute.
		pub fn testing() -> Self {
			Self {
				epoch_blocks: 10,
				sessions_per_era: 2,
				bonding_eras: 2,
				slash_defer_eras: 1,
				referendum_prepare: 2,
				referendum_decision: 40,
				referendum_confirm: 2,
				referendum_enactment: 2,
				referendum_undecided: 80,
				vote_locking: 10,
				referendum_alarm: 1,
			}
		}

		/// Why these periods cannot work, if they cannot.
		pub fn check(&self) -> Result<(), &'static str> {
			if self.epoch_blocks < 4 {
				return Err("an epoch needs at least 4 blocks")
			}
			if self.sessions_per_era == 0 {
				return Err("an era needs at least one session")
			}
			if self.slash_defer_eras >= self.bonding_eras {
				return Err("slashes must be applied before bonded funds unbond")
			}
			if [self.referendum_decision, self.referendum_confirm, self.referendum_alarm].contains(&0) {
				return Err("referendum periods must be positive")
			}
			Ok(())
		}
	}

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// Only what every pallet needs: this one has no configuration of its own.
	#[pallet::config]
	pub trait Config: frame_system::Config {}

	/// The network's periods, set at genesis.
	#[pallet::storage]
	pub type NetworkPeriods<T> = StorageValue<_, Periods, ValueQuery>;

	/// The public network's epoch length.
	pub struct PublicEpochBlocks;
	impl Get<u32> for PublicEpochBlocks {
		fn get() -> u32 {
			public::EPOCH_BLOCKS
		}
	}

	/// Blocks (slots) per BABE epoch, set at genesis and never changed: BABE's epoch length.
	#[pallet::storage]
	pub type EpochBlocks<T> = StorageValue<_, u32, ValueQuery, PublicEpochBlocks>;

	/// Whether a chain with a single authority trusts it with the inference pallet's randomness
	/// (a seed in every block): set only by the development preset.
	#[pallet::storage]
	pub type TrustSoleAuthority<T> = StorageValue<_, bool, ValueQuery>;

	/// The network's constants.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The periods (the public network's by default).
		pub periods: Periods,
		/// Whether a single authority is trusted with the randomness (development chains only).
		pub trust_sole_authority: bool,
		#[serde(skip)]
		#[doc(hidden)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			self.periods.check().expect("the genesis periods are consistent");
			NetworkPeriods::<T>::put(self.periods.clone());
			EpochBlocks::<T>::put(self.periods.epoch_blocks);
			TrustSoleAuthority::<T>::put(self.trust_sole_authority);
		}
	}
}
