//! Storage migrations, versioned as FRAME pallets do (`VersionedMigration`).

/// Storage version 1 (Protocol v1) to 2 (Protocol v2).
///
/// - **Models** gain a count of queued tasks. A comparison that v2 refuses at registration is
///   tightened to the loosest one v2 accepts (a `Tolerance` to a thousandth of a unit, a
///   `Hamming` to one bit in eight of the longest result), or to `Exact` when it does not fit the
///   output at all: v1 let unrelated results agree.
/// - **Nodes** keep stake, capacity, reputation and status (a node v1 paused for low reputation
///   starts the cooldown v1 lacked) and count their computations in progress (assignments not
///   committed to); the nodes of each model, a flat list in v1 (`ModelNodes`), become the model's
///   bucketed draw pool. Leaving nodes join no pool.
/// - **Tasks** lose their input, which moves to `Inputs`, and their reveals' order (v2 breaks ties
///   without it); their deadlines move from per-block slots (`Deadlines`, `DeadlineCursor`) to
///   the three deadline logs, in due order, none later than the migration block plus its
///   period (v1 could push a deadline past its slot).
/// - The **queue** keeps its order; its entries gain the stake a sampled task's primary needs
///   (none: v1 had no sampled tasks).
pub mod v2 {
	use crate::*;
	use alloc::{collections::btree_map::BTreeMap, vec::Vec};
	use codec::{Decode, Encode};
	use deai_primitives::{Comparison, OutputEncoding, TaskId};
	use frame_support::{
		migrations::VersionedMigration,
		pallet_prelude::*,
		storage_alias,
		traits::UncheckedOnRuntimeUpgrade,
	};
	use frame_system::pallet_prelude::BlockNumberFor;
	use scale_info::TypeInfo;
	use sp_core::H256;
	use sp_runtime::traits::{Saturating, Zero};

	/// The layout of storage version 1.
	pub mod v1 {
		// `storage_alias` generates undocumented items; each alias is documented by its line.
		#![allow(missing_docs)]
		use super::*;

		/// A registered model (v1).
		#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
		#[scale_info(skip_type_params(T))]
		pub struct ModelInfo<T: Config> {
			/// Owner.
			pub owner: Option<T::AccountId>,
			/// Deposit.
			pub deposit: BalanceOf<T>,
			/// The entry (unchanged in v2).
			pub spec: ModelSpec<T>,
			/// Unfinished tasks.
			pub open_tasks: u32,
		}

		/// A compute node (v1).
		#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
		#[scale_info(skip_type_params(T))]
		pub struct NodeInfo<T: Config> {
			/// Stake.
			pub stake: BalanceOf<T>,
			/// Served models.
			pub models: Vec<H256>,
			/// Capacity.
			pub capacity: u32,
			/// Reputation.
			pub reputation: u32,
			/// Status.
			pub status: NodeStatus,
			/// Leaving.
			pub leaving: bool,
		}

		/// One assigned node's part (v1).
		#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
		#[scale_info(skip_type_params(T))]
		pub struct Assignment<T: Config> {
			/// The node.
			pub node: T::AccountId,
			/// Its commitment.
			pub commitment: Option<H256>,
			/// Its result.
			pub result: Option<BoundedVec<u8, T::MaxResultLen>>,
			/// Its position among the reveals.
			pub reveal_order: Option<u32>,
		}

		/// A task (v1), with its input inside.
		#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
		#[scale_info(skip_type_params(T))]
		pub struct TaskInfo<T: Config> {
			/// Creator.
			pub creator: T::AccountId,
			/// Model.
			pub model: H256,
			/// Input.
			pub input: BoundedVec<u8, T::MaxInputLen>,
			/// Fee per node.
			pub fee_per_node: BalanceOf<T>,
			/// Redundancy.
			pub redundancy: u32,
			/// Inclusion block.
			pub created_at: BlockNumberFor<T>,
			/// Phase.
			pub phase: Phase,
			/// Pending deadline.
			pub deadline: BlockNumberFor<T>,
			/// Assignments.
			pub assignments: Vec<Assignment<T>>,
			/// Result.
			pub result: Option<BoundedVec<u8, T::MaxResultLen>>,
			/// Held fee.
			pub held_fee: BalanceOf<T>,
		}

		/// v1 `Models`.
		#[storage_alias]
		pub type Models<T: Config> = StorageMap<Pallet<T>, Blake2_128Concat, H256, ModelInfo<T>>;
		/// v1 `Nodes`.
		#[storage_alias]
		pub type Nodes<T: Config> =
			StorageMap<Pallet<T>, Blake2_128Concat, <T as frame_system::Config>::AccountId, NodeInfo<T>>;
		/// v1 `ModelNodes`.
		#[storage_alias]
		pub type ModelNodes<T: Config> = StorageMap<
			Pallet<T>,
			Blake2_128Concat,
			H256,
			Vec<<T as frame_system::Config>::AccountId>,
			ValueQuery,
		>;
		/// v1 `Tasks`.
		#[storage_alias]
		pub type Tasks<T: Config> = StorageMap<Pallet<T>, Twox64Concat, TaskId, TaskInfo<T>>;
		/// v1 `Deadlines`.
		#[storage_alias]
		pub type Deadlines<T: Config> =
			StorageMap<Pallet<T>, Twox64Concat, BlockNumberFor<T>, Vec<TaskId>, ValueQuery>;
		/// v1 `DeadlineCursor`.
		#[storage_alias]
		pub type DeadlineCursor<T: Config> = StorageValue<Pallet<T>, BlockNumberFor<T>, ValueQuery>;

		/// A queue entry (v1 and v2): no stake needed by a sampled primary yet.
		#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
		pub struct QueueEntry<Balance, BlockNumber> {
			/// The task.
			pub task: TaskId,
			/// Its fee per node.
			pub fee_per_node: Balance,
			/// Its model.
			pub model: ModelId,
			/// Its redundancy.
			pub redundancy: u32,
			/// Block that included it.
			pub created_at: BlockNumber,
		}

		/// v1 `Queue`.
		#[storage_alias]
		pub type Queue<T: Config> = StorageValue<
			Pallet<T>,
			BoundedVec<QueueEntry<BalanceOf<T>, BlockNumberFor<T>>, <T as Config>::MaxQueueLen>,
			ValueQuery,
		>;
	}

	/// The loosest comparison v2 accepts in place of one it refuses.
	pub fn tightened(comparison: Comparison, output: OutputEncoding, max_result_len: u32) -> Comparison {
		if comparison.fits(&output, max_result_len) {
			return comparison
		}
		match (comparison, output) {
			(Comparison::Tolerance { .. }, OutputEncoding::FixedPoint { scale }) =>
				Comparison::Tolerance { max_abs: (scale as u64 / deai_primitives::TOLERANCE_MAX_SHARE) as u32 },
			(Comparison::Hamming { .. }, OutputEncoding::Threshold { .. }) =>
				Comparison::Hamming { max_bits: max_result_len },
			_ => Comparison::Exact,
		}
	}

	/// The migration's work, run once by [`MigrateV1ToV2`].
	pub struct InnerMigrateV1ToV2<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV1ToV2<T> {
		fn on_runtime_upgrade() -> Weight {
			let (mut reads, mut writes) = (0u64, 0u64);
			let max_result = T::MaxResultLen::get();

			// The queue keeps its order; its entries gain the stake a sampled primary needs (v1
			// had no sampled tasks: none). Count it per model.
			let mut queued: BTreeMap<ModelId, u32> = BTreeMap::new();
			let old_queue = v1::Queue::<T>::take();
			for e in old_queue.iter() {
				*queued.entry(e.model).or_default() += 1;
			}
			let queue = old_queue.into_iter().map(|e| QueueEntry {
				task: e.task,
				fee_per_node: e.fee_per_node,
				model: e.model,
				redundancy: e.redundancy,
				created_at: e.created_at,
				stake_needed: Zero::zero(),
			});
			Queue::<T>::put(BoundedVec::truncate_from(queue.collect::<Vec<_>>()));
			reads += 1;
			writes += 1;

			let old_models: Vec<(H256, v1::ModelInfo<T>)> = v1::Models::<T>::drain().collect();
			for (id, old) in old_models {
				let mut spec = old.spec;
				spec.comparison = tightened(spec.comparison, spec.output, max_result);
				Models::<T>::insert(
					id.0,
					ModelInfo {
						owner: old.owner,
						deposit: old.deposit,
						spec,
						open_tasks: old.open_tasks,
						queued: queued.get(&id.0).copied().unwrap_or(0),
					},
				);
				reads += 1;
				writes += 1;
			}

			let _ = v1::ModelNodes::<T>::clear(u32::MAX, None);
			let now = frame_system::Pallet::<T>::block_number();
			// Each node's computations in progress: its assignments without a commitment.
			let mut computing: BTreeMap<T::AccountId, u32> = BTreeMap::new();
			for (_, task) in v1::Tasks::<T>::iter() {
				reads += 1;
				if task.phase.is_open() {
					for a in task.assignments.iter().filter(|a| a.commitment.is_none()) {
						*computing.entry(a.node.clone()).or_default() += 1;
					}
				}
			}
			let old_nodes: Vec<(T::AccountId, v1::NodeInfo<T>)> = v1::Nodes::<T>::drain().collect();
			for (who, old) in old_nodes {
				reads += 2;
				let mut node = NodeInfo::<T> {
					stake: old.stake,
					models: Default::default(),
					capacity: old.capacity,
					reputation: old.reputation,
					status: old.status,
					leaving: old.leaving,
					// v1 had no cooldown: a node it paused for low reputation starts one now.
					resume_after: if old.status == NodeStatus::AutoPaused {
						now.saturating_add(T::ResumeCooldown::get())
					} else {
						Zero::zero()
					},
					bonded_until: Zero::zero(),
					computing: computing.get(&who).copied().unwrap_or(0),
					load: Pallet::<T>::load(&who),
					at_risk: Zero::zero(),
				};
				let standing = Pallet::<T>::standing(&node);
				for model in old.models.iter().take(T::MaxModelsPerNode::get() as usize) {
					// Leaving nodes join no pool; their slot's bucket is never read.
					let bucket = if old.leaving {
						0
					} else {
						match Pallet::<T>::pool_insert(model.0, &who, standing) {
							Ok((b, _)) => b,
							Err(_) => continue,
						}
					};
					let _ = node.models.try_push(PoolSlot { model: model.0, bucket });
					reads += 2;
					writes += 2;
				}
				Nodes::<T>::insert(&who, node);
				writes += 1;
			}

			let mut due: Vec<(BlockNumberFor<T>, DeadlineKind, TaskId)> = Vec::new();
			let old_tasks: Vec<(TaskId, v1::TaskInfo<T>)> = v1::Tasks::<T>::drain().collect();
			for (id, old) in old_tasks {
				reads += 1;
				writes += 2;
				// v1 could push a deadline past its slot; v2's logs need each kind in due order
				// behind what will be appended from now on, so no deadline lies beyond `now` plus
				// its period (a queued task's is its queue timeout).
				let (kind, deadline) = match old.phase {
					Phase::Queued => (None, old.created_at.saturating_add(T::QueueTimeout::get())),
					Phase::Commit =>
						(Some(DeadlineKind::CommitEnd), old.deadline.min(now.saturating_add(T::CommitPeriod::get()))),
					Phase::Reveal =>
						(Some(DeadlineKind::RevealEnd), old.deadline.min(now.saturating_add(T::RevealPeriod::get()))),
					Phase::Completed | Phase::Failed(_) =>
						(Some(DeadlineKind::Prune), old.deadline.min(now.saturating_add(T::RetentionPeriod::get()))),
				};
				if let Some(kind) = kind {
					due.push((deadline, kind, id));
				}
				Inputs::<T>::insert(id, old.input);
				let assignments = old
					.assignments
					.into_iter()
					.map(|a| Assignment { node: a.node, commitment: a.commitment, result: a.result })
					.collect::<Vec<_>>();
				Tasks::<T>::insert(
					id,
					TaskInfo {
						creator: old.creator,
						model: old.model.0,
						fee_per_node: old.fee_per_node,
						redundancy: old.redundancy,
						created_at: old.created_at,
						phase: old.phase,
						deadline,
						assignments: BoundedVec::truncate_from(assignments),
						result: old.result,
						held_fee: old.held_fee,
						verification: Verification::Full,
						checkers_by: Zero::zero(),
						primary_risk: Zero::zero(),
						input_deposit: Zero::zero(),
					},
				);
			}
			due.sort();
			for (at, kind, id) in due {
				Pallet::<T>::schedule(kind, id, at);
				writes += 1;
			}
			let _ = v1::Deadlines::<T>::clear(u32::MAX, None);
			v1::DeadlineCursor::<T>::kill();
			writes += 2;
			T::DbWeight::get().reads_writes(reads, writes)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			let counts = (
				v1::Models::<T>::iter().count() as u32,
				v1::Nodes::<T>::iter().count() as u32,
				v1::Tasks::<T>::iter().count() as u32,
			);
			Ok(counts.encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let (models, nodes, tasks) = <(u32, u32, u32)>::decode(&mut &state[..])
				.map_err(|_| "cannot decode the pre-upgrade counts")?;
			ensure!(Models::<T>::iter().count() as u32 == models, "models lost");
			ensure!(Nodes::<T>::iter().count() as u32 == nodes, "nodes lost");
			ensure!(Tasks::<T>::iter().count() as u32 == tasks, "tasks lost");
			Pallet::<T>::do_try_state()
		}
	}

	/// Migrates storage version 1 to 2, once; a no-op on any other version.
	pub type MigrateV1ToV2<T> = VersionedMigration<
		1,
		2,
		InnerMigrateV1ToV2<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;

}
