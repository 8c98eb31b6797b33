//! Consensus at the runtime level, with blocks carrying real BABE pre-digests signed by the
//! development keys: equivocations (BABE and GRANDPA) become offences and slashes, eras elect
//! validators, and the inference pallet draws from the VRF outputs of blocks by different
//! authors.

use codec::Encode;
use deai_runtime::{
	genesis_config_presets::{dev_validator, testnet_genesis, VALIDATOR_BOND},
	*,
};
use frame_support::traits::{fungible::Inspect, KeyOwnerProofSystem};
use sp_consensus_babe::{
	digests::{CompatibleDigestItem, PreDigest, SecondaryVRFPreDigest},
	AuthorityPair as BabePair, Slot,
};
use sp_core::{crypto::VrfSecret, Pair, H256};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};
use sp_runtime::{traits::Header as _, Digest, DigestItem};

/// The four validators of these tests.
const VALIDATORS: [(Sr25519Keyring, Ed25519Keyring); 4] = [
	(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
	(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
	(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
	(Sr25519Keyring::Dave, Ed25519Keyring::Dave),
];

/// The genesis of a four-validator test network (short periods, no sudo key).
fn four_validators() -> sp_io::TestExternalities {
	let patch = testnet_genesis(
		VALIDATORS.iter().map(|(s, e)| dev_validator(*s, *e)).collect(),
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
		None,
	);
	super::genesis_ext(&patch)
}

/// Produces blocks of a test chain in the externalities: each block is initialized with a BABE
/// secondary-VRF pre-digest by its author, gets its timestamp inherent, and is finalized.
struct Chain {
	slot: u64,
	parent: H256,
}

impl Chain {
	fn new() -> Self {
		Self { slot: 1_000, parent: frame_system::Pallet::<Runtime>::block_hash(0) }
	}

	/// The BABE authority index of `who` in the current epoch.
	fn index_of(who: Sr25519Keyring) -> u32 {
		let key: sp_consensus_babe::AuthorityId = who.public().into();
		pallet_babe::Authorities::<Runtime>::get()
			.iter()
			.position(|(k, _)| *k == key)
			.expect("a current authority") as u32
	}

	/// Finalizes the open block (if any) and opens the next one, authored by `author` as the
	/// slot's primary leader.
	fn next_block(&mut self, author: Sr25519Keyring) {
		self.next_block_claimed(author, true)
	}

	/// As [`Self::next_block`], with a primary or a secondary slot claim.
	fn next_block_claimed(&mut self, author: Sr25519Keyring, primary: bool) {
		if frame_system::Pallet::<Runtime>::block_number() > 0 {
			self.parent = Executive::finalize_block().hash();
		}
		self.slot += 1;
		let slot = Slot::from(self.slot);
		let pair: BabePair = author.pair().into();
		let sign_data =
			sp_consensus_babe::make_vrf_sign_data(&pallet_babe::Randomness::<Runtime>::get(), slot, Babe::epoch_index());
		let (authority_index, vrf_signature) = (Self::index_of(author), pair.as_ref().vrf_sign(&sign_data));
		let pre = if primary {
			PreDigest::Primary(sp_consensus_babe::digests::PrimaryPreDigest { authority_index, slot, vrf_signature })
		} else {
			PreDigest::SecondaryVRF(SecondaryVRFPreDigest { authority_index, slot, vrf_signature })
		};
		let number = frame_system::Pallet::<Runtime>::block_number() + 1;
		let digest = Digest { logs: vec![DigestItem::babe_pre_digest(pre)] };
		let header = Header::new(number, Default::default(), Default::default(), self.parent, digest);
		Executive::initialize_block(&header);
		pallet_timestamp::Pallet::<Runtime>::set(RuntimeOrigin::none(), self.slot * SLOT_DURATION).unwrap();
	}

	/// Produces `n` blocks, the validators not disabled taking turns.
	fn blocks(&mut self, n: u32) {
		for _ in 0..n {
			let disabled: Vec<u32> =
				pallet_session::DisabledValidators::<Runtime>::get().iter().map(|(i, _)| *i).collect();
			let authors: Vec<Sr25519Keyring> = VALIDATORS
				.iter()
				.map(|(s, _)| *s)
				.filter(|s| !disabled.contains(&Self::index_of(*s)))
				.collect();
			let author = authors[(self.slot as usize) % authors.len()];
			self.next_block(author);
		}
	}

	/// Produces blocks until the active era is `era`.
	fn until_era(&mut self, era: u32) {
		for _ in 0..1_000 {
			if pallet_staking::ActiveEra::<Runtime>::get().is_some_and(|e| e.index >= era) {
				return
			}
			self.blocks(1);
		}
		panic!("era {era} never came");
	}
}

/// Two different headers for one slot, both sealed by `offender`: a BABE equivocation.
fn babe_equivocation(offender: Sr25519Keyring, slot: u64) -> sp_consensus_babe::EquivocationProof<Header> {
	let pair: BabePair = offender.pair().into();
	let header = |salt: u8| {
		let pre = PreDigest::SecondaryPlain(sp_consensus_babe::digests::SecondaryPlainPreDigest {
			authority_index: Chain::index_of(offender),
			slot: slot.into(),
		});
		let digest = Digest { logs: vec![DigestItem::babe_pre_digest(pre)] };
		let number = frame_system::Pallet::<Runtime>::block_number();
		let mut h = Header::new(number, Default::default(), H256::repeat_byte(salt), Default::default(), digest);
		let seal = pair.sign(h.hash().as_ref());
		h.digest_mut().push(DigestItem::babe_seal(seal));
		h
	};
	sp_consensus_babe::EquivocationProof {
		offender: pair.public(),
		slot: slot.into(),
		first_header: header(1),
		second_header: header(2),
	}
}

/// Two prevotes for different blocks in one round, both signed by `offender`: a GRANDPA
/// equivocation.
fn grandpa_equivocation(offender: Ed25519Keyring) -> sp_consensus_grandpa::EquivocationProof<H256, BlockNumber> {
	let set_id = Grandpa::current_set_id();
	let round = 1;
	let prevote = |target: u8| {
		let vote = finality_grandpa::Prevote { target_hash: H256::repeat_byte(target), target_number: 1 };
		let payload =
			sp_consensus_grandpa::localized_payload(round, set_id, &finality_grandpa::Message::Prevote(vote.clone()));
		(vote, offender.sign(&payload).into())
	};
	sp_consensus_grandpa::EquivocationProof::new(
		set_id,
		sp_consensus_grandpa::Equivocation::Prevote(finality_grandpa::Equivocation {
			round_number: round,
			identity: offender.public().into(),
			first: prevote(1),
			second: prevote(2),
		}),
	)
}

/// The active bonded stake of `who`.
fn bonded(who: Sr25519Keyring) -> Balance {
	pallet_staking::Ledger::<Runtime>::get(who.to_account_id()).expect("bonded").active
}

/// Whether an `Offences::Offence` event of `kind` was deposited.
fn offence_reported(kind: &[u8; 16]) -> bool {
	frame_system::Pallet::<Runtime>::events().iter().any(|r| {
		matches!(&r.event, RuntimeEvent::Offences(pallet_offences::Event::Offence { kind: k, .. }) if k == kind)
	})
}

/// After the offence, the offender is disabled at once, and its slash lands when the deferral
/// ends: its bond shrinks and the treasury receives the slashed funds.
fn assert_slashed_after_deferral(chain: &mut Chain, offender: Sr25519Keyring) {
	let treasury_before = Balances::balance(&configs::TreasuryAccount::get());
	assert_eq!(bonded(offender), VALIDATOR_BOND, "nothing is slashed before the deferral ends");
	let era = pallet_staking::ActiveEra::<Runtime>::get().unwrap().index;
	let defer = timing::NetworkPeriods::<Runtime>::get().slash_defer_eras;
	chain.until_era(era + defer + 1);
	chain.blocks(3);
	assert!(bonded(offender) < VALIDATOR_BOND, "the offender's bond was slashed");
	assert!(Balances::balance(&configs::TreasuryAccount::get()) > treasury_before, "the treasury got the slash");
	for (other, _) in VALIDATORS.iter().filter(|(v, _)| *v != offender) {
		assert_eq!(bonded(*other), VALIDATOR_BOND, "{other:?} was not slashed");
	}
}

#[test]
fn a_babe_equivocation_is_reported_with_a_key_ownership_proof_and_slashed() {
	four_validators().execute_with(|| {
		let mut chain = Chain::new();
		chain.blocks(3);
		// The open block is Alice's: the offender is disabled at once and must not author it.
		chain.next_block(Sr25519Keyring::Alice);
		let offender = Sr25519Keyring::Charlie;
		let proof = babe_equivocation(offender, chain.slot);
		let key: sp_consensus_babe::AuthorityId = offender.public().into();
		let ownership = Historical::prove((sp_consensus_babe::KEY_TYPE, key)).expect("a current validator's key");
		Babe::report_equivocation_unsigned(RuntimeOrigin::none(), Box::new(proof.clone()), ownership.clone())
			.expect("a valid report is accepted");
		assert!(offence_reported(b"babe:equivocatio"));
		assert!(
			Babe::report_equivocation_unsigned(RuntimeOrigin::none(), Box::new(proof), ownership).is_err(),
			"the same offence is not reported twice"
		);
		chain.blocks(2);
		assert_slashed_after_deferral(&mut chain, offender);
	});
}

#[test]
fn a_grandpa_equivocation_is_reported_with_a_key_ownership_proof_and_slashed() {
	four_validators().execute_with(|| {
		let mut chain = Chain::new();
		chain.blocks(3);
		chain.next_block(Sr25519Keyring::Alice);
		let proof = grandpa_equivocation(Ed25519Keyring::Bob);
		let key: sp_consensus_grandpa::AuthorityId = Ed25519Keyring::Bob.public().into();
		let ownership = Historical::prove((sp_consensus_grandpa::KEY_TYPE, key)).expect("a current voter's key");
		Grandpa::report_equivocation_unsigned(RuntimeOrigin::none(), Box::new(proof), ownership)
			.expect("a valid report is accepted");
		assert!(offence_reported(b"grandpa:equivoca"));
		chain.blocks(2);
		assert_slashed_after_deferral(&mut chain, Sr25519Keyring::Bob);
	});
}

#[test]
fn an_invalid_equivocation_report_is_refused_and_changes_nothing() {
	four_validators().execute_with(|| {
		let mut chain = Chain::new();
		chain.blocks(3);
		// Both headers sealed by Charlie, but the proof names Dave.
		let mut proof = babe_equivocation(Sr25519Keyring::Charlie, chain.slot);
		proof.offender = Sr25519Keyring::Dave.public().into();
		let key: sp_consensus_babe::AuthorityId = Sr25519Keyring::Dave.public().into();
		let ownership = Historical::prove((sp_consensus_babe::KEY_TYPE, key)).unwrap();
		assert!(Babe::report_equivocation_unsigned(RuntimeOrigin::none(), Box::new(proof), ownership).is_err());
		assert!(!offence_reported(b"babe:equivocatio"));
	});
}

#[test]
fn validators_are_elected_by_stake_each_era() {
	four_validators().execute_with(|| {
		let mut chain = Chain::new();
		chain.blocks(1);
		assert_eq!(pallet_session::Validators::<Runtime>::get().len(), 4);
		// A fifth account bonds, sets keys and validates; it is elected for a later era.
		let eve = Sr25519Keyring::Eve;
		let origin = || RuntimeOrigin::signed(eve.to_account_id());
		Staking::bond(origin(), 5_000 * UNIT, pallet_staking::RewardDestination::Staked).unwrap();
		let keys = SessionKeys { babe: eve.public().into(), grandpa: Ed25519Keyring::Eve.public().into() };
		// Each key signs the account (proof of possession), as `author_rotateKeysWithOwner` does.
		let statement = [b"POP_".as_slice(), &eve.to_account_id().encode()].concat();
		let proof = (eve.sign(&statement), Ed25519Keyring::Eve.sign(&statement)).encode();
		assert!(Session::set_keys(origin(), keys.clone(), vec![]).is_err(), "keys without a proof are refused");
		Session::set_keys(origin(), keys, proof).unwrap();
		Staking::validate(origin(), Default::default()).unwrap();
		let era = pallet_staking::ActiveEra::<Runtime>::get().unwrap().index;
		chain.until_era(era + 2);
		assert!(pallet_session::Validators::<Runtime>::get().contains(&eve.to_account_id()), "elected");
		// An account below the minimum bond cannot validate.
		let ferdie = || RuntimeOrigin::signed(Sr25519Keyring::Ferdie.to_account_id());
		Staking::bond(ferdie(), 10 * UNIT, pallet_staking::RewardDestination::Staked).unwrap();
		assert!(Staking::validate(ferdie(), Default::default()).is_err());
	});
}

/// The inference pallet reads the VRF output of each block's real BABE pre-digest: with
/// alternating authors a task is drawn two blocks after its inclusion, and a block whose author
/// also made its parent draws nothing.
#[test]
fn inference_draws_from_the_vrf_outputs_of_two_blocks_by_different_authors() {
	four_validators().execute_with(|| {
		let mut chain = Chain::new();
		chain.blocks(2);
		let digits = genesis_config_presets::DIGITS_MLP_ID;
		// Six new nodes (on probation: one task at a time each), enough for two tasks of three.
		for node in [
			Sr25519Keyring::Ferdie,
			Sr25519Keyring::Eve,
			Sr25519Keyring::FerdieStash,
			Sr25519Keyring::EveStash,
			Sr25519Keyring::DaveStash,
			Sr25519Keyring::CharlieStash,
		] {
			Inference::join(RuntimeOrigin::signed(node.to_account_id()), 1_000 * UNIT, vec![digits], 2).unwrap();
		}
		let phase = |id| Inference::task_view(id).unwrap().phase;
		let create = || {
			let id = pallet_inference::NextTaskId::<Runtime>::get();
			Inference::create_task(RuntimeOrigin::signed(Sr25519Keyring::Alice.to_account_id()), digits, vec![1; 64], UNIT, None)
				.unwrap();
			id
		};
		// Authors are told apart by their validator accounts.
		let author_id = |who: Sr25519Keyring| sp_io::hashing::blake2_256(&who.to_account_id().encode());
		let last = pallet_inference::LastBlockVrf::<Runtime>::get().expect("every block carries a VRF output");
		assert_ne!(last.author, author_id(Sr25519Keyring::Alice), "the previous author is not Alice");
		assert!(!pallet_inference::LastBlockVrf::<Runtime>::get().is_some_and(|v| v.author == [0; 32]));

		// Alternating authors: drawn two blocks after inclusion.
		chain.next_block(Sr25519Keyring::Alice);
		let id = create();
		chain.next_block(Sr25519Keyring::Bob);
		assert_eq!(phase(id), pallet_inference::Phase::Queued, "the next block's seed does not cover it");
		chain.next_block(Sr25519Keyring::Alice);
		assert_eq!(phase(id), pallet_inference::Phase::Commit, "drawn in the second block after it");

		// One author twice in a row brings no seed: the task waits for another author.
		let id = create();
		chain.next_block(Sr25519Keyring::Bob);
		chain.next_block(Sr25519Keyring::Bob);
		assert_eq!(phase(id), pallet_inference::Phase::Queued, "Bob made both blocks");
		assert_eq!(pallet_inference::LastBlockVrf::<Runtime>::get().unwrap().author, author_id(Sr25519Keyring::Bob));
		chain.next_block(Sr25519Keyring::Charlie);
		assert_eq!(phase(id), pallet_inference::Phase::Commit);

		// A secondary slot claim can be orphaned by any primary one: the block after it brings
		// no seed.
		let id = create();
		chain.next_block_claimed(Sr25519Keyring::Bob, false);
		assert!(!pallet_inference::LastBlockVrf::<Runtime>::get().unwrap().primary);
		chain.next_block(Sr25519Keyring::Charlie);
		assert_eq!(phase(id), pallet_inference::Phase::Queued, "its parent was a secondary claim");
		chain.next_block(Sr25519Keyring::Dave);
		assert_eq!(phase(id), pallet_inference::Phase::Commit);
	});
}

/// The candidate list is bounded by what the election reads: accounts bonding the minimum cannot
/// push the candidates with the most stake out of the election's snapshot.
#[test]
fn flooding_the_candidate_list_cannot_push_staked_validators_out() {
	use frame_support::traits::fungible::Mutate;
	four_validators().execute_with(|| {
		let mut chain = Chain::new();
		chain.blocks(1);
		let bound = configs::staking::MAX_ELECTABLE_TARGETS;
		assert_eq!(pallet_staking::MaxValidatorsCount::<Runtime>::get(), Some(bound));
		let bond = genesis_config_presets::MIN_VALIDATOR_BOND;
		let flood = |i: u32| {
			let who = AccountId::from(sp_io::hashing::blake2_256(&(b"flood", i).encode()));
			Balances::mint_into(&who, 2 * bond).unwrap();
			let origin = RuntimeOrigin::signed(who);
			Staking::bond(origin.clone(), bond, pallet_staking::RewardDestination::Staked).unwrap();
			Staking::validate(origin, Default::default())
		};
		for i in 0..bound - 4 {
			flood(i).expect("room for candidates up to the bound");
		}
		assert!(flood(bound).is_err(), "no candidate beyond what the election reads");
		let era = pallet_staking::ActiveEra::<Runtime>::get().unwrap().index;
		chain.until_era(era + 2);
		let elected = pallet_session::Validators::<Runtime>::get();
		for (v, _) in VALIDATORS {
			assert!(elected.contains(&v.to_account_id()), "{v:?} has the most stake and stays elected");
		}
	});
}
