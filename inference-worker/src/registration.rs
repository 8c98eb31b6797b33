//! Joining the compute network, or bringing the registration in line with what this worker
//! serves, at start-up.
//!
//! Read at the *best* block (a `join` of the previous run may not be finalized yet), and safe to
//! repeat: a `join` refused with `AlreadyJoined` (the previous run's join landed meanwhile)
//! counts as joined, and the registration is then compared as for any registered node.

use deai_client::{
	api::{self, Call, Event},
	chain::{Chain, TxOutcome},
	keys::format_deai,
};
use anyhow::{bail, Result};
use deai_primitives::{ModelId, NodeStatus, NodeView};
use tracing::{info, warn};

/// A change the registration needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
	/// `join` with the stake, the models and the capacity.
	Join,
	/// `update_node` to the models served here and the capacity asked for.
	Update,
	/// `resume` a paused node.
	Resume,
}

/// What the registration `node` needs so that it serves `models` (sorted) with `capacity`;
/// `resume` asks to resume a paused node.
pub fn changes(node: Option<&NodeView<u128>>, models: &[ModelId], capacity: u32, resume: bool) -> Result<Vec<Change>> {
	let Some(node) = node else { return Ok(vec![Change::Join]) };
	if node.leaving {
		bail!("this account is leaving the compute network; wait until its tasks end, then restart");
	}
	let mut todo = vec![];
	let mut registered = node.models.clone();
	registered.sort();
	if registered != models || node.capacity != capacity {
		todo.push(Change::Update);
	}
	if node.status != NodeStatus::Active && resume {
		todo.push(Change::Resume);
	}
	Ok(todo)
}

/// The operator's explanation of a refused registration call.
pub fn refusal(call: &str, error: &str) -> String {
	let advice = match error.rsplit("::").next().unwrap_or(error) {
		"PoolFull" => {
			": the draw pool of a model served here is full of nodes with at least as much stake; join with more \
			 stake (--stake) or serve other models"
		},
		"StakeTooLow" => ": the stake is below the chain's MinStake (--stake)",
		"InsufficientBalance" => ": the account's free balance does not cover the stake",
		"CoolingDown" => ": an automatic pause is cooling down; restart with --resume later",
		_ => "",
	};
	format!("{call} refused: {error}{advice}")
}

fn is_already_joined(outcome: &TxOutcome) -> bool {
	matches!(outcome, TxOutcome::Failed { error, .. } if error.ends_with("AlreadyJoined"))
}

/// Joins with `stake` (default: the chain's `MinStake`), or updates the registration to serve
/// `models` (sorted) with `capacity`, resuming a paused node if `resume`.
pub async fn register(chain: &Chain, stake: Option<u128>, capacity: u32, resume: bool, models: &[ModelId]) -> Result<()> {
	let mut node = chain.node(chain.best_head().await?).await?;
	if node.is_none() {
		let stake = match stake {
			Some(s) => s,
			None => chain.constant_u128("MinStake").await?,
		};
		info!(stake = %format_deai(stake), capacity, "joining");
		let outcome = chain.submit(api::Join { stake, models: models.to_vec(), capacity }).await?;
		match &outcome {
			TxOutcome::Success { events, .. } => {
				let reputation = events.iter().find_map(|e| match e {
					Event::NodeJoined(joined) => Some(joined.reputation),
					_ => None,
				});
				info!(?reputation, "joined");
				return Ok(());
			},
			_ if is_already_joined(&outcome) => {
				info!("already joined (the previous run's join landed): checking the registration");
				node = chain.node(chain.best_head().await?).await?;
				if node.is_none() {
					bail!("join refused with AlreadyJoined, yet the best block shows no registration: restart to retry");
				}
			},
			TxOutcome::Failed { error, .. } => bail!(refusal("join", error)),
		}
	}
	let node = node.expect("registered");
	for change in changes(Some(&node), models, capacity, resume)? {
		let call = match change {
			Change::Join => unreachable!("a registered node does not join"),
			Change::Update => {
				info!(capacity, "updating the registration to the models served here");
				Call::from(api::UpdateNode { models: models.to_vec(), capacity })
			},
			Change::Resume => {
				info!(status = ?node.status, "resuming");
				Call::from(api::Resume {})
			},
		};
		let name = call.name();
		if let TxOutcome::Failed { error, .. } = chain.submit(call).await? {
			bail!(refusal(name, &error));
		}
	}
	match node.status {
		NodeStatus::Active => info!(reputation = node.reputation, "registered and active"),
		_ if resume => {},
		status => warn!(?status, reputation = node.reputation, "the node is paused: no new tasks until it resumes (--resume)"),
	}
	Ok(())
}

#[cfg(test)]
mod tests {
	use super::*;

	fn node(models: Vec<ModelId>, capacity: u32, status: NodeStatus) -> NodeView<u128> {
		NodeView { stake: 1, models, capacity, active_tasks: 0, reputation: 50, status, leaving: false }
	}

	#[test]
	fn the_registration_follows_what_is_served() {
		let (a, b) = ([1; 32], [2; 32]);
		assert_eq!(changes(None, &[a], 2, false).unwrap(), vec![Change::Join]);
		assert_eq!(changes(Some(&node(vec![b, a], 2, NodeStatus::Active)), &[a, b], 2, false).unwrap(), vec![]);
		assert_eq!(changes(Some(&node(vec![a], 2, NodeStatus::Active)), &[a, b], 2, false).unwrap(), vec![Change::Update]);
		assert_eq!(changes(Some(&node(vec![a], 1, NodeStatus::Active)), &[a], 2, false).unwrap(), vec![Change::Update]);
		assert_eq!(changes(Some(&node(vec![a], 2, NodeStatus::Paused)), &[a], 2, false).unwrap(), vec![]);
		assert_eq!(
			changes(Some(&node(vec![a], 1, NodeStatus::AutoPaused)), &[a], 2, true).unwrap(),
			vec![Change::Update, Change::Resume]
		);
		let leaving = NodeView { leaving: true, ..node(vec![a], 2, NodeStatus::Active) };
		assert!(changes(Some(&leaving), &[a], 2, false).is_err());
	}

	#[test]
	fn a_join_that_already_landed_is_success_and_refusals_are_explained() {
		let block = Default::default();
		assert!(is_already_joined(&TxOutcome::Failed { block, error: "Inference::AlreadyJoined".into() }));
		assert!(!is_already_joined(&TxOutcome::Failed { block, error: "Inference::PoolFull".into() }));
		assert!(refusal("join", "Inference::PoolFull").contains("--stake"));
		assert_eq!(refusal("resume", "Inference::Whatever"), "resume refused: Inference::Whatever");
	}
}
