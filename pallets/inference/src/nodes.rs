//! Compute nodes: joining with a stake, changing models, capacity and stake, pausing, leaving,
//! and the reputation that weighs the draw.

use crate::*;
use alloc::vec::Vec;
use frame_support::{ensure, pallet_prelude::*};
use sp_runtime::{
	traits::{CheckedAdd, Saturating, Zero},
	ArithmeticError,
};

impl<T: Config> Pallet<T> {
	/// Capacity is between 1 and `MaxCapacity`.
	pub(crate) fn check_capacity(capacity: u32) -> DispatchResult {
		ensure!(capacity >= 1 && capacity <= T::MaxCapacity::get(), Error::<T>::BadCapacity);
		Ok(())
	}

	/// `who` joins with `stake`, serving `models`.
	pub(crate) fn do_join(
		who: T::AccountId,
		stake: BalanceOf<T>,
		models: Vec<ModelId>,
		capacity: u32,
	) -> DispatchResult {
		ensure!(!Nodes::<T>::contains_key(&who), Error::<T>::AlreadyJoined);
		ensure!(stake >= T::MinStake::get(), Error::<T>::StakeTooLow);
		let models = Self::check_models(models)?;
		Self::check_capacity(capacity)?;
		Self::hold(HoldReason::NodeStake, &who, stake)?;
		let now = frame_system::Pallet::<T>::block_number();
		let (reputation, resume_after) = match RetainedReputations::<T>::take(&who) {
			Some(kept) => (kept.reputation, kept.resume_after),
			None => (T::InitialReputation::get(), Zero::zero()),
		};
		// A remembered automatic pause (low reputation, or a cooldown still running) goes on.
		let status = if reputation < T::ReputationFloor::get() || resume_after > now {
			NodeStatus::AutoPaused
		} else {
			NodeStatus::Active
		};
		let mut node = NodeInfo {
			stake,
			models: Default::default(),
			capacity,
			reputation,
			status,
			leaving: false,
			resume_after,
			bonded_until: Zero::zero(),
			computing: 0,
			load: 0,
			at_risk: Zero::zero(),
		};
		let standing = Self::standing(&node);
		for model in models.iter() {
			let (bucket, displaced) = Self::pool_insert(*model, &who, standing)?;
			if displaced {
				node.bonded_until = now.saturating_add(T::ResumeCooldown::get());
			}
			node.models.try_push(PoolSlot { model: *model, bucket }).map_err(|_| Error::<T>::TooManyModels)?;
		}
		Nodes::<T>::insert(&who, node);
		NodeCount::<T>::mutate(|c| c.saturating_inc());
		Self::deposit_event(Event::NodeJoined {
			node: who,
			stake,
			models: models.into_inner(),
			capacity,
			reputation,
		});
		Ok(())
	}

	/// `who` serves `models` with `capacity` from now on.
	pub(crate) fn do_update_node(
		who: T::AccountId,
		models: Vec<ModelId>,
		capacity: u32,
	) -> DispatchResultWithPostInfo {
		let mut node = Nodes::<T>::get(&who).ok_or(Error::<T>::NotANode)?;
		ensure!(!node.leaving, Error::<T>::AlreadyLeaving);
		let models = Self::check_models(models)?;
		Self::check_capacity(capacity)?;
		let before = Self::standing(&node);
		let old = node.models.clone();
		let dropped = old.iter().filter(|s| !models.contains(&s.model)).count() as u32;
		for slot in old.iter().filter(|s| !models.contains(&s.model)) {
			Self::pool_remove(slot.model, slot.bucket, &who);
		}
		node.capacity = capacity;
		node.models.retain(|s| models.contains(&s.model));
		let after = Self::standing(&node);
		let updates = Self::sync_pools(&who, &node, before, after);
		let mut added = 0u32;
		for model in models.iter() {
			if !node.models.iter().any(|s| s.model == *model) {
				let (bucket, displaced) = Self::pool_insert(*model, &who, after)?;
				if displaced {
					let now = frame_system::Pallet::<T>::block_number();
					node.bonded_until = now.saturating_add(T::ResumeCooldown::get());
				}
				node.models
					.try_push(PoolSlot { model: *model, bucket })
					.map_err(|_| Error::<T>::TooManyModels)?;
				added += 1;
			}
		}
		// Keep the caller's order.
		node.models.sort_by_key(|s| models.iter().position(|m| *m == s.model));
		Nodes::<T>::insert(&who, node);
		Self::deposit_event(Event::NodeUpdated { node: who, models: models.into_inner(), capacity });
		let mut weight = T::WeightInfo::update_node(dropped, added);
		if updates > 0 {
			weight = weight.saturating_add(T::WeightInfo::update_pools(updates));
		}
		Ok(Some(weight).into())
	}

	/// Adds `amount` to `who`'s stake.
	pub(crate) fn do_add_stake(who: T::AccountId, amount: BalanceOf<T>) -> DispatchResultWithPostInfo {
		let mut node = Nodes::<T>::get(&who).ok_or(Error::<T>::NotANode)?;
		let stake = node.stake.checked_add(&amount).ok_or(ArithmeticError::Overflow)?;
		Self::hold(HoldReason::NodeStake, &who, amount)?;
		let before = Self::standing(&node);
		node.stake = stake;
		let updates = Self::sync_pools(&who, &node, before, Self::standing(&node));
		Nodes::<T>::insert(&who, node);
		Self::deposit_event(Event::StakeAdded { node: who, amount, stake });
		Ok(Some(T::WeightInfo::add_stake(updates)).into())
	}

	/// `who` stops getting new tasks.
	pub(crate) fn do_pause(who: T::AccountId) -> DispatchResultWithPostInfo {
		let mut node = Nodes::<T>::get(&who).ok_or(Error::<T>::NotANode)?;
		ensure!(node.status == NodeStatus::Active, Error::<T>::NotActive);
		let before = Self::standing(&node);
		node.status = NodeStatus::Paused;
		let updates = Self::sync_pools(&who, &node, before, Self::standing(&node));
		Nodes::<T>::insert(&who, node);
		Self::deposit_event(Event::NodePaused { node: who });
		Ok(Some(T::WeightInfo::pause(updates)).into())
	}

	/// `who` gets new tasks again.
	pub(crate) fn do_resume(who: T::AccountId) -> DispatchResultWithPostInfo {
		let mut node = Nodes::<T>::get(&who).ok_or(Error::<T>::NotANode)?;
		ensure!(node.status != NodeStatus::Active, Error::<T>::NotPaused);
		ensure!(!node.leaving, Error::<T>::AlreadyLeaving);
		ensure!(node.stake >= T::MinStake::get(), Error::<T>::StakeTooLow);
		ensure!(frame_system::Pallet::<T>::block_number() >= node.resume_after, Error::<T>::CoolingDown);
		let before = Self::standing(&node);
		node.status = NodeStatus::Active;
		let floor = T::ReputationFloor::get();
		if node.reputation < floor {
			node.reputation = floor;
			Self::deposit_event(Event::ReputationChanged { node: who.clone(), reputation: floor });
		}
		let updates = Self::sync_pools(&who, &node, before, Self::standing(&node));
		Nodes::<T>::insert(&who, node);
		Self::deposit_event(Event::NodeResumed { node: who });
		Ok(Some(T::WeightInfo::resume(updates)).into())
	}

	/// `who` leaves now, or when its last task ends.
	pub(crate) fn do_leave(who: T::AccountId) -> DispatchResultWithPostInfo {
		let mut node = Nodes::<T>::get(&who).ok_or(Error::<T>::NotANode)?;
		ensure!(!node.leaving, Error::<T>::AlreadyLeaving);
		ensure!(frame_system::Pallet::<T>::block_number() >= node.bonded_until, Error::<T>::Bonded);
		for slot in node.models.iter() {
			Self::pool_remove(slot.model, slot.bucket, &who);
		}
		let models = node.models.len() as u32;
		node.leaving = true;
		let pending = Self::load(&who);
		if pending == 0 {
			Self::remove_node(&who, node)?;
		} else {
			Nodes::<T>::insert(&who, node);
			Self::deposit_event(Event::NodeLeaving { node: who, pending_tasks: pending });
		}
		Ok(Some(T::WeightInfo::leave(models)).into())
	}

	/// Removes a leaving node with no unfinished task (it is in no pool), releases its stake, and
	/// remembers its reputation when it differs from a new account's.
	pub(crate) fn remove_node(who: &T::AccountId, node: NodeInfo<T>) -> DispatchResult {
		Self::release(HoldReason::NodeStake, who, node.stake)?;
		let now = frame_system::Pallet::<T>::block_number();
		if node.reputation != T::InitialReputation::get() || node.resume_after > now {
			RetainedReputations::<T>::insert(
				who,
				RetainedReputation {
					reputation: node.reputation,
					resume_after: node.resume_after,
					expires: now.saturating_add(T::ReputationMemory::get()),
				},
			);
		}
		Nodes::<T>::remove(who);
		NodeTasks::<T>::remove(who);
		NodeCount::<T>::mutate(|c| c.saturating_dec());
		Self::deposit_event(Event::NodeLeft { node: who.clone(), stake: node.stake });
		Ok(())
	}

	/// Forgets the remembered reputation of `account`, once expired.
	pub(crate) fn do_forget_reputation(account: T::AccountId) -> DispatchResult {
		let kept = RetainedReputations::<T>::get(&account).ok_or(Error::<T>::NoRetainedReputation)?;
		ensure!(
			frame_system::Pallet::<T>::block_number() > kept.expires,
			Error::<T>::ReputationNotExpired
		);
		RetainedReputations::<T>::remove(&account);
		Self::deposit_event(Event::ReputationForgotten { account });
		Ok(())
	}

	/// Raises a node's reputation by `ReputationReward`, up to the maximum.
	pub(crate) fn reward(who: &T::AccountId, node: &mut NodeInfo<T>) {
		let before = node.reputation;
		node.reputation =
			node.reputation.saturating_add(T::ReputationReward::get()).min(T::MaxReputation::get());
		if node.reputation != before {
			Self::deposit_event(Event::ReputationChanged { node: who.clone(), reputation: node.reputation });
		}
	}

	/// Lowers a node's reputation by `ReputationPenalty`; below the floor it is paused, with a
	/// cooldown before it may resume.
	pub(crate) fn penalize(who: &T::AccountId, node: &mut NodeInfo<T>) {
		let before = node.reputation;
		node.reputation = node.reputation.saturating_sub(T::ReputationPenalty::get());
		if node.reputation != before {
			Self::deposit_event(Event::ReputationChanged { node: who.clone(), reputation: node.reputation });
		}
		if node.reputation < T::ReputationFloor::get() {
			Self::auto_pause(who, node, AutoPauseReason::LowReputation);
		}
	}

	/// Pauses a node on the chain's decision.
	pub(crate) fn auto_pause(who: &T::AccountId, node: &mut NodeInfo<T>, reason: AutoPauseReason) {
		if reason == AutoPauseReason::LowReputation {
			let until =
				frame_system::Pallet::<T>::block_number().saturating_add(T::ResumeCooldown::get());
			node.resume_after = node.resume_after.max(until);
		}
		if node.status != NodeStatus::AutoPaused {
			node.status = NodeStatus::AutoPaused;
			Self::deposit_event(Event::NodeAutoPaused { node: who.clone(), reason });
		}
	}
}
