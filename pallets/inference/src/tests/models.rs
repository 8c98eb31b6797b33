//! Model registration and removal.

use super::*;
use deai_primitives::{Comparison, ElementType, OutputEncoding};
use frame_support::{assert_noop, traits::fungible::InspectHold};

const NEW: ModelId = [0x77; 32];

fn register(who: AccountId, shape: Vec<u32>, output: OutputEncoding) -> frame_support::dispatch::DispatchResult {
	Inference::register_model(
		signed(who),
		NEW,
		b"new".to_vec(),
		ElementType::F32,
		shape,
		vec![],
		vec![],
		output,
		Comparison::Exact,
	)
}

fn register_as(who: AccountId, id: ModelId) -> frame_support::dispatch::DispatchResult {
	Inference::register_model(
		signed(who),
		id,
		vec![],
		ElementType::U8,
		vec![4],
		vec![],
		vec![],
		OutputEncoding::Argmax,
		Comparison::Exact,
	)
}

#[test]
fn genesis_models_are_registered_without_owner() {
	ExtBuilder::default().build_and_execute(|| {
		let m = Models::<Test>::get(DIGITS).unwrap();
		assert_eq!(m.owner, None);
		assert_eq!(m.deposit, 0);
		assert_eq!(m.spec.input_len(), Some(4));
		assert_eq!(Models::<Test>::get(VAD).unwrap().spec.method.to_vec(), b"audio_forward".to_vec());
	});
}

#[test]
fn register_holds_deposit_and_remove_returns_it() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(register(1, vec![1, 8], OutputEncoding::Argmax));
		assert_eq!(Balances::balance_on_hold(&HoldReason::ModelDeposit.into(), &1), MODEL_DEPOSIT);
		assert_eq!(free(1), ENDOWMENT - MODEL_DEPOSIT);
		assert_eq!(Models::<Test>::get(NEW).unwrap().spec.input_len(), Some(32));
		assert!(emitted(Event::ModelRegistered { model: NEW, owner: 1 }));

		assert_noop!(Inference::remove_model(signed(2), NEW), Error::<Test>::NotModelOwner);
		assert_ok!(Inference::remove_model(signed(1), NEW));
		assert_eq!(free(1), ENDOWMENT);
		assert!(!Models::<Test>::contains_key(NEW));
		assert!(emitted(Event::ModelRemoved { model: NEW }));
	});
}

#[test]
fn bad_model_specs_are_refused_with_named_errors() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(register(1, vec![], OutputEncoding::Argmax), Error::<Test>::BadShape);
		assert_noop!(register(1, vec![2, 0], OutputEncoding::Argmax), Error::<Test>::BadShape);
		assert_noop!(register(1, vec![1, 1, 1, 1, 1], OutputEncoding::Argmax), Error::<Test>::BadShape);
		// 17 f32 values = 68 bytes > MaxInputLen (64); and an overflowing shape.
		assert_noop!(register(1, vec![17], OutputEncoding::Argmax), Error::<Test>::ShapeTooLarge);
		assert_noop!(
			register(1, vec![u32::MAX, u32::MAX], OutputEncoding::Argmax),
			Error::<Test>::ShapeTooLarge
		);
		assert_noop!(register(1, vec![4], OutputEncoding::TopK { k: 0 }), Error::<Test>::BadOutputEncoding);
		// 9 indices = 36 bytes > MaxResultLen (32).
		assert_noop!(register(1, vec![4], OutputEncoding::TopK { k: 9 }), Error::<Test>::BadOutputEncoding);
		assert_noop!(
			register(1, vec![4], OutputEncoding::FixedPoint { scale: 0 }),
			Error::<Test>::BadOutputEncoding
		);
		let call = |name: Vec<u8>, method: Vec<u8>, args: Vec<i64>| {
			Inference::register_model(
				signed(1),
				NEW,
				name,
				ElementType::U8,
				vec![4],
				method,
				args,
				OutputEncoding::Argmax,
				Comparison::Exact,
			)
		};
		assert_noop!(call(vec![b'x'; 17], vec![], vec![]), Error::<Test>::NameTooLong);
		assert_noop!(call(vec![], vec![b'm'; 33], vec![]), Error::<Test>::BadInvocation);
		assert_noop!(call(vec![], vec![], vec![1, 2, 3, 4, 5]), Error::<Test>::BadInvocation);
	});
}

#[test]
fn duplicate_and_unfunded_registrations_are_refused() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(register(1, vec![4], OutputEncoding::Argmax));
		assert_noop!(register(2, vec![4], OutputEncoding::Argmax), Error::<Test>::ModelExists);
		// Account 500 has no funds.
		assert_noop!(register_as(500, [0x78; 32]), Error::<Test>::InsufficientBalance);
	});
}

#[test]
fn a_model_in_use_cannot_be_removed() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(register(1, vec![1], OutputEncoding::Argmax));
		assert_noop!(Inference::remove_model(signed(1), [1; 32]), Error::<Test>::UnknownModel);
		// A node serves it.
		join(10, &[NEW]);
		assert_noop!(Inference::remove_model(signed(1), NEW), Error::<Test>::ModelInUse);
		// A task for it is open (the node is paused, so it waits in the queue).
		let id = create(2, NEW, MIN_FEE, Some(1));
		assert_ok!(Inference::pause(signed(10)));
		assert_ok!(Inference::leave(signed(10)));
		assert_noop!(Inference::remove_model(signed(1), NEW), Error::<Test>::ModelInUse);
		// Once the task ends, the model can go.
		advance(QUEUE_TIMEOUT + 1);
		assert_eq!(phase(id), Phase::Failed(FailReason::QueueTimeout));
		assert_ok!(Inference::remove_model(signed(1), NEW));
	});
}

/// Attack 8 of the v2 review: a comparison so loose that any two results agree would pay lazy
/// nodes for garbage. Such entries are refused at registration.
#[test]
fn comparisons_that_do_not_fit_the_output_are_refused() {
	ExtBuilder::default().build_and_execute(|| {
		let with = |output, comparison| {
			Inference::register_model(
				signed(1),
				NEW,
				vec![],
				ElementType::U8,
				vec![4],
				vec![],
				vec![],
				output,
				comparison,
			)
		};
		let bits = OutputEncoding::Threshold { threshold_ppm: 500_000 };
		let fixed = OutputEncoding::FixedPoint { scale: 10_000 };
		assert_noop!(with(bits, Comparison::Hamming { max_bits: u32::MAX }), Error::<Test>::ComparisonUnfit);
		assert_noop!(with(fixed, Comparison::Tolerance { max_abs: u32::MAX }), Error::<Test>::ComparisonUnfit);
		// Just past the limits: a thousandth of a unit; one bit in eight of the longest result.
		assert_noop!(with(fixed, Comparison::Tolerance { max_abs: 11 }), Error::<Test>::ComparisonUnfit);
		assert_noop!(with(bits, Comparison::Hamming { max_bits: 33 }), Error::<Test>::ComparisonUnfit);
		// A comparison of the wrong kind for the output.
		assert_noop!(with(OutputEncoding::Argmax, Comparison::Tolerance { max_abs: 1 }), Error::<Test>::ComparisonUnfit);
		assert_noop!(with(fixed, Comparison::Hamming { max_bits: 1 }), Error::<Test>::ComparisonUnfit);
		// At the limits they are accepted.
		assert_ok!(with(fixed, Comparison::Tolerance { max_abs: 10 }));
		assert_ok!(Inference::remove_model(signed(1), NEW));
		assert_ok!(with(bits, Comparison::Hamming { max_bits: 32 }));
	});
}

#[test]
fn integrity_test_accepts_the_mock_constants() {
	ExtBuilder::default().build_and_execute(|| {
		<Inference as frame_support::traits::Hooks<u64>>::integrity_test();
	});
}
