//! Cross-validation: which revealed results form the winning cluster.
//!
//! The candidate is the revealed result that agrees with the most reveals (itself included),
//! ties going to the earliest reveal; its cluster is every reveal that agrees with the
//! candidate. Comparisons with a tolerance are not transitive, so the cluster is defined by the
//! candidate alone, never by chaining pairs.

use deai_primitives::Comparison;

extern crate alloc;
use alloc::vec::Vec;

/// The candidate's index (into `reveals`) and the indices of its cluster, or `None` when there
/// are no reveals. `reveals` must be in reveal order, earliest first.
pub fn best_cluster(comparison: &Comparison, reveals: &[&[u8]]) -> Option<(usize, Vec<usize>)> {
	let mut best: Option<(usize, Vec<usize>)> = None;
	for (i, candidate) in reveals.iter().enumerate() {
		let cluster: Vec<usize> = reveals
			.iter()
			.enumerate()
			.filter(|(_, other)| comparison.agrees(candidate, other))
			.map(|(j, _)| j)
			.collect();
		// Strictly greater: on a tie, the earlier candidate stays.
		if best.as_ref().is_none_or(|(_, b)| cluster.len() > b.len()) {
			best = Some((i, cluster));
		}
	}
	best
}

#[cfg(test)]
mod tests {
	use super::*;

	fn fixed(v: i32) -> Vec<u8> {
		v.to_le_bytes().to_vec()
	}

	#[test]
	fn majority_wins_and_ties_go_to_the_earliest() {
		let (a, b) = (vec![1u8], vec![2u8]);
		let reveals: Vec<&[u8]> = vec![&b, &a, &a];
		assert_eq!(best_cluster(&Comparison::Exact, &reveals), Some((1, vec![1, 2])));
		let tie: Vec<&[u8]> = vec![&b, &a];
		assert_eq!(best_cluster(&Comparison::Exact, &tie), Some((0, vec![0])));
		assert_eq!(best_cluster(&Comparison::Exact, &[]), None);
	}

	#[test]
	fn tolerance_clusters_around_one_candidate_not_by_chaining() {
		// 0 ~ 5 ~ 10 with max_abs 5, but 0 and 10 do not agree: the middle value is the only
		// candidate that agrees with all three.
		let t = Comparison::Tolerance { max_abs: 5 };
		let (x, y, z) = (fixed(0), fixed(5), fixed(10));
		let reveals: Vec<&[u8]> = vec![&x, &y, &z];
		assert_eq!(best_cluster(&t, &reveals), Some((1, vec![0, 1, 2])));
		// Without the middle value, 0 and 10 stay apart.
		let apart: Vec<&[u8]> = vec![&x, &z];
		assert_eq!(best_cluster(&t, &apart), Some((0, vec![0])));
	}
}
