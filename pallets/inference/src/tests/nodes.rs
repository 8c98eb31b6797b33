//! Compute nodes: join, update, stake, pause, resume, leave.

use super::*;
use frame_support::assert_noop;

#[test]
fn join_holds_stake_and_lists_the_node_under_its_models() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Inference::join(signed(10), 2 * MIN_STAKE, vec![DIGITS, VAD], 3));
		assert_eq!(held_stake(10), 2 * MIN_STAKE);
		assert_eq!(free(10), ENDOWMENT - 2 * MIN_STAKE);
		let node = Nodes::<Test>::get(10).unwrap();
		assert_eq!((node.capacity, node.reputation, node.status), (3, INITIAL_REPUTATION, NodeStatus::Active));
		assert_eq!(pool_members(DIGITS), vec![10]);
		assert_eq!(pool_members(VAD), vec![10]);
		assert_eq!(NodeCount::<Test>::get(), 1);
		assert!(emitted(Event::NodeJoined {
			node: 10,
			stake: 2 * MIN_STAKE,
			models: vec![DIGITS, VAD],
			capacity: 3,
			reputation: INITIAL_REPUTATION,
		}));
	});
}

#[test]
fn join_refuses_bad_input() {
	ExtBuilder::default().build_and_execute(|| {
		let j = |who, stake, models: Vec<ModelId>, cap| Inference::join(signed(who), stake, models, cap);
		assert_noop!(j(10, MIN_STAKE - 1, vec![DIGITS], 1), Error::<Test>::StakeTooLow);
		assert_noop!(j(10, MIN_STAKE, vec![], 1), Error::<Test>::NoModels);
		assert_noop!(j(10, MIN_STAKE, vec![DIGITS, VAD, HASHER, DIGITS], 1), Error::<Test>::TooManyModels);
		assert_noop!(j(10, MIN_STAKE, vec![DIGITS, DIGITS], 1), Error::<Test>::DuplicateModel);
		assert_noop!(j(10, MIN_STAKE, vec![[3; 32]], 1), Error::<Test>::UnknownModel);
		assert_noop!(j(10, MIN_STAKE, vec![DIGITS], 0), Error::<Test>::BadCapacity);
		assert_noop!(j(10, MIN_STAKE, vec![DIGITS], 5), Error::<Test>::BadCapacity);
		assert_noop!(j(10, ENDOWMENT + 1, vec![DIGITS], 1), Error::<Test>::InsufficientBalance);
		assert_noop!(j(500, MIN_STAKE, vec![DIGITS], 1), Error::<Test>::InsufficientBalance);
		join(10, &[DIGITS]);
		assert_noop!(j(10, MIN_STAKE, vec![DIGITS], 1), Error::<Test>::AlreadyJoined);
	});
}


#[test]
fn update_node_moves_the_node_between_model_lists() {
	ExtBuilder::default().build_and_execute(|| {
		join(10, &[DIGITS, VAD]);
		join(11, &[DIGITS]);
		assert_ok!(Inference::update_node(signed(10), vec![VAD, HASHER], 4));
		assert_eq!(pool_members(DIGITS), vec![11]);
		assert_eq!(pool_members(HASHER), vec![10]);
		assert_eq!(pool_members(VAD), vec![10]);
		assert_eq!(Nodes::<Test>::get(10).unwrap().capacity, 4);
		assert!(emitted(Event::NodeUpdated { node: 10, models: vec![VAD, HASHER], capacity: 4 }));

		assert_noop!(Inference::update_node(signed(12), vec![VAD], 1), Error::<Test>::NotANode);
		assert_noop!(Inference::update_node(signed(10), vec![], 1), Error::<Test>::NoModels);
		assert_noop!(Inference::update_node(signed(10), vec![VAD], 0), Error::<Test>::BadCapacity);
	});
}

#[test]
fn pause_resume_and_their_errors() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(Inference::pause(signed(10)), Error::<Test>::NotANode);
		assert_noop!(Inference::resume(signed(10)), Error::<Test>::NotANode);
		join(10, &[DIGITS]);
		assert_noop!(Inference::resume(signed(10)), Error::<Test>::NotPaused);
		assert_ok!(Inference::pause(signed(10)));
		assert_eq!(Nodes::<Test>::get(10).unwrap().status, NodeStatus::Paused);
		assert_noop!(Inference::pause(signed(10)), Error::<Test>::NotActive);
		assert_ok!(Inference::resume(signed(10)));
		assert_eq!(Nodes::<Test>::get(10).unwrap().status, NodeStatus::Active);
		assert!(emitted(Event::NodePaused { node: 10 }) && emitted(Event::NodeResumed { node: 10 }));
	});
}

#[test]
fn a_paused_node_is_not_drawn() {
	ExtBuilder::default().build_and_execute(|| {
		for who in [10, 11, 12, 13] {
			join(who, &[DIGITS]);
		}
		assert_ok!(Inference::pause(signed(13)));
		for _ in 0..6 {
			let id = create(1, DIGITS, MIN_FEE, None);
			let nodes = assign(id);
			assert!(!nodes.contains(&13));
			for n in nodes {
				commit(id, n, &[1]);
			}
			for n in assigned(id) {
				assert_ok!(reveal(id, n, &[1]));
			}
		}
	});
}

#[test]
fn add_stake_grows_the_held_stake() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(Inference::add_stake(signed(10), 5), Error::<Test>::NotANode);
		join(10, &[DIGITS]);
		assert_ok!(Inference::add_stake(signed(10), 500));
		assert_eq!(held_stake(10), MIN_STAKE + 500);
		assert_eq!(Nodes::<Test>::get(10).unwrap().stake, MIN_STAKE + 500);
		assert_noop!(Inference::add_stake(signed(10), ENDOWMENT), Error::<Test>::InsufficientBalance);
		assert_noop!(Inference::add_stake(signed(10), Balance::MAX), sp_runtime::ArithmeticError::Overflow);
		// The pool sees the new stake.
		assert_eq!(PoolBuckets::<Test>::get(DIGITS, 0)[0].stake, (MIN_STAKE + 500) as u128);
	});
}

#[test]
fn an_idle_node_leaves_at_once() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(Inference::leave(signed(10)), Error::<Test>::NotANode);
		join(10, &[DIGITS, VAD]);
		assert_ok!(Inference::leave(signed(10)));
		assert_eq!(free(10), ENDOWMENT);
		assert!(!Nodes::<Test>::contains_key(10));
		assert!(!Pools::<Test>::contains_key(DIGITS));
		assert_eq!(PoolBuckets::<Test>::iter().count(), 0, "no empty bucket is left behind");
		assert_eq!(NodeCount::<Test>::get(), 0);
		assert!(emitted(Event::NodeLeft { node: 10, stake: MIN_STAKE }));
	});
}

#[test]
fn a_busy_node_leaves_when_its_task_ends() {
	ExtBuilder::default().build_and_execute(|| {
		for who in [10, 11, 12] {
			join(who, &[DIGITS]);
		}
		let id = create(1, DIGITS, MIN_FEE, None);
		assign(id);
		assert_ok!(Inference::leave(signed(10)));
		assert!(emitted(Event::NodeLeaving { node: 10, pending_tasks: 1 }));
		let node = Nodes::<Test>::get(10).unwrap();
		assert!(node.leaving);
		assert_noop!(Inference::leave(signed(10)), Error::<Test>::AlreadyLeaving);
		assert_noop!(Inference::update_node(signed(10), vec![VAD], 1), Error::<Test>::AlreadyLeaving);
		assert_ok!(Inference::pause(signed(10)));
		assert_noop!(Inference::resume(signed(10)), Error::<Test>::AlreadyLeaving);

		// The leaving node still finishes its work and is paid.
		for n in [10, 11, 12] {
			commit(id, n, &[3]);
		}
		for n in [10, 11, 12] {
			assert_ok!(reveal(id, n, &[3]));
		}
		assert_eq!(phase(id), Phase::Completed);
		assert!(!Nodes::<Test>::contains_key(10));
		assert_eq!(free(10), ENDOWMENT + MIN_FEE);
		assert_eq!(pool_members(DIGITS), vec![11, 12]);
		assert!(emitted(Event::NodeLeft { node: 10, stake: MIN_STAKE }));
	});
}

#[test]
fn a_leaving_node_is_not_drawn() {
	ExtBuilder::default().build_and_execute(|| {
		for who in [10, 11, 12, 13] {
			join(who, &[DIGITS]);
		}
		let first = create(1, DIGITS, MIN_FEE, Some(1));
		let nodes = assign(first);
		assert_ok!(Inference::leave(signed(nodes[0])));
		let second = create(1, DIGITS, MIN_FEE, Some(3));
		let others = assign(second);
		assert!(!others.contains(&nodes[0]));
	});
}
