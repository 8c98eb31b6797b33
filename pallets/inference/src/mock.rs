//! A mock runtime for the pallet's tests: System, Balances (with holds) and Inference.

use crate::{self as pallet_inference, *};
use codec::Encode;
use deai_primitives::{Comparison, ElementType, OutputEncoding};
use frame_support::{
	derive_impl, parameter_types,
	traits::{
		fungible::{Inspect, InspectHold},
		tokens::imbalance::ResolveTo,
		ConstU32, ConstU64, Hooks, VariantCountOf,
	},
	weights::Weight,
};
use frame_system::RunToBlockHooks;
use sp_core::H256;
use sp_runtime::{BuildStorage, Perbill};

type Block = frame_system::mocking::MockBlock<Test>;
/// Accounts are small integers in the mock.
pub type AccountId = u64;
/// The mock's balance type.
pub type Balance = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Inference: pallet_inference,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type AccountStore = System;
	type ExistentialDeposit = ConstU64<1>;
	type RuntimeHoldReason = RuntimeHoldReason;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
}

/// The account slashed stake goes to.
pub const TREASURY: AccountId = 999;

parameter_types! {
	pub const Treasury: AccountId = TREASURY;
	pub static SlashFraction: Perbill = Perbill::from_percent(10);
	/// Tests of the stake a sampled primary needs set it; none by default.
	pub static MaxCheckerCollusion: Perbill = Perbill::zero();
	/// The input deposit's own tests set it; none by default, so that the other tests' balance
	/// arithmetic is about fees and stakes only.
	pub static InputDepositPerByte: Balance = 0;
}

pub const MODEL_DEPOSIT: Balance = 50;
pub const MIN_STAKE: Balance = 1_000;
pub const STAKE_PER_SLOT: Balance = 250;
pub const MIN_FEE: Balance = 10;
pub const QUEUE_TIMEOUT: u64 = 20;
pub const COMMIT_PERIOD: u64 = 5;
pub const REVEAL_PERIOD: u64 = 5;
pub const RETENTION: u64 = 10;
pub const MAX_QUEUE: u32 = 6;
pub const QUEUED_PER_MODEL: u32 = 4;
pub const BUCKET_SIZE: u32 = 4;
pub const MAX_BUCKETS: u32 = 3;
/// Nodes one model's pool holds (unless a test changes `MaxPoolBuckets`).
pub const POOL_CAPACITY: u32 = BUCKET_SIZE * MAX_BUCKETS;
pub const REPUTATION_FLOOR: u32 = 500;
pub const REPUTATION_PENALTY: u32 = 100;
pub const REPUTATION_REWARD: u32 = 10;
pub const MAX_REPUTATION: u32 = 1000;
pub const INITIAL_REPUTATION: u32 = 600;
pub const RESUME_COOLDOWN: u64 = 8;
pub const REPUTATION_MEMORY: u64 = 30;

parameter_types! {
	/// The hooks' budget: a fifth of the mock block's weight.
	pub static HookWeight: Weight = Weight::from_parts(200_000_000_000, u64::MAX / 5);
	pub static CancellationCharge: Perbill = Perbill::from_percent(10);
	/// Bounds a test may raise (the load test does).
	pub static MaxQueueLen: u32 = MAX_QUEUE;
	pub static MaxQueuedPerModel: u32 = QUEUED_PER_MODEL;
	pub static MaxPoolBuckets: u32 = MAX_BUCKETS;
	/// Four by default; the stake-splitting test raises it.
	pub static MaxCapacity: u32 = 4;
}

impl pallet_inference::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Slashed = ResolveTo<Treasury, Balances>;
	type Entropy = MockEntropy;
	type WeightInfo = ();
	type ModelDeposit = ConstU64<MODEL_DEPOSIT>;
	type MinStake = ConstU64<MIN_STAKE>;
	type MinFeePerNode = ConstU64<MIN_FEE>;
	type InputDepositPerByte = InputDepositPerByte;
	type SlashFraction = SlashFraction;
	type MaxCheckerCollusion = MaxCheckerCollusion;
	type CancellationCharge = CancellationCharge;
	type DefaultRedundancy = ConstU32<3>;
	type MaxRedundancy = ConstU32<5>;
	type MaxInputLen = ConstU32<64>;
	type MaxResultLen = ConstU32<32>;
	type MaxNameLen = ConstU32<16>;
	type MaxShapeDims = ConstU32<4>;
	type MaxModelsPerNode = ConstU32<3>;
	type MaxCapacity = MaxCapacity;
	/// A proven node with `MIN_STAKE` has four slots, a new one (reputation 600) two.
	type StakePerSlot = ConstU64<STAKE_PER_SLOT>;
	type PoolBucketSize = ConstU32<BUCKET_SIZE>;
	type MaxPoolBuckets = MaxPoolBuckets;
	type MaxQueueLen = MaxQueueLen;
	type MaxQueuedPerModel = MaxQueuedPerModel;
	type QueueTimeout = ConstU64<QUEUE_TIMEOUT>;
	type CommitPeriod = ConstU64<COMMIT_PERIOD>;
	type RevealPeriod = ConstU64<REVEAL_PERIOD>;
	type RetentionPeriod = ConstU64<RETENTION>;
	type InitialReputation = ConstU32<INITIAL_REPUTATION>;
	type MaxReputation = ConstU32<MAX_REPUTATION>;
	type ReputationFloor = ConstU32<REPUTATION_FLOOR>;
	type ReputationPenalty = ConstU32<REPUTATION_PENALTY>;
	type ReputationReward = ConstU32<REPUTATION_REWARD>;
	type ResumeCooldown = ConstU64<RESUME_COOLDOWN>;
	type ReputationMemory = ConstU64<REPUTATION_MEMORY>;
	type MaxHookWeight = HookWeight;
}

/// Who authors the mock chain's blocks, and whether they carry VRF outputs.
#[derive(Clone, Debug, PartialEq)]
pub enum Authorship {
	/// One trusted authority authors every block: a block's seed covers the previous block.
	Single,
	/// Authors take turns in this order (by block number), every block a primary slot claim; a
	/// seed needs two authors in a row.
	Rotating(Vec<u8>),
	/// Authors and their kind of claim (`true`: primary) take turns in this order.
	Slots(Vec<(u8, bool)>),
	/// Blocks carry no VRF output: no seed at all.
	NoVrf,
}

std::thread_local! {
	static AUTHORSHIP: core::cell::RefCell<Authorship> = const { core::cell::RefCell::new(Authorship::Single) };
	static VRF_SALT: core::cell::Cell<u64> = const { core::cell::Cell::new(0) };
}

/// Sets who authors the following blocks.
pub fn set_authorship(a: Authorship) {
	AUTHORSHIP.with(|x| *x.borrow_mut() = a);
}

/// Changes every VRF output from now on (another chain with the same blocks and authors).
pub fn set_vrf_salt(salt: u64) {
	VRF_SALT.with(|x| x.set(salt));
}

/// Block `n`'s VRF output, author and kind of claim in the mock.
pub fn vrf_of(n: u64) -> Option<randomness::BlockVrf> {
	let output = sp_io::hashing::blake2_256(&(b"mock-vrf", VRF_SALT.with(|x| x.get()), n).encode());
	let (author, primary) = match AUTHORSHIP.with(|x| x.borrow().clone()) {
		Authorship::Single => (1, true),
		Authorship::Rotating(authors) => (authors[(n as usize) % authors.len()], true),
		Authorship::Slots(slots) => slots[(n as usize) % slots.len()],
		Authorship::NoVrf => return None,
	};
	Some(randomness::BlockVrf { output, author: [author; 32], primary })
}

/// The seed the pallet computes in block `n` of the mock chain (`None`: no random choice).
pub fn seed_at(n: u64) -> Option<randomness::Seed<u64>> {
	let single = AUTHORSHIP.with(|x| *x.borrow() == Authorship::Single);
	randomness::seed_of(n, vrf_of(n - 1), vrf_of(n), single)
}

/// The mock's consensus: VRF outputs and authors as [`set_authorship`] says.
pub struct MockEntropy;

impl randomness::BlockEntropy for MockEntropy {
	fn current() -> Option<randomness::BlockVrf> {
		vrf_of(System::block_number())
	}
	fn trusted_single_authority() -> bool {
		AUTHORSHIP.with(|x| *x.borrow() == Authorship::Single)
	}
}

/// Model ids used by the tests.
pub const DIGITS: ModelId = [0xd1; 32];
pub const VAD: ModelId = [0xa5; 32];
pub const HASHER: ModelId = [0x4a; 32];

/// Funded accounts: creators 1..=9, nodes 10..=99.
pub const ENDOWMENT: Balance = 100_000;

/// A four-byte input model with argmax output (like the digits classifier, smaller).
pub fn digits_model() -> GenesisModel {
	GenesisModel {
		id: DIGITS,
		name: "digits".into(),
		input_type: ElementType::U8,
		input_shape: vec![2, 2],
		method: String::new(),
		extra_args: vec![],
		output: OutputEncoding::Argmax,
		comparison: Comparison::Exact,
	}
}

/// A fixed-point model compared with a tolerance of 5.
pub fn vad_model() -> GenesisModel {
	GenesisModel {
		id: VAD,
		name: "vad".into(),
		input_type: ElementType::F32,
		input_shape: vec![2],
		method: "audio_forward".into(),
		extra_args: vec![16_000],
		output: OutputEncoding::FixedPoint { scale: 10_000 },
		comparison: Comparison::Tolerance { max_abs: 5 },
	}
}

/// A bit-string model compared by Hamming distance of 2 (which needs results of at least two
/// bytes: never more than one bit in eight may differ).
pub fn hasher_model() -> GenesisModel {
	GenesisModel {
		id: HASHER,
		name: "hasher".into(),
		input_type: ElementType::I16,
		input_shape: vec![2],
		method: String::new(),
		extra_args: vec![],
		output: OutputEncoding::Threshold { threshold_ppm: 500_000 },
		comparison: Comparison::Hamming { max_bits: 2 },
	}
}

/// Builds the test state and checks the invariants after the test.
pub struct ExtBuilder {
	models: Vec<GenesisModel>,
}

impl Default for ExtBuilder {
	fn default() -> Self {
		Self { models: vec![digits_model(), vad_model(), hasher_model()] }
	}
}

impl ExtBuilder {
	/// The test externalities, at block 1.
	pub fn build(self) -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		let mut balances: Vec<(AccountId, Balance)> =
			(1..=99).map(|who| (who, ENDOWMENT)).collect();
		balances.push((TREASURY, 1));
		pallet_balances::GenesisConfig::<Test> { balances, ..Default::default() }
			.assimilate_storage(&mut storage)
			.unwrap();
		pallet_inference::GenesisConfig::<Test> { models: self.models, _config: Default::default() }
			.assimilate_storage(&mut storage)
			.unwrap();
		set_authorship(Authorship::Single);
		set_vrf_salt(0);
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| {
			System::set_block_number(1);
			System::set_parent_hash(parent_hash_of(1));
		});
		ext
	}

	/// Runs `test`, then checks the invariants and that no funds were created or destroyed.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			let issuance = Balances::total_issuance();
			test();
			check_invariants();
			assert_eq!(Balances::total_issuance(), issuance, "funds were minted or burned");
		})
	}
}

/// A distinct, deterministic parent hash for each block of the mock chain.
pub fn parent_hash_of(n: u64) -> H256 {
	H256(sp_io::hashing::blake2_256(&(b"mock-parent", n).encode()))
}

/// The pallet's invariants, plus: no account holds anything the pallet does not account for.
pub fn check_invariants() {
	Inference::do_try_state().expect("invariants hold");
	let stake_reason: RuntimeHoldReason = HoldReason::NodeStake.into();
	for (who, holds) in pallet_balances::Holds::<Test>::iter() {
		for hold in holds.iter() {
			if hold.id == stake_reason {
				assert!(Nodes::<Test>::contains_key(who), "account {who} holds stake but is no node");
			}
		}
		let total: Balance = holds.iter().map(|h| h.amount).sum();
		assert_eq!(Balances::total_balance_on_hold(&who), total);
	}
	let fee_reason: RuntimeHoldReason = HoldReason::TaskFee.into();
	let held_fees: Balance = pallet_balances::Holds::<Test>::iter()
		.flat_map(|(_, holds)| holds.into_iter())
		.filter(|h| h.id == fee_reason)
		.map(|h| h.amount)
		.sum();
	let recorded: Balance = Tasks::<Test>::iter().map(|(_, t)| t.held_fee).sum();
	assert_eq!(held_fees, recorded, "held task fees differ from the tasks' records");
	let deposit_reason: RuntimeHoldReason = HoldReason::InputDeposit.into();
	let held_deposits: Balance = pallet_balances::Holds::<Test>::iter()
		.flat_map(|(_, holds)| holds.into_iter())
		.filter(|h| h.id == deposit_reason)
		.map(|h| h.amount)
		.sum();
	let recorded: Balance = Tasks::<Test>::iter().map(|(_, t)| t.input_deposit).sum();
	assert_eq!(held_deposits, recorded, "held input deposits differ from the tasks' records");
}

/// Advances to block `n`, running the pallet's hooks, with a fresh parent hash each block.
pub fn run_to_block(n: u64) {
	System::run_to_block_with::<AllPalletsWithSystem>(
		n,
		RunToBlockHooks::default().before_initialize(|bn| System::set_parent_hash(parent_hash_of(bn))),
	);
}

/// Advances `k` blocks.
pub fn advance(k: u64) {
	run_to_block(System::block_number() + k);
}

/// The pallet's events so far (System keeps them until the test ends).
pub fn inference_events() -> Vec<pallet_inference::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::Inference(e) = r.event { Some(e) } else { None })
		.collect()
}

/// Free balance of `who`.
pub fn free(who: AccountId) -> Balance {
	Balances::balance(&who)
}

/// The stake held from `who`.
pub fn held_stake(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::NodeStake.into(), &who)
}

/// The task fees held from `who`.
pub fn held_fee(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::TaskFee.into(), &who)
}

/// The mock's database weights.
pub fn db() -> frame_support::weights::RuntimeDbWeight {
	<<Test as frame_system::Config>::DbWeight as frame_support::traits::Get<_>>::get()
}

/// Keeps the pallet's `Hooks` trait in scope for tests calling hooks directly.
pub fn on_initialize(n: u64) -> frame_support::weights::Weight {
	<Inference as Hooks<u64>>::on_initialize(n)
}
