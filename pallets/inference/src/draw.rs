//! The random numbers of the draw: pure functions of the seed, the task and the attempt.
//!
//! A draw picks `r` distinct nodes for a task. Each attempt picks one node with probability
//! proportional to its stake among the eligible nodes not chosen yet (a bucket by its eligible
//! stake, then a member of that bucket by its stake), then accepts it with probability
//! `reputation / MaxReputation`. The node chosen in a round therefore has probability
//! proportional to `stake * reputation`: linear in stake, so splitting a stake over several
//! accounts never raises its total weight.

use deai_primitives::blake2_256;

/// Which random number of an attempt.
#[derive(Clone, Copy)]
#[repr(u8)]
pub enum Stage {
	/// Picks a bucket.
	Bucket = 0,
	/// Picks a member of the bucket.
	Member = 1,
	/// Accepts or rejects the member by its reputation.
	Accept = 2,
}

/// A number below `bound` (> 0) from the seed, the task, the attempt and the stage. The bias is
/// at most `bound / 2^128`: negligible for any total stake.
pub fn below(seed: &[u8], task: u64, attempt: u32, stage: Stage, bound: u128) -> u128 {
	debug_assert!(bound > 0);
	let digest =
		blake2_256(&[seed, &task.to_le_bytes(), &attempt.to_le_bytes(), &[stage as u8]].concat());
	let mut wide = [0u8; 16];
	wide.copy_from_slice(&digest[..16]);
	u128::from_le_bytes(wide) % bound.max(1)
}

/// The index whose cumulative weight range holds `target` (< the sum of `weights`); items of
/// weight zero are never picked. `None` when `target` is not below the sum.
pub fn position(weights: impl IntoIterator<Item = u128>, mut target: u128) -> Option<usize> {
	for (i, w) in weights.into_iter().enumerate() {
		if target < w {
			return Some(i)
		}
		target -= w;
	}
	None
}

/// Whether a node with `reputation` out of `max` is accepted, given the attempt's random number.
pub fn accepts(seed: &[u8], task: u64, attempt: u32, reputation: u32, max: u32) -> bool {
	below(seed, task, attempt, Stage::Accept, max.max(1) as u128) < reputation as u128
}

/// The most attempts a draw of `r` nodes makes before it gives up for this block. Active nodes
/// have at least half the maximum reputation (`integrity_test`), so each attempt succeeds with
/// probability at least 1/2, and 2r + 6 attempts fail to find `r` nodes with probability below
/// 6% for every r even when every node sits at the floor (r = 3: 1.9%); with proven nodes
/// (reputation near the maximum) failures all but vanish. A task whose draw fails tries again in
/// the next block. The bound is what `create_task` prepays, so it is kept tight.
pub const fn max_attempts(r: u32) -> u32 {
	2 * r + 6
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn position_skips_zero_weights() {
		assert_eq!(position([0, 5, 0, 3], 0), Some(1));
		assert_eq!(position([0, 5, 0, 3], 4), Some(1));
		assert_eq!(position([0, 5, 0, 3], 5), Some(3));
		assert_eq!(position([0, 5, 0, 3], 8), None);
		assert_eq!(position([], 0), None);
	}

	#[test]
	fn numbers_are_below_the_bound_and_depend_on_every_input() {
		let a = below(b"seed", 1, 0, Stage::Bucket, 1000);
		assert!(a < 1000);
		let others = [
			below(b"seed", 1, 0, Stage::Member, 1000),
			below(b"seed", 1, 1, Stage::Bucket, 1000),
			below(b"seed", 2, 0, Stage::Bucket, 1000),
			below(b"seeds", 1, 0, Stage::Bucket, 1000),
		];
		assert!(others.iter().any(|o| *o != a));
		assert_eq!(a, below(b"seed", 1, 0, Stage::Bucket, 1000), "deterministic");
	}

	#[test]
	fn acceptance_follows_reputation() {
		let accepted = (0..4000u32).filter(|i| accepts(b"acc", 7, *i, 600, 1000)).count();
		let share = accepted as f64 / 4000.0;
		assert!((0.57..0.63).contains(&share), "share {share}");
		assert!((0..100u32).all(|i| accepts(b"acc", 7, i, 1000, 1000)));
		assert!((0..100u32).all(|i| !accepts(b"acc", 7, i, 0, 1000)));
	}

	#[test]
	fn the_attempt_bound_makes_failure_rare() {
		// P(fewer than r successes in 2r + 6 trials at p = 1/2), computed exactly.
		for r in 1..=7u32 {
			let n = max_attempts(r);
			let mut fail = 0f64;
			for k in 0..r {
				let mut c = 1f64;
				for j in 0..k {
					c = c * (n - j) as f64 / (j + 1) as f64;
				}
				fail += c * 0.5f64.powi(n as i32);
			}
			assert!(fail < 0.06, "r = {r}: {fail}");
			if r == 3 {
				assert!(fail < 0.02, "r = 3: {fail}");
			}
		}
	}
}
