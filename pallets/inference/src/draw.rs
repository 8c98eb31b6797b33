//! The random numbers of the draw: pure functions of the seed, the task and the round.
//!
//! A draw picks `r` distinct nodes for a task, one per round. Each round picks a bucket of the
//! model's pool by its eligible weight, then a member of that bucket by its weight, among the
//! nodes not chosen yet; a member's weight is `stake * reputation`. The node chosen in a round
//! therefore has probability exactly proportional to `stake * reputation`: linear in stake, so
//! splitting a stake over several accounts never raises its total weight, and lower for a node on
//! probation than for a proven one with the same stake.

use deai_primitives::blake2_256;

/// Which random number of a round.
#[derive(Clone, Copy)]
#[repr(u8)]
pub enum Stage {
	/// Picks a bucket.
	Bucket = 0,
	/// Picks a member of the bucket.
	Member = 1,
}

/// A number below `bound` (> 0) from the seed, the task, the round and the stage. The bias is at
/// most `bound / 2^128`: negligible for any total weight.
pub fn below(seed: &[u8], task: u64, round: u32, stage: Stage, bound: u128) -> u128 {
	debug_assert!(bound > 0);
	let digest = blake2_256(&[seed, &task.to_le_bytes(), &round.to_le_bytes(), &[stage as u8]].concat());
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

/// The rounds a draw of `r` nodes makes: every round picks a node (a draw is refused before any
/// round when fewer than `r` nodes are eligible), so exactly `r`.
pub const fn max_attempts(r: u32) -> u32 {
	r
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
	fn picks_follow_weights() {
		// Weights 1 : 3: the heavier item is picked about 75% of the time.
		let heavy = (0..4000u64)
			.filter(|t| position([100, 300], below(b"freq", *t, 0, Stage::Member, 400)) == Some(1))
			.count();
		let share = heavy as f64 / 4000.0;
		assert!((0.72..0.78).contains(&share), "share {share}");
	}
}
