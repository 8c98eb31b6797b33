//! Joining the compute network, or bringing the registration in line with what this worker
//! serves, at start-up.
//!
//! Read at the *best* block (a `join` of the previous run may not be finalized yet), and safe to
//! repeat: a `join` refused with `AlreadyJoined` (the previous run's join landed meanwhile)
//! counts as joined, and the registration is then compared as for any registered node.
//!
//! Every call is dry-run first ([`Chain::dry_run`]): a call the chain would refuse (`PoolFull`,
//! `StakeTooLow`, `InsufficientBalance`, `BadCapacity`, a fee the account cannot pay) is never
//! sent, so nothing is charged for it, and the worker stops with [`Refused`], which `main` turns
//! into the exit status [`CONFIG_ERROR_EXIT`] that the systemd unit does not restart on: only the
//! operator can fix it. A node whose automatic pause is still cooling down is left paused.

use crate::hex0x;
use deai_client::{
	api::{self, Call, Event},
	chain::{Chain, DryRun, TxOutcome},
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
/// `resume` asks to resume a paused node. A registered model this worker does not serve (its
/// file is missing, changed or unloadable) is only dropped with `drop_models`: otherwise the
/// answer is [`Refused`], since leaving a model's pool may be for good (a full pool keeps it).
pub fn changes(
	node: Option<&NodeView<u128>>,
	models: &[ModelId],
	capacity: u32,
	resume: bool,
	drop_models: bool,
) -> Result<Vec<Change>> {
	let Some(node) = node else { return Ok(vec![Change::Join]) };
	if node.leaving {
		return Err(Refused(
			"this account is leaving the compute network (its operator sent `leave`): not joining again; start the \
			 worker once its tasks have ended to join anew"
				.into(),
		)
		.into());
	}
	let missing: Vec<String> =
		node.models.iter().filter(|m| !models.contains(m)).map(|m| hex0x(m)).collect();
	if !missing.is_empty() && !drop_models {
		return Err(Refused(format!(
			"the node is registered for model(s) {} that this worker does not serve (no file in the model folder \
			 hashes to them, or libtorch cannot load it: see the warnings above); restore the file(s), or restart \
			 with --drop-models to leave their pools",
			missing.join(", ")
		))
		.into());
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

/// The exit status of a worker stopped by a configuration the chain refuses (sysexits'
/// `EX_CONFIG`): restarting it cannot help, so the systemd unit lists it in
/// `RestartPreventExitStatus`.
pub const CONFIG_ERROR_EXIT: i32 = 78;

/// A registration the chain refuses as configured: the operator must change a setting (stake,
/// capacity, models) or fund the account. Nothing was sent for it, or it was refused on chain.
#[derive(Debug)]
pub struct Refused(pub String);

impl std::fmt::Display for Refused {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		f.write_str(&self.0)
	}
}

impl std::error::Error for Refused {}

/// Whether `error` (anywhere in its chain) is a [`Refused`] registration.
pub fn is_refused(error: &anyhow::Error) -> bool {
	error.chain().any(|e| e.is::<Refused>())
}

/// The operator's explanation of a transaction the chain would not include.
pub fn invalid(call: &str, why: &str) -> String {
	let advice = match why {
		"Payment" => ": the account cannot pay the transaction fee; fund it",
		_ => "",
	};
	format!("{call} would be refused as a transaction ({why}){advice}; nothing was sent")
}

/// The operator's explanation of a refused registration call.
pub fn refusal(call: &str, error: &str) -> String {
	format!("{call} refused: {}", crate::advice::explain(error))
}

fn is_already_joined(outcome: &TxOutcome) -> bool {
	matches!(outcome, TxOutcome::Failed { error, .. } if error.ends_with("AlreadyJoined"))
}

/// What to do about a registration call, from its dry run.
#[derive(Debug, PartialEq, Eq)]
enum Verdict {
	/// Send it.
	Send,
	/// Do not send it, and go on: an automatic pause is cooling down (the node stays paused).
	SkipCoolingDown,
	/// Do not send it: the chain refuses it as configured.
	Refuse(String),
}

fn verdict(call: &str, dry_run: DryRun) -> Verdict {
	match dry_run {
		DryRun::Succeeds => Verdict::Send,
		// The previous run's join landed after the read: the real call says so, and it counts as
		// joined (see `register`).
		DryRun::Fails(error) if error.ends_with("AlreadyJoined") => Verdict::Send,
		DryRun::Fails(error) if call == "resume" && error.ends_with("CoolingDown") => Verdict::SkipCoolingDown,
		DryRun::Fails(error) => Verdict::Refuse(refusal(call, &error)),
		DryRun::Invalid(why) if why == "Payment" => Verdict::Refuse(invalid(call, &why)),
		// Applied on top of the best block, the call also meets that block's own weight
		// (`ExhaustsResources` after a heavy block, such as an election's): the pool decides.
		DryRun::Invalid(why) => {
			tracing::debug!("the dry run of {call} says {why}, which the best block's own content explains: sending");
			Verdict::Send
		},
	}
}

/// How many blocks a dry run is tried again after one that the best block's own weight spoiled.
const DRY_RUN_TRIES: u32 = 4;

/// Dry-runs `call` ([`Chain::dry_run`]) and judges it; an answer spoiled by the best block's own
/// weight (the call is applied after that block's whole content) is asked again at the next
/// blocks, a few times, before the call is sent for the pool to judge.
async fn judge(chain: &Chain, call: Call) -> Result<Verdict> {
	let name = call.name();
	let mut tries = 1;
	loop {
		match chain.dry_run(call.clone()).await? {
			DryRun::Invalid(why) if why != "Payment" && tries < DRY_RUN_TRIES => {
				tracing::debug!("the dry run of {name} says {why} at this block: asking again at the next one");
				tries += 1;
				tokio::time::sleep(chain.block_time()).await;
			},
			answer => return Ok(verdict(name, answer)),
		}
	}
}

/// Joins with `stake` (default: the chain's `MinStake`), or updates the registration to serve
/// `models` (sorted) with `capacity`, resuming a paused node if `resume`, and dropping registered
/// models not served here only if `drop_models`.
pub async fn register(
	chain: &Chain,
	stake: Option<u128>,
	capacity: u32,
	resume: bool,
	drop_models: bool,
	models: &[ModelId],
) -> Result<()> {
	let mut node = chain.node(chain.best_head().await?).await?;
	if node.is_none() {
		let stake = match stake {
			Some(s) => s,
			None => chain.constant(api::constants().min_stake()).await?,
		};
		let join = Call::from(api::tx().join(stake, models.to_vec(), capacity));
		if let Verdict::Refuse(why) = judge(chain, join.clone()).await? {
			return Err(Refused(why).into());
		}
		info!(stake = %format_deai(stake), capacity, "joining");
		let outcome = chain.submit(join).await?;
		match &outcome {
			TxOutcome::Success { events, .. } => {
				let reputation = events.iter().find_map(|e| match e {
					Event::NodeJoined { reputation, .. } => Some(*reputation),
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
			TxOutcome::Failed { error, .. } => return Err(Refused(refusal("join", error)).into()),
		}
	}
	let node = node.expect("registered");
	let mut resumed = resume;
	for change in changes(Some(&node), models, capacity, resume, drop_models)? {
		let call = match change {
			Change::Join => unreachable!("a registered node does not join"),
			Change::Update => {
				info!(capacity, "updating the registration to the models served here");
				Call::from(api::tx().update_node(models.to_vec(), capacity))
			},
			Change::Resume => {
				info!(status = ?node.status, "resuming");
				Call::from(api::tx().resume())
			},
		};
		let name = call.name();
		match judge(chain, call.clone()).await? {
			Verdict::Send => {},
			Verdict::SkipCoolingDown => {
				warn!(
					status = ?node.status,
					"an automatic pause is cooling down: the node stays paused, and the worker resumes it once the chain allows"
				);
				resumed = false;
				continue;
			},
			Verdict::Refuse(why) => return Err(Refused(why).into()),
		}
		if let TxOutcome::Failed { error, .. } = chain.submit(call).await? {
			return Err(Refused(refusal(name, &error)).into());
		}
	}
	match node.status {
		NodeStatus::Active => info!(reputation = node.reputation, "registered and active"),
		_ if resumed => {},
		NodeStatus::AutoPaused => warn!(
			reputation = node.reputation,
			"the chain paused the node: no new tasks until the worker resumes it, once the chain allows"
		),
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
		assert_eq!(changes(None, &[a], 2, false, false).unwrap(), vec![Change::Join]);
		assert_eq!(changes(Some(&node(vec![b, a], 2, NodeStatus::Active)), &[a, b], 2, false, false).unwrap(), vec![]);
		assert_eq!(changes(Some(&node(vec![a], 2, NodeStatus::Active)), &[a, b], 2, false, false).unwrap(), vec![Change::Update]);
		assert_eq!(changes(Some(&node(vec![a], 1, NodeStatus::Active)), &[a], 2, false, false).unwrap(), vec![Change::Update]);
		assert_eq!(changes(Some(&node(vec![a], 2, NodeStatus::Paused)), &[a], 2, false, false).unwrap(), vec![]);
		assert_eq!(
			changes(Some(&node(vec![a], 1, NodeStatus::AutoPaused)), &[a], 2, true, false).unwrap(),
			vec![Change::Update, Change::Resume]
		);
		let leaving = NodeView { leaving: true, ..node(vec![a], 2, NodeStatus::Active) };
		assert!(is_refused(&changes(Some(&leaving), &[a], 2, false, false).unwrap_err()), "a leave is respected: status 78");
	}

	#[test]
	fn a_registered_model_not_served_here_is_dropped_only_when_asked() {
		let (a, b) = ([1; 32], [2; 32]);
		// Old code: a model whose file went corrupt (so its hash changed) was silently dropped.
		let error = changes(Some(&node(vec![a, b], 2, NodeStatus::Active)), &[a], 2, false, false).unwrap_err();
		assert!(is_refused(&error));
		assert!(format!("{error}").contains(&hex0x(&b)), "{error}");
		assert!(format!("{error}").contains("--drop-models"), "{error}");
		assert_eq!(changes(Some(&node(vec![a, b], 2, NodeStatus::Active)), &[a], 2, false, true).unwrap(), vec![Change::Update]);
	}

	#[test]
	fn a_join_that_already_landed_is_success_and_refusals_are_explained() {
		let block = Default::default();
		assert!(is_already_joined(&TxOutcome::Failed { block, error: "Inference::AlreadyJoined".into() }));
		assert!(!is_already_joined(&TxOutcome::Failed { block, error: "Inference::PoolFull".into() }));
		assert!(refusal("join", "Inference::PoolFull").contains("--stake"));
		assert_eq!(refusal("resume", "Inference::Whatever"), "resume refused: Inference::Whatever");
	}

	#[test]
	fn a_call_the_chain_would_refuse_is_not_sent() {
		assert_eq!(verdict("join", DryRun::Succeeds), Verdict::Send);
		assert_eq!(verdict("join", DryRun::Fails("Inference::AlreadyJoined".into())), Verdict::Send);
		let Verdict::Refuse(why) = verdict("join", DryRun::Fails("Inference::StakeTooLow".into())) else { panic!() };
		assert!(why.contains("MinStake"), "{why}");
		let Verdict::Refuse(why) = verdict("join", DryRun::Invalid("Payment".into())) else { panic!() };
		assert!(why.contains("fee") && why.contains("nothing was sent"), "{why}");
		// What the best block's own weight explains (seen: a join after a heavy block) is sent.
		assert_eq!(verdict("join", DryRun::Invalid("ExhaustsResources".into())), Verdict::Send);
		assert_eq!(verdict("resume", DryRun::Fails("Inference::CoolingDown".into())), Verdict::SkipCoolingDown);
		assert!(matches!(verdict("update_node", DryRun::Fails("Inference::PoolFull".into())), Verdict::Refuse(_)));
		let error = anyhow::Error::from(Refused("join refused".into())).context("start-up");
		assert!(is_refused(&error));
		assert!(!is_refused(&anyhow::anyhow!("connection lost")));
	}
}
