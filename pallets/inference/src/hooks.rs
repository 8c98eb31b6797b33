//! The per-block work and its budget, the weights that compose benchmarked units, and the
//! configuration checks of `integrity_test`.
//!
//! Who pays for hook work: `create_task` is charged for the hook work of a task's honest life
//! (its draw at the worst case, the two stale deadline entries it leaves, its pruning, and its
//! queue entry read each block until its timeout), so flooding the hooks costs the flooder. A
//! node serving several models makes its assignment rewrite one pool entry per model: the
//! first is in the creator's prepayment, the others are charged to the node's `commit`.
//! Deadline work caused by misbehaviour (a reveal window that ends with a withheld reveal, a
//! commit window that ends with silent nodes) is paid by the nodes that caused it: a withheld
//! reveal is slashed, silence costs reputation and soon an automatic pause with a cooldown. All
//! of it stays within `MaxHookWeight`; what does not fit waits for the next block, and the
//! windows themselves are enforced by block number, so a late deadline never admits a late
//! commit or reveal.

use crate::{randomness::SeedOf, settlement::Work, *};
use deai_primitives::ERROR_RESULT;
use frame_support::{pallet_prelude::*, weights::WeightMeter};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{UniqueSaturatedInto, Zero};

impl<T: Config> Pallet<T> {
	/// One block's hook work, within `meter`: commit deadlines, reveal deadlines, sampling
	/// decisions, the draw (and queue timeouts), pruning.
	/// `seed` is the block's seed, `None` when it may make no random choice.
	pub(crate) fn run_hooks(now: BlockNumberFor<T>, seed: Option<&SeedOf<T>>, meter: &mut WeightMeter) {
		if meter.try_consume(T::WeightInfo::on_initialize_base()).is_err() {
			return
		}
		Self::process_log(DeadlineKind::CommitEnd, now, seed, meter);
		Self::process_log(DeadlineKind::RevealEnd, now, seed, meter);
		Self::process_log(DeadlineKind::SampleDecision, now, seed, meter);
		Self::assign_queued(now, seed, meter);
		Self::process_log(DeadlineKind::Prune, now, seed, meter);
	}

	/// Reading the block's VRF output and keeping it for the next block: the pallet's record
	/// (one read, one write) and the runtime's reads of the consensus state (the authority list).
	pub fn entropy_weight() -> Weight {
		T::DbWeight::get().reads_writes(2, 1)
	}

	/// Most members of one model's draw pool.
	pub fn pool_capacity() -> u32 {
		T::PoolBucketSize::get().saturating_mul(T::MaxPoolBuckets::get())
	}

	/// `base` (measured with one pool entry rewritten per node of `r`) plus the pool entries
	/// rewritten beyond those.
	pub(crate) fn extra_pool_updates(base: Weight, r: u32, updates: u32) -> Weight {
		match updates.checked_sub(r) {
			Some(extra) if extra > 0 => base.saturating_add(T::WeightInfo::update_pools(extra)),
			_ => base,
		}
	}

	/// `base` (a settlement measured with `r` nodes, each paid and rewriting one pool entry) plus
	/// the `work` done beyond it: more pool entries, removals of leaving nodes, slashes.
	pub(crate) fn with_work(base: Weight, r: u32, work: Work) -> Weight {
		Self::extra_pool_updates(base, r, work.updates)
			.saturating_add(T::WeightInfo::leave(0).saturating_mul(work.removals.into()))
			.saturating_add(T::DbWeight::get().reads_writes(2, 3).saturating_mul(work.slashes.into()))
	}

	/// The worst case of [`Self::with_work`] for `r` nodes.
	pub(crate) fn work_max(r: u32) -> Work {
		Work { updates: r.saturating_mul(T::MaxModelsPerNode::get()), removals: r, slashes: r }
	}

	/// The draw and assignment of a task of redundancy `r` that rewrote `updates` pool entries
	/// (the draw itself always takes `r` rounds).
	pub(crate) fn assign_weight(r: u32, updates: u32) -> Weight {
		Self::extra_pool_updates(T::WeightInfo::assign_task(r, Self::pool_capacity()), r, updates)
	}

	/// The draw and assignment when each node serves one model: what `create_task` prepays. A
	/// node's further models are paid by its `commit` ([`Self::commit_weight`]).
	pub(crate) fn assign_weight_prepaid(r: u32) -> Weight {
		Self::assign_weight(r, r)
	}

	/// The worst case of [`Self::assign_weight`]: every node serving the most models.
	pub(crate) fn assign_weight_max(r: u32) -> Weight {
		Self::assign_weight(r, r.saturating_mul(T::MaxModelsPerNode::get()))
	}

	/// A commit by a node serving `models` models. The benchmark measures a node serving one
	/// model whose commit frees it (one pool entry rewritten); the node pays for the entries of
	/// its other models, which its assignment rewrote and its commit may rewrite again.
	pub fn commit_weight(models: u32) -> Weight {
		let extra = models.saturating_sub(1).saturating_mul(2);
		let w = T::WeightInfo::commit();
		if extra == 0 {
			w
		} else {
			w.saturating_add(T::WeightInfo::update_pools(extra))
		}
	}

	/// Pruning a task: the benchmarked removal, and the release of its input deposit.
	pub fn prune_weight() -> Weight {
		T::WeightInfo::prune().saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}

	/// The rounds a draw may spend setting members aside ([`pool::PRIMARY_REJECTIONS`]): each
	/// reads a bucket and the member's record (its free stake, or its task list).
	pub fn rejections_weight() -> Weight {
		T::DbWeight::get().reads(2).saturating_mul(pool::PRIMARY_REJECTIONS.into())
	}

	/// A draw that found too few nodes after `attempts` rounds (normally none: one read of the
	/// pool record showed too few eligible nodes).
	pub(crate) fn failed_draw_weight(attempts: u32) -> Weight {
		T::DbWeight::get().reads(1u64.saturating_add(attempts.into()))
	}

	/// A settlement of a task of redundancy `r` in its last reveal, having done `work`.
	pub fn settle_weight(r: u32, work: Work) -> Weight {
		Self::with_work(T::WeightInfo::reveal_and_settle(r), r, work)
	}

	/// The worst case of a reveal: the last one, settling the largest task.
	pub fn settle_weight_max() -> Weight {
		let r = T::MaxRedundancy::get();
		Self::settle_weight(r, Self::work_max(r)).max(T::WeightInfo::reveal())
	}

	/// A sampling step that ended the decision (measured: a check with both checkers drawn, or
	/// the task failed `NoCheckers`), having rewritten `updates` pool entries.
	pub(crate) fn sample_weight(updates: u32) -> Weight {
		Self::extra_pool_updates(T::WeightInfo::decide_sample(), SAMPLE_CHECKERS, updates)
			.max(T::WeightInfo::no_checkers())
	}

	/// A checked task whose checkers could not be drawn yet tries again next block (measured: a
	/// draw that set a busy node aside in each of its rounds, and the rescheduling).
	pub(crate) fn sample_retry_weight() -> Weight {
		T::WeightInfo::sample_retry()
	}

	/// The worst case of one entry of a deadline log.
	pub(crate) fn deadline_weight_max(kind: DeadlineKind) -> Weight {
		let r = T::MaxRedundancy::get();
		let step = match kind {
			DeadlineKind::SampleDecision =>
				Self::sample_weight(SAMPLE_CHECKERS.saturating_mul(T::MaxModelsPerNode::get()))
					.saturating_add(Self::sample_retry_weight())
					.saturating_add(Self::rejections_weight()),
			DeadlineKind::CommitEnd => Self::with_work(T::WeightInfo::commit_deadline(r), r, Self::work_max(r)),
			DeadlineKind::RevealEnd => Self::with_work(T::WeightInfo::reveal_deadline(r), r, Self::work_max(r)),
			DeadlineKind::Prune => Self::prune_weight(),
		};
		step.max(T::WeightInfo::deadline_stale())
	}

	/// What `create_task` reserves: its own work on an `input_len`-byte input at the worst case
	/// (evicting a queued task) and the hook work of the task's honest life (see the module
	/// docs), its draw for nodes serving one model each.
	pub fn create_task_weight(input_len: u32, redundancy: Option<u32>) -> Weight {
		Self::create_task_charged(input_len, redundancy, true)
			.max(Self::create_task_charged(input_len, redundancy, false))
	}

	/// What `create_task` is charged once it ran: as [`Self::create_task_weight`], with the
	/// eviction only when one happened.
	pub fn create_task_charged(input_len: u32, redundancy: Option<u32>, evicted: bool) -> Weight {
		let r = redundancy.unwrap_or_else(T::DefaultRedundancy::get).clamp(1, T::MaxRedundancy::get());
		let per_block_entry = T::WeightInfo::queue_scan(1).saturating_sub(T::WeightInfo::queue_scan(0));
		let waiting: u32 = T::QueueTimeout::get().unique_saturated_into();
		let own = if evicted {
			T::WeightInfo::create_task_evicting(input_len)
		} else {
			T::WeightInfo::create_task(input_len)
		};
		own.saturating_add(Self::assign_weight_prepaid(r))
			.saturating_add(T::WeightInfo::deadline_stale().saturating_mul(2))
			.saturating_add(Self::prune_weight())
			.saturating_add(per_block_entry.saturating_mul(waiting.into()))
	}

	/// What `create_sampled_task` reserves: as `create_task` for one node, plus the sampling
	/// decision with its checkers' draw for nodes serving one model each (twice: the checkers may
	/// be drawn one at a time), the decision put off in each block of the `CommitPeriod` it may
	/// wait for a seed, and the draw tried again in each block of the `CommitPeriod` the checkers
	/// may take to become free.
	pub fn create_sampled_task_weight(input_len: u32) -> Weight {
		Self::create_sampled_task_charged(input_len, true).max(Self::create_sampled_task_charged(input_len, false))
	}

	/// What `create_sampled_task` is charged once it ran (the eviction only when one happened).
	pub fn create_sampled_task_charged(input_len: u32, evicted: bool) -> Weight {
		let retries: u32 = T::CommitPeriod::get().unique_saturated_into();
		// What creating a sampled task costs beyond an ordinary one (its primary's stake bound).
		let sampled = T::WeightInfo::create_sampled_task(input_len).saturating_sub(T::WeightInfo::create_task(input_len));
		Self::create_task_charged(input_len, Some(1), evicted)
			.saturating_add(sampled)
			.saturating_add(Self::rejections_weight().saturating_mul(3))
			.saturating_add(Self::sample_weight(SAMPLE_CHECKERS).saturating_mul(2))
			.saturating_add(Self::sample_retry_weight().saturating_mul(retries.saturating_mul(2).into()))
			.saturating_add(T::WeightInfo::deadline_stale())
	}

	/// The configuration makes sense: run by `integrity_test`.
	pub(crate) fn check_constants() {
		assert!(!T::MinStake::get().is_zero(), "MinStake must be positive");
		assert!(!T::MinFeePerNode::get().is_zero(), "MinFeePerNode must be positive");
		assert!(!T::SlashFraction::get().is_zero(), "SlashFraction must be positive");
		let (default_r, max_r) = (T::DefaultRedundancy::get(), T::MaxRedundancy::get());
		assert!(default_r >= 1 && default_r <= max_r, "1 <= DefaultRedundancy <= MaxRedundancy");
		assert!(T::PoolBucketSize::get() >= 1 && T::MaxPoolBuckets::get() >= 1, "pools need room");
		assert!(max_r <= Self::pool_capacity(), "MaxRedundancy <= a pool's capacity");
		assert!(
			T::MaxResultLen::get() as usize >= ERROR_RESULT.len(),
			"the error result must fit in MaxResultLen"
		);
		assert!(T::MaxInputLen::get() >= 1 && T::MaxShapeDims::get() >= 1);
		assert!(T::MaxModelsPerNode::get() >= 1 && T::MaxCapacity::get() >= 1);
		// Every active node (at least `MinStake`, at least the reputation floor) has a slot.
		let min_stake: u128 = T::MinStake::get().unique_saturated_into();
		let per_slot: u128 = T::StakePerSlot::get().unique_saturated_into();
		assert!(
			!T::StakePerSlot::get().is_zero() &&
				min_stake.saturating_mul(T::ReputationFloor::get() as u128) >=
					per_slot.saturating_mul(T::MaxReputation::get() as u128),
			"0 < StakePerSlot <= MinStake * ReputationFloor / MaxReputation"
		);
		assert!(
			T::MaxQueuedPerModel::get() >= 1 && T::MaxQueuedPerModel::get() <= T::MaxQueueLen::get(),
			"1 <= MaxQueuedPerModel <= MaxQueueLen"
		);
		// A task is drawn in the block after its inclusion and its nodes act in the blocks after
		// that: windows of one block could never be used.
		let two: BlockNumberFor<T> = 2u32.into();
		for (name, period) in [
			("QueueTimeout", T::QueueTimeout::get()),
			("CommitPeriod", T::CommitPeriod::get()),
			("RevealPeriod", T::RevealPeriod::get()),
		] {
			assert!(period >= two, "{name} must be at least two blocks");
		}
		for (name, period) in [
			("RetentionPeriod", T::RetentionPeriod::get()),
			("ResumeCooldown", T::ResumeCooldown::get()),
			("ReputationMemory", T::ReputationMemory::get()),
		] {
			assert!(!period.is_zero(), "{name} must be at least one block");
		}
		let (initial, max, floor) =
			(T::InitialReputation::get(), T::MaxReputation::get(), T::ReputationFloor::get());
		let (penalty, reward) = (T::ReputationPenalty::get(), T::ReputationReward::get());
		assert!(max > 0 && floor <= initial, "ReputationFloor <= InitialReputation");
		// Probation: one honest task lifts a node above every new account.
		assert!(reward > 0 && initial.saturating_add(reward) <= max, "InitialReputation + reward <= max");
		assert!(penalty > 0, "ReputationPenalty must be positive");

		// The hooks always make progress: one worst step of each kind fits the budget.
		let budget = T::MaxHookWeight::get();
		let one_of_each = T::WeightInfo::on_initialize_base()
			.saturating_add(T::WeightInfo::queue_scan(T::MaxQueueLen::get()))
			.saturating_add(Self::assign_weight_max(max_r))
			.saturating_add(Self::deadline_weight_max(DeadlineKind::CommitEnd))
			.saturating_add(Self::deadline_weight_max(DeadlineKind::RevealEnd))
			.saturating_add(Self::deadline_weight_max(DeadlineKind::Prune))
			.saturating_add(Self::deadline_weight_max(DeadlineKind::SampleDecision))
			.saturating_add(T::DbWeight::get().reads_writes(8, 8));
		assert!(
			one_of_each.all_lte(budget),
			"MaxHookWeight ({budget:?}) must fit one worst step of each kind ({one_of_each:?})"
		);
		// The budget leaves normal transactions their whole share of the block.
		let weights = <T as frame_system::Config>::BlockWeights::get();
		let normal = weights
			.get(frame_support::dispatch::DispatchClass::Normal)
			.max_total
			.unwrap_or(weights.max_block);
		let room = weights.max_block.saturating_sub(normal).saturating_sub(weights.base_block);
		assert!(
			budget.all_lte(room),
			"MaxHookWeight ({budget:?}) exceeds the block's room beside normal transactions ({room:?})"
		);
		// The largest calls fit in a block.
		for (name, w) in [
			("create_task", Self::create_task_weight(T::MaxInputLen::get(), Some(max_r))),
			("create_sampled_task", Self::create_sampled_task_weight(T::MaxInputLen::get())),
			("reveal", Self::settle_weight_max()),
		] {
			assert!(w.all_lte(normal), "{name}'s worst case ({w:?}) exceeds the normal class ({normal:?})");
		}
	}
}
