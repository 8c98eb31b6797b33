//! Reads each new block's events: what the played compute nodes must do next (commit, reveal),
//! what settled, and the weight each kind of extrinsic reported.

use super::{accounts::Actor, cpu, sender::Sender};
use crate::api::{runtime, Event};
use anyhow::{Context, Result};
use std::{collections::HashMap, sync::Arc};
use subxt::{config::substrate::H256, events::Phase, utils::AccountId32};

/// What one played compute node must send.
pub enum Reaction {
	/// Commit to its result for `task`.
	Commit {
		/// The task.
		task: u64,
		/// The node.
		node: Arc<Actor>,
	},
	/// Reveal its result for `task`.
	Reveal {
		/// The task.
		task: u64,
		/// The node.
		node: Arc<Actor>,
	},
}

/// One block's figures.
#[derive(Clone, Debug, Default)]
pub struct BlockStats {
	/// Its number.
	pub number: u64,
	/// Tasks that settled with a verified result.
	pub completed: u32,
	/// Tasks that failed.
	pub failed: u32,
	/// Its extrinsics (those that were applied, the inherents included).
	pub extrinsics: u32,
	/// The share of the normal class's limit its normal extrinsics used.
	pub normal: f64,
	/// The share of the block its mandatory work (inherents and hooks) used.
	pub mandatory: f64,
}

/// The block's weight limits (`System::BlockWeights`), in picoseconds of reference time.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
	/// The whole block.
	pub max_block: u64,
	/// The normal class's share.
	pub normal_max: u64,
}

/// Reads the block's weight limits from the node's runtime.
pub async fn block_limits(sender: &Sender) -> Result<Limits> {
	let at = sender.client().at_current_block().await?;
	let weights = at.constants().entry(runtime::constants().system().block_weights()).context("read System::BlockWeights")?;
	let max_block = weights.max_block.ref_time;
	let normal_max = weights.per_class.normal.max_total.map_or(max_block, |w| w.ref_time);
	Ok(Limits { max_block, normal_max })
}

/// Sums of the weights one kind of extrinsic reported.
#[derive(Clone, Copy, Debug, Default)]
pub struct WeightSum {
	/// Their number.
	pub count: u64,
	/// Their reference time, summed (picoseconds).
	pub ref_time: u128,
}

impl WeightSum {
	fn add(&mut self, ref_time: u64) {
		self.count += 1;
		self.ref_time += ref_time as u128;
	}

	/// The mean in microseconds (0 when none).
	pub fn mean_micros(&self) -> f64 {
		if self.count == 0 {
			0.0
		} else {
			self.ref_time as f64 / self.count as f64 / 1e6
		}
	}
}

/// Follows the run's blocks: the tasks assigned to the played nodes, and what was measured.
pub struct Observer {
	ours: HashMap<[u8; 32], Arc<Actor>>,
	assigned: HashMap<u64, Vec<Arc<Actor>>>,
	/// Weights reported by task creations (in the measured window, as the others).
	pub create: WeightSum,
	/// By commits.
	pub commit: WeightSum,
	/// By reveals that did not settle their task.
	pub reveal: WeightSum,
	/// By reveals that settled their task (the last of a task).
	pub settle: WeightSum,
	/// Why tasks failed, with how many.
	pub failures: HashMap<String, u32>,
	/// Whether the measured window is open: weights are summed over it only.
	pub measuring: bool,
	/// Tasks that ended (settled or failed) in the measured window.
	pub ended: u64,
	/// The CPU used over the measured window, once it closed.
	pub cpu: Option<cpu::Window>,
}

impl Observer {
	/// An observer of the played compute nodes `nodes`.
	pub fn new(nodes: &[Arc<Actor>]) -> Self {
		Self {
			ours: nodes.iter().map(|n| (n.account().0, n.clone())).collect(),
			assigned: HashMap::new(),
			create: Default::default(),
			commit: Default::default(),
			reveal: Default::default(),
			settle: Default::default(),
			failures: HashMap::new(),
			measuring: false,
			ended: 0,
			cpu: None,
		}
	}

	/// Records the CPU used over the measured window.
	pub fn set_cpu(&mut self, window: cpu::Window) {
		self.cpu = Some(window);
	}

	/// How many transfers from `funder` block `hash` holds.
	pub async fn count_transfers(&self, sender: &Sender, hash: H256, funder: &AccountId32) -> Result<usize> {
		let events = sender.client().at_block(hash).await?.events().fetch().await?;
		let mut count = 0;
		for event in events.iter() {
			if let Some(transfer) = event?.decode_fields_as::<runtime::balances::events::Transfer>() {
				count += usize::from(transfer?.from == *funder);
			}
		}
		Ok(count)
	}

	/// How many of the played nodes joined in block `hash`.
	pub async fn count_joins(&self, sender: &Sender, hash: H256) -> Result<usize> {
		let events = sender.client().at_block(hash).await?.events().fetch().await?;
		let mut count = 0;
		for event in events.iter() {
			if let Some(Ok(Event::NodeJoined { node, .. })) = Event::decode(&event?) {
				count += usize::from(self.ours.contains_key(&node.0));
			}
		}
		Ok(count)
	}

	/// Block `hash` (number `number`): its figures, and what the played nodes must send now.
	pub async fn block(&mut self, sender: &Sender, hash: H256, number: u64, limits: &Limits) -> Result<(BlockStats, Vec<Reaction>)> {
		let at = sender.client().at_block(hash).await?;
		let events = at.events().fetch().await?;
		let weight = at.storage().fetch(runtime::storage().system().block_weight(), ()).await?.decode()?;
		let mut stats = BlockStats {
			number,
			normal: weight.normal.ref_time as f64 / limits.normal_max as f64,
			mandatory: weight.mandatory.ref_time as f64 / limits.max_block as f64,
			..Default::default()
		};
		let mut reactions = Vec::new();
		// Per extrinsic: the inference events it emitted, to tell what kind it was.
		let mut kinds: HashMap<u32, (bool, bool, bool, bool)> = HashMap::new();
		let mut applied: Vec<(u32, u64)> = Vec::new();
		for event in events.iter() {
			let event = event?;
			let index = match event.phase() {
				Phase::ApplyExtrinsic(i) => Some(i),
				_ => None,
			};
			if let Some(ok) = event.decode_fields_as::<runtime::system::events::ExtrinsicSuccess>() {
				stats.extrinsics += 1;
				if let Some(i) = index {
					applied.push((i, ok?.dispatch_info.weight.ref_time));
				}
				continue;
			}
			if event.decode_fields_as::<runtime::system::events::ExtrinsicFailed>().is_some() {
				stats.extrinsics += 1;
				continue;
			}
			let Some(decoded) = Event::decode(&event) else { continue };
			let kind = index.map(|i| kinds.entry(i).or_default());
			match decoded? {
				Event::TaskCreated { .. } => {
					if let Some(k) = kind {
						k.0 = true;
					}
				},
				Event::Committed { .. } => {
					if let Some(k) = kind {
						k.1 = true;
					}
				},
				Event::Revealed { .. } => {
					if let Some(k) = kind {
						k.2 = true;
					}
				},
				Event::TaskAssigned { task, nodes, .. } => {
					for node in nodes.iter().filter_map(|n| self.ours.get(&n.0)) {
						self.assigned.entry(task).or_default().push(node.clone());
						reactions.push(Reaction::Commit { task, node: node.clone() });
					}
				},
				Event::RevealStarted { task, .. } => {
					for node in self.assigned.get(&task).into_iter().flatten() {
						reactions.push(Reaction::Reveal { task, node: node.clone() });
					}
				},
				Event::TaskCompleted { task, .. } => {
					stats.completed += 1;
					self.assigned.remove(&task);
					if let Some(k) = kind {
						k.3 = true;
					}
				},
				Event::TaskFailed { task, reason } => {
					stats.failed += 1;
					self.assigned.remove(&task);
					*self.failures.entry(format!("{reason:?}")).or_default() += 1;
				},
				_ => {},
			}
		}
		if !self.measuring {
			return Ok((stats, reactions));
		}
		self.ended += u64::from(stats.completed + stats.failed);
		for (i, ref_time) in applied {
			match kinds.get(&i) {
				Some((true, ..)) => self.create.add(ref_time),
				Some((_, true, ..)) => self.commit.add(ref_time),
				Some((_, _, true, true)) => self.settle.add(ref_time),
				Some((_, _, true, false)) => self.reveal.add(ref_time),
				_ => {},
			}
		}
		Ok((stats, reactions))
	}
}
