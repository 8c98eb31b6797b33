//! The random draw of compute nodes for a task.
//!
//! Each candidate's weight is `isqrt(stake) * reputation`: stake counts, but with diminishing
//! returns (a node with 4x the stake is picked about 2x as often), and unreliable nodes fade.
//! `r` distinct nodes are drawn without replacement from a seed that comes from a block after
//! the one that included the task.

use deai_primitives::blake2_256;
use sp_runtime::traits::IntegerSquareRoot;

extern crate alloc;
use alloc::vec::Vec;

/// A candidate's weight in the draw.
pub fn weight(stake: u128, reputation: u32) -> u128 {
	stake.integer_sqrt().saturating_mul(reputation as u128)
}

/// A uniform-enough number below `bound` (> 0), from `seed`, `task` and the draw's round.
fn pick(seed: &[u8], task: u64, round: u32, bound: u128) -> u128 {
	let digest = blake2_256(&[seed, &task.to_le_bytes(), &round.to_le_bytes()].concat());
	let mut wide = [0u8; 16];
	wide.copy_from_slice(&digest[..16]);
	// Bias is at most bound / 2^128: negligible for any realistic total weight.
	u128::from_le_bytes(wide) % bound
}

/// Draws `count` distinct indices of `weights`, each round proportional to the weights of the
/// candidates not drawn yet. Candidates of weight zero are drawn only when nothing else is left.
/// Returns `None` when there are fewer than `count` candidates.
pub fn draw(weights: &[u128], count: usize, seed: &[u8], task: u64) -> Option<Vec<usize>> {
	if weights.len() < count {
		return None
	}
	let mut remaining: Vec<(usize, u128)> =
		weights.iter().enumerate().map(|(i, w)| (i, *w)).collect();
	let mut chosen = Vec::with_capacity(count);
	for round in 0..count as u32 {
		let total: u128 = remaining.iter().fold(0u128, |acc, (_, w)| acc.saturating_add(*w));
		let position = if total == 0 {
			pick(seed, task, round, remaining.len() as u128) as usize
		} else {
			let mut target = pick(seed, task, round, total);
			let mut position = remaining.len() - 1;
			for (k, (_, w)) in remaining.iter().enumerate() {
				if target < *w {
					position = k;
					break
				}
				target -= *w;
			}
			position
		};
		chosen.push(remaining.swap_remove(position).0);
	}
	Some(chosen)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn weight_is_square_root_damped() {
		assert_eq!(weight(100, 10), 100);
		assert_eq!(weight(400, 10), 200);
		assert_eq!(weight(400, 0), 0);
		assert_eq!(weight(u128::MAX, u32::MAX), u128::MAX.integer_sqrt() * u32::MAX as u128);
	}

	#[test]
	fn draws_distinct_indices_and_refuses_too_few() {
		let chosen = draw(&[1, 1, 1, 1, 1], 5, b"seed", 1).unwrap();
		let mut sorted = chosen.clone();
		sorted.sort();
		assert_eq!(sorted, vec![0, 1, 2, 3, 4]);
		assert!(draw(&[1, 1], 3, b"seed", 1).is_none());
		assert_eq!(draw(&[], 0, b"seed", 1), Some(vec![]));
	}

	#[test]
	fn zero_weight_is_drawn_only_when_nothing_else_is_left() {
		for task in 0..200 {
			let chosen = draw(&[0, 5, 7], 2, b"s", task).unwrap();
			assert!(!chosen.contains(&0), "task {task}: {chosen:?}");
		}
		assert_eq!(draw(&[0, 5], 2, b"s", 9).unwrap().len(), 2);
	}

	#[test]
	fn frequency_follows_weight() {
		// Weights 1 : 3: the heavier candidate should be first about 75% of the time.
		let mut heavy_first = 0;
		let rounds = 4000;
		for task in 0..rounds {
			if draw(&[100, 300], 1, b"freq", task).unwrap()[0] == 1 {
				heavy_first += 1;
			}
		}
		let share = heavy_first as f64 / rounds as f64;
		assert!((0.72..0.78).contains(&share), "share {share}");
	}

	#[test]
	fn different_seeds_give_different_draws() {
		let weights = [1u128; 16];
		let a = draw(&weights, 3, b"block-a", 7).unwrap();
		let b = draw(&weights, 3, b"block-b", 7).unwrap();
		let c = draw(&weights, 3, b"block-a", 8).unwrap();
		assert!(a != b || a != c);
		assert_eq!(a, draw(&weights, 3, b"block-a", 7).unwrap(), "deterministic");
	}
}
