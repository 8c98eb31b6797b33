//! The draw pools: for each model, its nodes spread over buckets, and the draw over them.
//!
//! A pool's record ([`PoolInfo`]) keeps one summary per bucket: members, eligible members, their
//! stake, and the smallest stake. Every change to a member (its stake, a pause, a task that
//! fills or frees its capacity) rewrites its bucket and the record: two writes, whatever the
//! pool's size. A draw reads the record, then one bucket and one node per attempt, so its cost
//! does not grow with the number of nodes serving the model (only the record's length does, by
//! one summary per `PoolBucketSize` nodes).

use crate::{
	draw::{self, Stage},
	*,
};
use alloc::vec::Vec;
use deai_primitives::TaskId;
use frame_support::{defensive, ensure, pallet_prelude::*};
use sp_runtime::traits::{Saturating, UniqueSaturatedInto};

/// What the pools record about a node: its stake and reputation, whether it is active, whether it
/// has room.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Standing {
	/// Its stake.
	pub stake: u128,
	/// Its reputation.
	pub reputation: u32,
	/// Active and not leaving.
	pub active: bool,
	/// Fewer computations in progress than its capacity allows.
	pub free: bool,
	/// Its slots: tasks it computes at once.
	pub slots: u32,
}

/// The outcome of a draw.
pub struct Drawn<AccountId> {
	/// The nodes chosen, when the draw found enough.
	pub nodes: Option<Vec<AccountId>>,
	/// Attempts made (each read one bucket, unless already read).
	pub attempts: u32,
}

impl<T: Config> Pallet<T> {
	/// How the pools should see `node`.
	pub fn standing(node: &NodeInfo<T>) -> Standing {
		Standing {
			stake: node.stake.unique_saturated_into(),
			reputation: node.reputation,
			active: node.is_active(),
			free: node.computing < node.effective_capacity() && node.load < MaxNodeTasks::<T>::get(),
			slots: node.effective_capacity(),
		}
	}

	/// The number of `who`'s unfinished tasks (as its list holds them).
	pub fn load(who: &T::AccountId) -> u32 {
		NodeTasks::<T>::decode_len(who).unwrap_or(0) as u32
	}

	/// Adds `who` to `model`'s pool and returns its bucket, and whether it displaced a member. A
	/// full pool makes room by displacing its member with the least stake when `who` has more
	/// (that member stops serving the model); otherwise `PoolFull`. Nothing is written on error.
	pub(crate) fn pool_insert(
		model: ModelId,
		who: &T::AccountId,
		standing: Standing,
	) -> Result<(u32, bool), DispatchError> {
		let mut pool = Pools::<T>::get(model).unwrap_or_default();
		let entry = PoolEntry {
			node: who.clone(),
			stake: standing.stake,
			reputation: standing.reputation,
			active: standing.active,
			free: standing.free,
			slots: standing.slots,
		};
		let size = T::PoolBucketSize::get();
		let mut displaced_any = false;
		let bucket = match pool.buckets.iter().position(|b| b.len < size) {
			Some(b) => {
				let mut members = PoolBuckets::<T>::get(model, b as u32);
				members.try_push(entry).map_err(|_| Error::<T>::PoolFull)?;
				pool.buckets[b] = BucketSummary::of(&members);
				PoolBuckets::<T>::insert(model, b as u32, members);
				pool.members.saturating_inc();
				b as u32
			},
			None if !pool.buckets.is_full() => {
				let members: BoundedVec<_, T::PoolBucketSize> = BoundedVec::truncate_from([entry].into());
				let b = pool.buckets.len() as u32;
				pool.buckets.try_push(BucketSummary::of(&members)).map_err(|_| Error::<T>::PoolFull)?;
				PoolBuckets::<T>::insert(model, b, members);
				pool.members.saturating_inc();
				b
			},
			None => {
				let (b, least) = pool
					.buckets
					.iter()
					.enumerate()
					.min_by_key(|(_, s)| s.min_stake)
					.map(|(b, s)| (b as u32, s.min_stake))
					.ok_or(Error::<T>::PoolFull)?;
				ensure!(standing.stake > least, Error::<T>::PoolFull);
				let mut members = PoolBuckets::<T>::get(model, b);
				let i = members.iter().position(|e| e.stake == least).ok_or(Error::<T>::PoolFull)?;
				let displaced = core::mem::replace(&mut members[i], entry);
				if displaced.active {
					pool.active.saturating_dec();
					pool.active_since = frame_system::Pallet::<T>::block_number();
				}
				pool.buckets[b as usize] = BucketSummary::of(&members);
				PoolBuckets::<T>::insert(model, b, members);
				Nodes::<T>::mutate(&displaced.node, |node| {
					if let Some(node) = node {
						node.models.retain(|s| s.model != model);
					}
				});
				Self::deposit_event(Event::NodeDisplaced { node: displaced.node, model, by: who.clone() });
				displaced_any = true;
				b
			},
		};
		if standing.active {
			pool.active.saturating_inc();
			pool.active_since = frame_system::Pallet::<T>::block_number();
		}
		Pools::<T>::insert(model, pool);
		Ok((bucket, displaced_any))
	}

	/// Removes `who` from `model`'s pool (bucket `bucket`); empty buckets and pools leave no
	/// storage behind.
	pub(crate) fn pool_remove(model: ModelId, bucket: u32, who: &T::AccountId) {
		let Some(mut pool) = Pools::<T>::get(model) else {
			defensive!("a node's pool does not exist");
			return
		};
		let mut members = PoolBuckets::<T>::get(model, bucket);
		let Some(i) = members.iter().position(|e| &e.node == who) else {
			defensive!("a node is missing from its pool bucket");
			return
		};
		let removed = members.swap_remove(i);
		pool.members.saturating_dec();
		if removed.active {
			pool.active.saturating_dec();
			pool.active_since = frame_system::Pallet::<T>::block_number();
		}
		if let Some(summary) = pool.buckets.get_mut(bucket as usize) {
			*summary = BucketSummary::of(&members);
		}
		if members.is_empty() {
			PoolBuckets::<T>::remove(model, bucket);
		} else {
			PoolBuckets::<T>::insert(model, bucket, members);
		}
		if pool.members == 0 {
			Pools::<T>::remove(model);
		} else {
			Pools::<T>::insert(model, pool);
		}
	}

	/// Records `who`'s new standing in `model`'s pool.
	fn pool_update(model: ModelId, bucket: u32, who: &T::AccountId, standing: Standing) {
		let Some(mut pool) = Pools::<T>::get(model) else {
			defensive!("a node's pool does not exist");
			return
		};
		let mut members = PoolBuckets::<T>::get(model, bucket);
		let Some(entry) = members.iter_mut().find(|e| &e.node == who) else {
			defensive!("a node is missing from its pool bucket");
			return
		};
		match (entry.active, standing.active) {
			(false, true) => pool.active.saturating_inc(),
			(true, false) => pool.active.saturating_dec(),
			_ => {},
		}
		if entry.active != standing.active || (standing.active && entry.stake != standing.stake) {
			pool.active_since = frame_system::Pallet::<T>::block_number();
		}
		entry.stake = standing.stake;
		entry.reputation = standing.reputation;
		entry.active = standing.active;
		entry.free = standing.free;
		entry.slots = standing.slots;
		if let Some(summary) = pool.buckets.get_mut(bucket as usize) {
			*summary = BucketSummary::of(&members);
		}
		PoolBuckets::<T>::insert(model, bucket, members);
		Pools::<T>::insert(model, pool);
	}

	/// Brings every pool of `node` from `before` to `after`; returns the pool entries rewritten
	/// (none when nothing the pools see changed). A leaving node is in no pool.
	pub(crate) fn sync_pools(who: &T::AccountId, node: &NodeInfo<T>, before: Standing, after: Standing) -> u32 {
		if before == after || node.leaving {
			return 0
		}
		for slot in node.models.iter() {
			Self::pool_update(slot.model, slot.bucket, who, after);
		}
		node.models.len() as u32
	}

	/// Draws `r` distinct eligible nodes of `model` for `task`: each round picks a node with
	/// probability proportional to `stake * reputation` among those not chosen yet (a bucket by
	/// its eligible weight, then a member of it by its weight). `None` at once (no attempt) when
	/// fewer than `r` members are eligible.
	pub(crate) fn draw(model: ModelId, r: u32, seed: &[u8], task: TaskId) -> Drawn<T::AccountId> {
		let Some(pool) = Pools::<T>::get(model).filter(|p| p.eligible() >= r) else {
			return Drawn { nodes: None, attempts: 0 }
		};
		let (nodes, attempts) = Self::draw_from(pool, model, r, seed, task, &[], Among::Free, &|_| true);
		Drawn { nodes: (nodes.len() as u32 == r).then_some(nodes), attempts }
	}

	/// Draws a sampled task's primary among the free nodes of `model`, as [`Self::draw`] draws,
	/// but only a node whose stake free of its other sampled tasks' (`stake - at_risk`) covers
	/// `needed`: a node drawn without it is set aside and the draw goes on among the others, at
	/// most [`PRIMARY_REJECTIONS`] times (rejection keeps the draw proportional to `stake *
	/// reputation` among the nodes that qualify). `None` when none qualified in time.
	pub(crate) fn draw_primary(model: ModelId, needed: BalanceOf<T>, seed: &[u8], task: TaskId) -> Drawn<T::AccountId> {
		let Some(pool) = Pools::<T>::get(model).filter(|p| p.eligible() >= 1) else {
			return Drawn { nodes: None, attempts: 0 }
		};
		let covers = |e: &PoolEntry<T::AccountId>| {
			Nodes::<T>::get(&e.node).is_some_and(|n| n.stake.saturating_sub(n.at_risk) >= needed)
		};
		let (nodes, attempts) = Self::draw_from(pool, model, 1, seed, task, &[], Among::Free, &covers);
		Drawn { nodes: (nodes.len() == 1).then_some(nodes), attempts }
	}

	/// Up to `r` checkers of a sampled task among the *active* nodes of `model` other than
	/// `exclude` (the task's nodes so far), free or busy, each with probability proportional to
	/// `stake * reputation`: a lazy node that keeps itself free has no better chance of checking
	/// than a busy honest one. A node computing twice its slots already, or whose task list is
	/// full, is set aside. Fewer than `r`, or none, when fewer qualify.
	pub(crate) fn draw_checkers(
		model: ModelId,
		r: u32,
		seed: &[u8],
		task: TaskId,
		exclude: &[T::AccountId],
	) -> (Vec<T::AccountId>, u32) {
		let Some(pool) = Pools::<T>::get(model).filter(|p| p.active > 0) else { return (Vec::new(), 0) };
		// A busy checker computes beyond its slots, up to twice as many tasks at once: checks
		// cannot pile up on a node until it misses their windows.
		let room = |e: &PoolEntry<T::AccountId>| {
			Nodes::<T>::get(&e.node).is_some_and(|n| {
				n.computing < n.effective_capacity().saturating_mul(2) && n.load < MaxNodeTasks::<T>::get()
			})
		};
		Self::draw_from(pool, model, r, seed, task, exclude, Among::Active, &room)
	}

	/// The rounds of a draw of up to `r` nodes from `pool` among the members `among` says, never
	/// picking `exclude`; a picked member `accept` refuses is set aside (its weight leaves the
	/// draw) and costs a round. At most `draw::max_attempts(r) + PRIMARY_REJECTIONS` rounds. The
	/// nodes drawn (possibly fewer than `r`) and the rounds taken.
	#[allow(clippy::too_many_arguments)]
	fn draw_from(
		pool: PoolInfo<T>,
		model: ModelId,
		r: u32,
		seed: &[u8],
		task: TaskId,
		exclude: &[T::AccountId],
		among: Among,
		accept: &dyn Fn(&PoolEntry<T::AccountId>) -> bool,
	) -> (Vec<T::AccountId>, u32) {
		let limit = draw::max_attempts(r).saturating_add(PRIMARY_REJECTIONS);
		let weight = |e: &PoolEntry<T::AccountId>| match among {
			Among::Free => e.weight(),
			Among::Active => e.active_weight(),
		};
		let mut bucket_weights: Vec<u128> = pool
			.buckets
			.iter()
			.map(|b| match among {
				Among::Free => b.eligible_weight,
				Among::Active => b.active_weight,
			})
			.collect();
		let mut loaded: Vec<(u32, BoundedVec<PoolEntry<T::AccountId>, T::PoolBucketSize>)> = Vec::new();
		// Excluded nodes count as chosen already: their stake leaves their bucket's weight.
		let mut chosen: Vec<T::AccountId> = Vec::new();
		for who in exclude {
			chosen.push(who.clone());
			let Some(b) = Nodes::<T>::get(who)
				.and_then(|n| n.models.iter().find(|s| s.model == model).map(|s| s.bucket))
			else {
				continue
			};
			let members = PoolBuckets::<T>::get(model, b);
			if let Some(e) = members.iter().find(|e| &e.node == who) {
				if let Some(w) = bucket_weights.get_mut(b as usize) {
					*w = w.saturating_sub(weight(e));
				}
			}
			loaded.push((b, members));
		}
		let excluded = chosen.len();
		// Members picked but refused by `accept`: out of the draw, not in its result.
		let mut refused: Vec<T::AccountId> = Vec::new();
		let mut attempts = 0;
		while ((chosen.len() - excluded) as u32) < r && attempts < limit {
			let attempt = attempts;
			attempts += 1;
			let total = bucket_weights.iter().fold(0u128, |a, w| a.saturating_add(*w));
			if total == 0 {
				break
			}
			let Some(b) = draw::position(
				bucket_weights.iter().copied(),
				draw::below(seed, task, attempt, Stage::Bucket, total),
			) else {
				break
			};
			let k = match loaded.iter().position(|(i, _)| *i == b as u32) {
				Some(k) => k,
				None => {
					loaded.push((b as u32, PoolBuckets::<T>::get(model, b as u32)));
					loaded.len() - 1
				},
			};
			let members = &loaded[k].1;
			let weight_of = |e: &PoolEntry<T::AccountId>| {
				if chosen.contains(&e.node) || refused.contains(&e.node) {
					0
				} else {
					weight(e)
				}
			};
			let in_bucket = members.iter().fold(0u128, |a, e| a.saturating_add(weight_of(e)));
			if in_bucket == 0 {
				if excluded == 0 && refused.is_empty() {
					defensive!("a pool summary counts stake its bucket does not hold");
				}
				bucket_weights[b] = 0;
				continue
			}
			let Some(i) = draw::position(
				members.iter().map(weight_of),
				draw::below(seed, task, attempt, Stage::Member, in_bucket),
			) else {
				continue
			};
			let picked = &members[i];
			bucket_weights[b] = in_bucket.saturating_sub(weight(picked));
			if accept(picked) {
				chosen.push(picked.node.clone());
			} else {
				refused.push(picked.node.clone());
			}
		}
		(chosen.split_off(excluded), attempts)
	}
}

/// Which members of a pool a draw considers.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Among {
	/// Active members with a free slot (a task's nodes, a sampled task's primary).
	Free,
	/// Active members, free or busy (a sampled task's checkers).
	Active,
}

/// Rounds a draw may spend on members it must set aside (a would-be primary without the stake a
/// sampled task needs, a checker whose task list is full), beyond one per node drawn: prepaid by
/// the task's creation.
pub const PRIMARY_REJECTIONS: u32 = 4;
