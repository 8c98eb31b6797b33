//! The randomness the runtime feeds the draw.

use core::marker::PhantomData;
use frame_support::traits::Randomness;
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{Hash, One, Saturating};

/// Randomness from the parent block's hash, mixed with the subject.
///
/// In `on_initialize` of block `n` it returns the hash of block `n - 1` and says so: the pallet
/// only draws for tasks included before `n - 1`, so a task's creator cannot know the seed when it
/// submits the task. The author of block `n - 1` could grind its hash: the protocol assumes block
/// authors do not collude with compute nodes (upgrade path: BABE VRF output or a beacon).
pub struct ParentBlockRandomness<T>(PhantomData<T>);

impl<T: frame_system::Config> Randomness<T::Hash, BlockNumberFor<T>> for ParentBlockRandomness<T> {
	fn random(subject: &[u8]) -> (T::Hash, BlockNumberFor<T>) {
		let parent = frame_system::Pallet::<T>::parent_hash();
		let now = frame_system::Pallet::<T>::block_number();
		(T::Hashing::hash_of(&(subject, parent)), now.saturating_sub(One::one()))
	}
}
