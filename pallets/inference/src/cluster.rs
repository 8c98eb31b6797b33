//! Cross-validation: which revealed results form the winning cluster.
//!
//! The candidate is the revealed result that agrees with the most reveals (itself included);
//! its cluster is every reveal that agrees with the candidate. Comparisons with a tolerance are
//! not transitive, so the cluster is defined by the candidate alone, never by chaining pairs.
//! Ties between candidates never depend on the order of the reveals (which a node can race for):
//! first the cluster with the most agreeing pairs inside it wins, then the candidate with the
//! smallest `blake2_256(result)`.

use deai_primitives::{blake2_256, Comparison};

extern crate alloc;
use alloc::vec::Vec;

/// The outcome of clustering a task's reveals.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cluster {
	/// Index (into the reveals) of the candidate: its result is the task's result.
	pub candidate: usize,
	/// Indices of the reveals that agree with the candidate, itself included.
	pub members: Vec<usize>,
}

impl Cluster {
	/// Whether reveal `i` agrees with at least one member without being one: a near-tie under a
	/// tolerance, which is neither paid nor slashed.
	pub fn borders(&self, comparison: &Comparison, reveals: &[&[u8]], i: usize) -> bool {
		!self.members.contains(&i) &&
			self.members.iter().any(|m| comparison.agrees(reveals[*m], reveals[i]))
	}
}

/// The best cluster of `reveals` (in any order), or `None` when there are none.
pub fn best_cluster(comparison: &Comparison, reveals: &[&[u8]]) -> Option<Cluster> {
	let n = reveals.len();
	// agree[i][j] once: the comparisons are the expensive part.
	let agree: Vec<Vec<bool>> = (0..n)
		.map(|i| (0..n).map(|j| comparison.agrees(reveals[i], reveals[j])).collect())
		.collect();
	let mut best: Option<(Cluster, usize, [u8; 32])> = None;
	for candidate in 0..n {
		let members: Vec<usize> = (0..n).filter(|j| agree[candidate][*j]).collect();
		let pairs = members
			.iter()
			.enumerate()
			.map(|(k, a)| members[k + 1..].iter().filter(|b| agree[*a][**b]).count())
			.sum::<usize>();
		let hash = blake2_256(reveals[candidate]);
		let better = match &best {
			None => true,
			Some((b, b_pairs, b_hash)) =>
				(members.len(), pairs, core::cmp::Reverse(hash)) >
					(b.members.len(), *b_pairs, core::cmp::Reverse(*b_hash)),
		};
		if better {
			best = Some((Cluster { candidate, members }, pairs, hash));
		}
	}
	best.map(|(cluster, _, _)| cluster)
}

#[cfg(test)]
mod tests {
	use super::*;

	fn fixed(v: i32) -> Vec<u8> {
		v.to_le_bytes().to_vec()
	}

	fn results(c: &Cluster, reveals: &[&[u8]]) -> (Vec<u8>, Vec<Vec<u8>>) {
		(reveals[c.candidate].to_vec(), c.members.iter().map(|m| reveals[*m].to_vec()).collect())
	}

	#[test]
	fn majority_wins() {
		let (a, b) = (vec![1u8], vec![2u8]);
		let reveals: Vec<&[u8]> = vec![&b, &a, &a];
		let c = best_cluster(&Comparison::Exact, &reveals).unwrap();
		assert_eq!(c.members, vec![1, 2]);
		assert_eq!(best_cluster(&Comparison::Exact, &[]), None);
	}

	#[test]
	fn a_tie_does_not_depend_on_reveal_order() {
		let (a, b) = (vec![1u8], vec![2u8]);
		let one = best_cluster(&Comparison::Exact, &[&a, &b]).unwrap();
		let other = best_cluster(&Comparison::Exact, &[&b, &a]).unwrap();
		assert_eq!(results(&one, &[&a, &b]).0, results(&other, &[&b, &a]).0);
		// The smaller hash wins a tie of equal clusters.
		let winner = if blake2_256(&a) < blake2_256(&b) { &a } else { &b };
		assert_eq!(&results(&one, &[&a, &b]).0, winner);
	}

	#[test]
	fn tolerance_clusters_around_one_candidate_not_by_chaining() {
		// 0 ~ 5 ~ 10 with max_abs 5, but 0 and 10 do not agree: the middle value is the only
		// candidate that agrees with all three.
		let t = Comparison::Tolerance { max_abs: 5 };
		let (x, y, z) = (fixed(0), fixed(5), fixed(10));
		let reveals: Vec<&[u8]> = vec![&x, &y, &z];
		let c = best_cluster(&t, &reveals).unwrap();
		assert_eq!((c.candidate, c.members.clone()), (1, vec![0, 1, 2]));
		// Without the middle value, 0 and 10 stay apart.
		let apart: Vec<&[u8]> = vec![&x, &z];
		assert_eq!(best_cluster(&t, &apart).unwrap().members.len(), 1);
	}

	#[test]
	fn the_denser_cluster_wins_a_tie_and_near_ties_border_it() {
		// The attack of the v2 review: honest 0, 3, 5; attackers 6 and 11, in any order. The
		// candidates 3, 5 and 6 each agree with four reveals; {0, 3, 5, 6} has 5 agreeing pairs,
		// {3, 5, 6, 11} only 4, so the honest 0 is in the winning cluster, and 11 (which agrees
		// with the member 6) borders it.
		let t = Comparison::Tolerance { max_abs: 5 };
		let values = [6, 11, 0, 3, 5];
		let owned: Vec<Vec<u8>> = values.iter().map(|v| fixed(*v)).collect();
		for rotation in 0..values.len() {
			let mut order: Vec<usize> = (0..values.len()).collect();
			order.rotate_left(rotation);
			let reveals: Vec<&[u8]> = order.iter().map(|i| owned[*i].as_slice()).collect();
			let c = best_cluster(&t, &reveals).unwrap();
			let mut members: Vec<i32> = c.members.iter().map(|m| values[order[*m]]).collect();
			members.sort();
			assert_eq!(members, vec![0, 3, 5, 6], "rotation {rotation}");
			let eleven = order.iter().position(|i| values[*i] == 11).unwrap();
			assert!(c.borders(&t, &reveals, eleven));
		}
	}
}
