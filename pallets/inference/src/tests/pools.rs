//! The draw pools: buckets, what makes a member eligible, and what the draw may pick.

use super::*;

#[test]
fn members_fill_buckets_in_order_and_summaries_follow() {
	ExtBuilder::default().build_and_execute(|| {
		for who in 10..10 + POOL_CAPACITY as u64 {
			join(who, &[DIGITS]);
		}
		let pool = Pools::<Test>::get(DIGITS).unwrap();
		assert_eq!(pool.buckets.len() as u32, MAX_BUCKETS);
		assert!(pool.buckets.iter().all(|b| b.len == BUCKET_SIZE && b.eligible == BUCKET_SIZE));
		assert_eq!((pool.members, pool.active, pool.eligible()), (POOL_CAPACITY, POOL_CAPACITY, POOL_CAPACITY));
		assert_eq!(Nodes::<Test>::get(10 + BUCKET_SIZE as u64).unwrap().models[0].bucket, 1);
		// A member of the first bucket leaves: its place is the first with room.
		assert_ok!(Inference::leave(signed(11)));
		assert_eq!(Pools::<Test>::get(DIGITS).unwrap().buckets[0].len, BUCKET_SIZE - 1);
		join(50, &[DIGITS]);
		assert_eq!(Nodes::<Test>::get(50).unwrap().models[0].bucket, 0);
	});
}

#[test]
fn a_bucket_emptied_in_the_middle_is_not_stored_and_is_reused() {
	ExtBuilder::default().build_and_execute(|| {
		for who in 10..10 + 2 * BUCKET_SIZE as u64 + 1 {
			join(who, &[DIGITS]);
		}
		for who in 10 + BUCKET_SIZE as u64..10 + 2 * BUCKET_SIZE as u64 {
			assert_ok!(Inference::leave(signed(who)));
		}
		assert!(!PoolBuckets::<Test>::contains_key(DIGITS, 1));
		assert_eq!(Pools::<Test>::get(DIGITS).unwrap().buckets[1].len, 0);
		assert_eq!(pool_members(DIGITS).len() as u32, BUCKET_SIZE + 1);
		join(60, &[DIGITS]);
		assert_eq!(Nodes::<Test>::get(60).unwrap().models[0].bucket, 1);
	});
}

#[test]
fn paused_busy_and_leaving_nodes_are_not_eligible() {
	ExtBuilder::default().build_and_execute(|| {
		for who in [10, 11, 12, 13] {
			assert_ok!(Inference::join(signed(who), MIN_STAKE, vec![DIGITS], 1));
		}
		let eligible = || Pools::<Test>::get(DIGITS).unwrap().eligible();
		assert_eq!(eligible(), 4);
		assert_ok!(Inference::pause(signed(13)));
		assert_eq!((eligible(), Pools::<Test>::get(DIGITS).unwrap().active), (3, 3));
		let id = create(1, DIGITS, MIN_FEE, None);
		let nodes = assign(id);
		assert!(!nodes.contains(&13), "a paused node is not drawn");
		assert_eq!(eligible(), 0, "busy nodes (capacity one) are out of the draw");
		assert_ok!(Inference::leave(signed(nodes[0])));
		assert_eq!(Pools::<Test>::get(DIGITS).unwrap().members, 3, "a leaving node leaves the pool at once");
		serve(id, &[1]);
		assert_eq!(eligible(), 2, "the two that stay are free again; the leaver is gone");
		assert_ok!(Inference::resume(signed(13)));
		assert_eq!(eligible(), 3);
	});
}

#[test]
fn a_slash_lowers_the_stake_the_draw_sees() {
	ExtBuilder::default().build_and_execute(|| {
		for who in [10, 11, 12] {
			assert_ok!(Inference::join(signed(who), 2 * MIN_STAKE, vec![DIGITS], 2));
		}
		let id = create(1, DIGITS, MIN_FEE, None);
		assign(id);
		commit(id, 10, &[1]);
		commit(id, 11, &[1]);
		commit(id, 12, &[2]);
		for (n, r) in [(10, 1u8), (11, 1), (12, 2)] {
			assert_ok!(reveal(id, n, &[r]));
		}
		let entry = PoolBuckets::<Test>::get(DIGITS, 0).into_iter().find(|e| e.node == 12).unwrap();
		assert_eq!(entry.stake, (2 * MIN_STAKE - 2 * MIN_STAKE / 10) as u128);
		assert!(entry.active && entry.free);
	});
}

#[test]
fn the_draw_picks_only_eligible_distinct_nodes() {
	ExtBuilder::default().build_and_execute(|| {
		for who in 10..20 {
			assert_ok!(Inference::join(signed(who), MIN_STAKE * (who - 9), vec![DIGITS], 2));
			proven(who);
		}
		for who in [10, 13, 17] {
			assert_ok!(Inference::pause(signed(who)));
		}
		for task in 0..300 {
			let drawn = Inference::draw(DIGITS, 5, b"seed", task).nodes.unwrap();
			let mut distinct = drawn.clone();
			distinct.sort();
			distinct.dedup();
			assert_eq!(distinct.len(), 5);
			assert!(drawn.iter().all(|n| ![10, 13, 17].contains(n)), "{drawn:?}");
		}
		// Seven eligible nodes: a draw of eight is refused at once, without an attempt.
		let drawn = Inference::draw(DIGITS, 8, b"seed", 0);
		assert!(drawn.nodes.is_none());
		assert_eq!(drawn.attempts, 0);
	});
}
