//! The randomness of every random choice (the draw, whether a sampled task is checked, its
//! checkers): VRF outputs of blocks produced after everything the choice is about was fixed.
//!
//! The runtime tells the pallet, for each block, the block's VRF output, who authored it, and
//! whether the author claimed the slot as a primary leader ([`BlockEntropy`]; with BABE, the
//! output of the author's VRF on the slot, verified by every node on import). A VRF output is
//! unique for its author and slot: the author cannot grind it, only withhold its whole block.
//! Nobody else learns it before the block is published, but its author knows it in advance (from
//! the epoch's randomness and the slot). Hence the rule:
//!
//! - The seed of block `n` is `blake2_256("deai/seed", VRF(n - 1), VRF(n))`.
//! - Random choices are made in block `n` only when blocks `n - 1` and `n` both carry a VRF
//!   output, have **different authors** (validator accounts, not keys: a validator that rotates
//!   its keys is still one author), and block `n - 1` was a **primary** slot claim; they concern
//!   only what blocks up to `n - 2` included ([`Seed::covers`]). So the author of block `n - 1`
//!   (who fixed the last state the choice sees) did not know `VRF(n)`, the author of block `n`
//!   did not know `VRF(n - 1)` when it could still change anything the choice is about, and
//!   creators, compute nodes and the authors of the including blocks knew neither. A single party
//!   can no longer compute a choice before it is made; two colluding authors of consecutive
//!   blocks can. Why primary: BABE's fork choice counts primary blocks only, so an author with a
//!   primary claim could orphan a run of secondary blocks and pick among several parents; a
//!   primary parent cannot be orphaned that way, which leaves the author one choice (use its
//!   block or withhold it).
//! - A block that brings no fresh seed makes no random choice: draws wait in the queue, and a
//!   sampling decision waits (at most `CommitPeriod` blocks, then the task fails with
//!   `NoRandomness`, refunded, nobody paid or slashed).
//! - A development chain whose genesis trusts its single authority (the runtime says so) has a
//!   seed in every block, covering block `n - 1`: that authority is trusted with everything anyway.
//!
//! What is left to a block author: withholding its whole block (it loses the block's reward)
//! replaces its VRF output by another author's, a choice between two outcomes: at most one bit
//! of bias per withheld block.

use crate::*;
use codec::{Decode, Encode, MaxEncodedLen};
use deai_primitives::blake2_256;
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
use sp_runtime::traits::{One, Saturating};

/// What the runtime's consensus says about the block being built.
pub trait BlockEntropy {
	/// The block's VRF output, its author and whether it is a primary slot claim, when the block
	/// carries a VRF output.
	fn current() -> Option<BlockVrf>;
	/// Whether this chain trusts a single authority with its randomness (a development chain's
	/// genesis says so; never a public network's).
	fn trusted_single_authority() -> bool;
}

/// A block's VRF output, author and kind of slot claim; the previous block's is kept for the
/// next block's seed.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, Encode, Decode, TypeInfo, MaxEncodedLen)]
pub struct BlockVrf {
	/// The VRF output.
	pub output: [u8; 32],
	/// Its author's identifier (a hash of the author's validator account).
	pub author: [u8; 32],
	/// Whether the author claimed the slot as a primary leader.
	pub primary: bool,
}

/// The seed of a block that may make random choices.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Seed<BlockNumber> {
	/// `blake2_256("deai/seed", previous VRF output, this block's VRF output)`.
	pub bytes: [u8; 32],
	/// The last block whose contents the seed may decide about: nothing included after it.
	pub covers: BlockNumber,
}

impl<BlockNumber> Seed<BlockNumber> {
	/// The seed for one kind of choice (`subject`, e.g. `b"deai/assign"`).
	pub fn for_subject(&self, subject: &[u8]) -> [u8; 32] {
		blake2_256(&[subject, &self.bytes].concat())
	}
}

/// The seed type of a runtime.
pub type SeedOf<T> = Seed<BlockNumberFor<T>>;

/// The seed of a block from its VRF output, the previous block's, and whether one authority is
/// trusted; `None` when the block may make no random choice.
pub fn seed_of<BlockNumber: Copy + One + Saturating>(
	now: BlockNumber,
	previous: Option<BlockVrf>,
	current: Option<BlockVrf>,
	trusted_single_authority: bool,
) -> Option<Seed<BlockNumber>> {
	let current = current?;
	let mix = |prev: [u8; 32]| blake2_256(&(b"deai/seed", prev, current.output).encode());
	if trusted_single_authority {
		let prev = previous.map(|p| p.output).unwrap_or_default();
		return Some(Seed { bytes: mix(prev), covers: now.saturating_sub(One::one()) })
	}
	let prev = previous.filter(|p| p.primary && p.author != current.author)?;
	Some(Seed { bytes: mix(prev.output), covers: now.saturating_sub(One::one()).saturating_sub(One::one()) })
}

impl<T: Config> Pallet<T> {
	/// Reads this block's VRF output, keeps it for the next block, and returns this block's seed
	/// (`None` when it may make no random choice). Runs first in every block, whatever the hooks'
	/// budget: the next block's seed needs this block's output.
	pub(crate) fn block_seed(now: BlockNumberFor<T>) -> Option<Seed<BlockNumberFor<T>>> {
		let current = T::Entropy::current();
		let previous = LastBlockVrf::<T>::get();
		match current {
			Some(vrf) => LastBlockVrf::<T>::put(vrf),
			None => LastBlockVrf::<T>::kill(),
		}
		seed_of(now, previous, current, T::Entropy::trusted_single_authority())
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	const A: [u8; 32] = [0xa; 32];
	const B: [u8; 32] = [0xb; 32];

	fn vrf(byte: u8, author: [u8; 32], primary: bool) -> Option<BlockVrf> {
		Some(BlockVrf { output: [byte; 32], author, primary })
	}

	#[test]
	fn a_seed_needs_a_primary_parent_and_two_authors() {
		let seed = seed_of(10u64, vrf(1, A, true), vrf(2, B, false), false).expect("two authors");
		assert_eq!(seed.covers, 8, "what block 8 and earlier included");
		assert_eq!(seed_of(10u64, vrf(1, A, true), vrf(2, A, true), false), None, "one author twice");
		assert_eq!(seed_of(10u64, vrf(1, A, false), vrf(2, B, true), false), None, "a secondary parent");
		assert_eq!(seed_of(10u64, None, vrf(2, B, true), false), None, "no previous output");
		assert_eq!(seed_of(10u64, vrf(1, A, true), None, false), None, "no output in this block");
	}

	#[test]
	fn a_trusted_single_authority_covers_the_previous_block() {
		let seed = seed_of(10u64, vrf(1, A, false), vrf(2, A, false), true).expect("trusted");
		assert_eq!(seed.covers, 9);
		assert!(seed_of(10u64, None, vrf(2, A, true), true).is_some());
		assert_eq!(seed_of(10u64, vrf(1, A, true), None, true), None);
	}

	#[test]
	fn the_seed_depends_on_both_outputs_and_each_subject_differs() {
		let s = seed_of(10u64, vrf(1, A, true), vrf(2, B, true), false).unwrap();
		let other_prev = seed_of(10u64, vrf(3, A, true), vrf(2, B, true), false).unwrap();
		let other_now = seed_of(10u64, vrf(1, A, true), vrf(4, B, true), false).unwrap();
		assert_ne!(s.bytes, other_prev.bytes);
		assert_ne!(s.bytes, other_now.bytes);
		assert_ne!(s.for_subject(b"deai/assign"), s.for_subject(b"deai/sample"));
	}
}
