//! Thousands of random calls and block advances from a fixed seed, with adversarial bursts
//! (create-and-cancel spam, joins into full pools, forgetting reputations). After every step the
//! invariants hold and a failed call has changed nothing; once every deadline has passed, no
//! task is left unsettled.

use super::*;
use rand::{rngs::SmallRng, Rng, SeedableRng};

const MODELS: [ModelId; 3] = [DIGITS, VAD, HASHER];

/// The "true" result of a task: what honest nodes compute.
fn honest_result(id: TaskId) -> Vec<u8> {
	vec![(id % 7) as u8, 0, 0, 0]
}

/// A call that, when it fails, must leave the state exactly as it was.
fn checked<R, E>(call: impl FnOnce() -> Result<R, E>) -> bool {
	let before = sp_io::storage::root(sp_runtime::StateVersion::V1);
	match call() {
		Ok(_) => true,
		Err(_) => {
			assert_eq!(before, sp_io::storage::root(sp_runtime::StateVersion::V1), "a failed call changed state");
			false
		},
	}
}

fn random_models(rng: &mut SmallRng) -> Vec<ModelId> {
	let mut models: Vec<ModelId> = MODELS.iter().copied().filter(|_| rng.gen_bool(0.6)).collect();
	if rng.gen_bool(0.05) {
		models.push(DIGITS); // sometimes a duplicate
	}
	models
}

/// One random step by a random actor.
fn step(rng: &mut SmallRng, successes: &mut u32) {
	let node: AccountId = rng.gen_range(10..=25);
	let creator: AccountId = rng.gen_range(1..=9);
	let next = NextTaskId::<Test>::get();
	let some_task: TaskId = if next == 0 { 0 } else { rng.gen_range(0..next + 1) };
	let ok = match rng.gen_range(0..100) {
		0..=7 => checked(|| {
			Inference::join(
				signed(node),
				rng.gen_range(MIN_STAKE - 100..2 * MIN_STAKE),
				random_models(rng),
				rng.gen_range(0..=5),
			)
		}),
		8..=9 => checked(|| {
			Inference::update_node(signed(node), random_models(rng), rng.gen_range(0..=5))
				.map(|_| ())
				.map_err(|e| e.error)
		}),
		10..=11 => checked(|| Inference::pause(signed(node)).map(|_| ()).map_err(|e| e.error)),
		12..=14 => checked(|| Inference::resume(signed(node)).map(|_| ()).map_err(|e| e.error)),
		15..=16 => checked(|| Inference::leave(signed(node)).map(|_| ()).map_err(|e| e.error)),
		17 => checked(|| Inference::add_stake(signed(node), rng.gen_range(1..500)).map(|_| ()).map_err(|e| e.error)),
		96 => {
			// A burst of tasks at rising fees: the queue fills and evicts.
			let model = MODELS[rng.gen_range(0..3)];
			for fee in MIN_FEE..MIN_FEE + rng.gen_range(3..9) {
				checked(|| Inference::create_task(signed(creator), model, input_for(model), fee, Some(1)));
			}
			true
		},
		97 => {
			// Spam: a burst of tasks created and cancelled at once.
			for _ in 0..rng.gen_range(1..6) {
				let model = MODELS[rng.gen_range(0..3)];
				let created = checked(|| Inference::create_task(signed(creator), model, input_for(model), MIN_FEE, Some(1)));
				if created {
					let id = NextTaskId::<Test>::get() - 1;
					assert!(checked(|| Inference::cancel_task(signed(creator), id)));
				}
			}
			true
		},
		98 => checked(|| {
			let who = rng.gen_range(10..=25);
			Inference::forget_reputation(signed(creator), who).map(|_| ()).map_err(|e| e.error)
		}),
		18..=39 => {
			let model = MODELS[rng.gen_range(0..3)];
			let mut input = input_for(model);
			if rng.gen_bool(0.05) {
				input.push(0);
			}
			let r = match rng.gen_range(0..20) {
				0 => Some(0),
				1 => Some(6),
				2..=9 => None,
				_ => Some(rng.gen_range(1..=5)),
			};
			let fee = rng.gen_range(MIN_FEE - 2..200);
			if rng.gen_bool(0.25) {
				let permille = [0, 50, 300, 700, 1000, 1001][rng.gen_range(0..6)];
				checked(|| Inference::create_sampled_task(signed(creator), model, input, fee, permille))
			} else {
				checked(|| Inference::create_task(signed(creator), model, input, fee, r))
			}
		},
		40..=41 => {
			// Mostly a creator cancelling its own queued task; sometimes someone else's.
			let queued = Queue::<Test>::get();
			let (who, id) = match queued.first() {
				Some(e) if rng.gen_bool(0.7) => (task(e.task).creator, e.task),
				_ => (creator, some_task),
			};
			checked(|| Inference::cancel_task(signed(who), id))
		},
		42..=79 => {
			// A busy node works on one of its tasks: honest or lying.
			let busy: Vec<AccountId> = NodeTasks::<Test>::iter_keys().collect();
			let node = if busy.is_empty() { node } else { busy[rng.gen_range(0..busy.len())] };
			let tasks = NodeTasks::<Test>::get(node);
			match tasks.first().copied().and_then(|id| Tasks::<Test>::get(id).map(|t| (id, t))) {
				Some((id, t)) if t.phase == Phase::Commit => {
					let result =
						if rng.gen_bool(0.8) { honest_result(id) } else { vec![rng.gen(), 1, 2, 3] };
					checked(|| {
						Inference::commit(signed(node), id, commitment_of(id, node, &result))
							.map(|_| ())
							.map_err(|e| e.error)
					})
				},
				Some((id, t)) if t.phase == Phase::Reveal && rng.gen_bool(0.9) => {
					// It reveals what it (most likely) committed to; sometimes it lies.
					let result = if rng.gen_bool(0.9) { honest_result(id) } else { vec![42] };
					checked(|| reveal(id, node, &result).map(|_| ()).map_err(|e| e.error))
				},
				_ => checked(|| {
					Inference::commit(signed(node), some_task, H256::repeat_byte(rng.gen()))
						.map(|_| ())
						.map_err(|e| e.error)
				}),
			}
		},
		_ => {
			advance(rng.gen_range(1..=3));
			true
		},
	};
	if ok {
		*successes += 1;
	}
}

#[test]
fn random_calls_keep_the_invariants_and_every_task_settles() {
	ExtBuilder::default().build_and_execute(|| {
		let mut rng = SmallRng::seed_from_u64(0xdea1);
		let mut successes = 0;
		for _ in 0..3_000 {
			step(&mut rng, &mut successes);
			check_invariants();
		}
		let created = NextTaskId::<Test>::get();
		let completed = inference_events()
			.iter()
			.filter(|e| matches!(e, Event::TaskCompleted { .. }))
			.count();
		let slashed = inference_events().iter().filter(|e| matches!(e, Event::NodeSlashed { .. })).count();
		let failed = inference_events().iter().filter(|e| matches!(e, Event::TaskFailed { .. })).count();
		println!("created {created}, completed {completed}, failed {failed}, slashed {slashed}, successes {successes}");
		// The run is meaningful: many tasks, completions, slashes, and every kind of failure.
		assert!(created > 150, "only {created} tasks created");
		assert!(completed > 15, "only {completed} tasks completed");
		for reason in [
			FailReason::QueueTimeout,
			FailReason::Evicted,
			FailReason::Cancelled,
			FailReason::NotEnoughCommits,
			FailReason::NoQuorum,
		] {
			// (NoCheckers needs every other node busy at a decision: not asserted here.)
			assert!(
				inference_events()
					.iter()
					.any(|e| matches!(e, Event::TaskFailed { reason: r, .. } if *r == reason)),
				"no task failed with {reason:?}"
			);
		}
		assert!(slashed > 5, "only {slashed} slashes");
		assert!(successes > 800, "only {successes} successful steps");

		// No more calls: every deadline passes and nothing stays open.
		advance(QUEUE_TIMEOUT + COMMIT_PERIOD + REVEAL_PERIOD + 30);
		check_invariants();
		assert!(Tasks::<Test>::iter().all(|(_, t)| !t.phase.is_open()), "a task is still open");
		assert!(Queue::<Test>::get().is_empty());
		assert_eq!(NodeTasks::<Test>::iter().count(), 0);
		for creator in 1..=9 {
			assert_eq!(held_fee(creator), 0);
		}
		// And after the retention period, finished tasks are pruned.
		advance(RETENTION + 30);
		assert_eq!(Tasks::<Test>::iter().count(), 0);
		assert_eq!(Inputs::<Test>::iter().count(), 0);
		assert_eq!(DeadlinePages::<Test>::iter().count(), 0);
	});
}
