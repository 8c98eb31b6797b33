//! The bags of the staking voter list (`pallet-bags-list`): upper bounds of vote weight, each
//! about 15 % above the previous one, from one unit of vote weight up to `u64::MAX`. The list
//! keeps voters roughly sorted by stake at a constant cost per update, so the election's bounded
//! snapshot takes the voters with the most stake, whatever their number.

/// How many bags: enough for the geometric series to reach `u64::MAX`.
pub const BAG_COUNT: usize = 315;

/// The bags' upper bounds, strictly increasing, the last one `u64::MAX`.
pub const THRESHOLDS: [u64; BAG_COUNT] = thresholds();

const fn thresholds() -> [u64; BAG_COUNT] {
	let mut out = [u64::MAX; BAG_COUNT];
	let mut t: u128 = 1;
	let mut i = 0;
	while i < BAG_COUNT - 1 && t < u64::MAX as u128 {
		out[i] = t as u64;
		// 15 % up, and at least one unit.
		let next = t + t * 15 / 100;
		t = if next > t { next } else { t + 1 };
		i += 1;
	}
	out
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn thresholds_increase_strictly_and_end_at_the_maximum() {
		assert!(THRESHOLDS.windows(2).all(|w| w[0] < w[1]), "strictly increasing");
		assert_eq!(THRESHOLDS[BAG_COUNT - 1], u64::MAX);
		assert!(THRESHOLDS[BAG_COUNT - 2] > u64::MAX / 2, "no wasted bags below the maximum");
	}
}
