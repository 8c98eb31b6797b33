//! Tasks waiting for nodes: creation, the fee-ordered queue with its bounds, eviction and
//! cancellation.

use crate::*;
use alloc::vec::Vec;
use deai_primitives::TaskId;
use frame_support::{defensive, ensure, pallet_prelude::*};
use sp_runtime::{
	traits::{CheckedMul, Saturating, UniqueSaturatedInto, Zero},
	ArithmeticError,
};

impl<T: Config> Pallet<T> {
	/// Creates and queues a task verified by `redundancy` nodes; returns its id and whether it
	/// evicted another.
	pub(crate) fn do_create_task(
		creator: T::AccountId,
		model: ModelId,
		input: Vec<u8>,
		fee_per_node: BalanceOf<T>,
		redundancy: Option<u32>,
	) -> Result<(TaskId, bool), DispatchError> {
		let redundancy = redundancy.unwrap_or_else(T::DefaultRedundancy::get);
		ensure!(redundancy >= 1 && redundancy <= T::MaxRedundancy::get(), Error::<T>::BadRedundancy);
		Self::create(creator, model, input, fee_per_node, redundancy, Verification::Full, Zero::zero())
	}

	/// Creates and queues a sampled task, checked with probability `permille / 1000`; returns
	/// its id and whether it evicted another.
	pub(crate) fn do_create_sampled_task(
		creator: T::AccountId,
		model: ModelId,
		input: Vec<u8>,
		fee_per_node: BalanceOf<T>,
		permille: u16,
	) -> Result<(TaskId, bool), DispatchError> {
		ensure!(Models::<T>::contains_key(model), Error::<T>::UnknownModel);
		ensure!(permille >= 1 && permille <= 1000, Error::<T>::BadSamplingRate);
		let pool = Pools::<T>::get(model).unwrap_or_default();
		ensure!(pool.active > SAMPLE_CHECKERS, Error::<T>::NotEnoughNodes);
		// The promise that cheating does not pay is kept at the draw, for whoever is drawn: only
		// a node with this much stake free of its other sampled tasks' is drawn as primary.
		// Refused at once when no active node has that much stake at all.
		let needed = Self::stake_needed(fee_per_node, permille).ok_or(Error::<T>::CheatingWouldPay)?;
		let most: u128 = pool.buckets.iter().map(|b| b.max_active_stake).max().unwrap_or(0);
		let needed_u128: u128 = needed.unique_saturated_into();
		ensure!(needed_u128 <= most, Error::<T>::CheatingWouldPay);
		let sampled = Verification::Sampled { permille, checked: None };
		Self::create(creator, model, input, fee_per_node, 1, sampled, needed)
	}

	/// The stake at which a sampled task's primary gains nothing by cheating: with `s =
	/// permille / 1000`, `a = MaxCheckerCollusion` (the share of the checkers' draw an attacker
	/// may hold) and `p = s * (1 - a)^2` (the chance a cheat meets a check by two honest
	/// checkers; one colluding checker is enough to outvote the honest one), cheating forgoes
	/// at most the fee `f` and risks the slash: it does not pay when
	/// `p * SlashFraction * stake >= (1 - p) * f`. `None` when no stake is enough (`p` or
	/// `SlashFraction` zero). See the pallet README for worked examples.
	pub fn stake_needed(fee: BalanceOf<T>, permille: u16) -> Option<BalanceOf<T>> {
		use sp_runtime::{helpers_128bit::multiply_by_rational_with_rounding, Rounding};
		const BILLION: u128 = 1_000_000_000;
		let honest = BILLION.saturating_sub(T::MaxCheckerCollusion::get().deconstruct() as u128);
		let s = (permille as u128).saturating_mul(1_000_000);
		let p = s.saturating_mul(honest) / BILLION * honest / BILLION;
		let slash = T::SlashFraction::get().deconstruct() as u128;
		let denominator = p.checked_mul(slash).filter(|d| *d > 0)?;
		let fee: u128 = fee.unique_saturated_into();
		let needed = multiply_by_rational_with_rounding(
			fee,
			BILLION.saturating_sub(p).saturating_mul(BILLION),
			denominator,
			Rounding::Up,
		)?;
		Some(needed.unique_saturated_into())
	}

	/// Validates, holds the fee, and queues a task; returns its id and whether it evicted
	/// another.
	fn create(
		creator: T::AccountId,
		model: ModelId,
		input: Vec<u8>,
		fee_per_node: BalanceOf<T>,
		redundancy: u32,
		verification: Verification,
		stake_needed: BalanceOf<T>,
	) -> Result<(TaskId, bool), DispatchError> {
		let mut info = Models::<T>::get(model).ok_or(Error::<T>::UnknownModel)?;
		let input: BoundedVec<u8, T::MaxInputLen> =
			BoundedVec::try_from(input).map_err(|_| Error::<T>::InputTooLarge)?;
		ensure!(info.spec.input_len() == Some(input.len() as u32), Error::<T>::InputLengthMismatch);
		ensure!(fee_per_node >= T::MinFeePerNode::get(), Error::<T>::FeeTooLow);
		// A sampled task may need its primary and two checkers.
		let nodes = if verification.is_sampled() { 1 + SAMPLE_CHECKERS } else { redundancy };
		let pool = Pools::<T>::get(model).unwrap_or_default();
		ensure!(nodes <= pool.active, Error::<T>::NotEnoughNodes);
		// A model's queue holds no more than its active nodes can serve before the queue
		// timeout (their slots, each freed at a commit, taken as two blocks per task), counting
		// every queued task as needing this one's nodes: tasks no node will take cannot hold
		// the queue. (A node serving several models counts its slots in each.)
		let rounds: u32 = (T::QueueTimeout::get() / 2u32.into()).unique_saturated_into();
		let servable = pool.active_slots().saturating_mul(rounds.max(1)) / nodes.max(1);
		let model_bound = T::MaxQueuedPerModel::get().min(servable);
		let total = fee_per_node.checked_mul(&nodes.into()).ok_or(ArithmeticError::Overflow)?;

		let now = frame_system::Pallet::<T>::block_number();
		let id = NextTaskId::<T>::get();
		let mut queue = Queue::<T>::get();
		// Room: in the model's share first, then in the whole queue; a full one drops its
		// cheapest task if the new one pays strictly more per node.
		let evicted = if info.queued >= model_bound {
			let i = queue.iter().rposition(|e| e.model == model).ok_or(Error::<T>::ModelQueueFull)?;
			ensure!(fee_per_node > queue[i].fee_per_node, Error::<T>::ModelQueueFull);
			Some(queue.remove(i))
		} else if queue.is_full() {
			let cheapest = queue.last().map(|e| e.fee_per_node).unwrap_or_default();
			ensure!(fee_per_node > cheapest, Error::<T>::QueueFull);
			queue.pop()
		} else {
			None
		};
		let position = queue.iter().position(|e| e.fee_per_node < fee_per_node).unwrap_or(queue.len());
		queue
			.try_insert(position, QueueEntry { task: id, fee_per_node, model, redundancy, created_at: now, stake_needed })
			.map_err(|_| Error::<T>::QueueFull)?;

		Self::hold(HoldReason::TaskFee, &creator, total)?;
		let input_deposit = T::InputDepositPerByte::get()
			.checked_mul(&(input.len() as u32).into())
			.ok_or(ArithmeticError::Overflow)?;
		Self::hold(HoldReason::InputDeposit, &creator, input_deposit)?;
		Tasks::<T>::insert(
			id,
			TaskInfo {
				creator: creator.clone(),
				model,
				fee_per_node,
				redundancy,
				created_at: now,
				phase: Phase::Queued,
				deadline: now.saturating_add(T::QueueTimeout::get()),
				assignments: Default::default(),
				result: None,
				held_fee: total,
				verification,
				checkers_by: Zero::zero(),
				primary_risk: Zero::zero(),
				input_deposit,
			},
		);
		Inputs::<T>::insert(id, input);
		NextTaskId::<T>::put(id.saturating_add(1));
		info.open_tasks.saturating_inc();
		info.queued.saturating_inc();
		Models::<T>::insert(model, info);
		Queue::<T>::put(queue);
		Self::deposit_event(Event::TaskCreated { task: id, creator: creator.clone(), model, fee_per_node, redundancy });

		let evicting = evicted.is_some();
		if let Some(entry) = evicted {
			// Taking another task's place costs the newcomer the cancellation charge, paid at
			// once: however the newcomer ends (drawn, timed out, evicted in turn, cancelled), the
			// eviction was not free.
			let charge = Self::charge_for(total);
			Self::hold(HoldReason::TaskFee, &creator, charge)?;
			let taken = Self::slash_held(HoldReason::TaskFee, &creator, charge);
			Self::deposit_event(Event::EvictionCharged { task: id, evicted: entry.task, amount: taken });
			Self::unqueued(entry.model);
			let task = Tasks::<T>::get(entry.task).ok_or(Error::<T>::UnknownTask)?;
			Self::finish(entry.task, task, Phase::Failed(FailReason::Evicted), now)?;
		}
		Ok((id, evicting))
	}

	/// The cancellation (or eviction) charge on a held fee of `held`: `CancellationCharge` of it,
	/// at least `MinFeePerNode`, at most all of it.
	pub(crate) fn charge_for(held: BalanceOf<T>) -> BalanceOf<T> {
		(T::CancellationCharge::get() * held).max(T::MinFeePerNode::get()).min(held)
	}

	/// Cancels `who`'s queued task `id`, taking the cancellation charge.
	pub(crate) fn do_cancel_task(who: T::AccountId, id: TaskId) -> DispatchResult {
		let mut task = Tasks::<T>::get(id).ok_or(Error::<T>::UnknownTask)?;
		ensure!(task.creator == who, Error::<T>::NotTaskCreator);
		ensure!(task.phase == Phase::Queued, Error::<T>::NotQueued);
		Queue::<T>::mutate(|q| q.retain(|e| e.task != id));
		Self::unqueued(task.model);
		let charge = Self::charge_for(task.held_fee);
		if !charge.is_zero() {
			let taken = Self::slash_held(HoldReason::TaskFee, &who, charge);
			task.held_fee = task.held_fee.saturating_sub(taken);
			Self::deposit_event(Event::CancellationCharged { task: id, amount: taken });
		}
		Self::finish(id, task, Phase::Failed(FailReason::Cancelled), frame_system::Pallet::<T>::block_number())
	}

	/// A task of `model` left the queue.
	pub(crate) fn unqueued(model: ModelId) {
		Models::<T>::mutate(model, |m| match m {
			Some(m) => m.queued.saturating_dec(),
			None => {
				defensive!("a queued task's model does not exist");
			},
		});
	}
}
