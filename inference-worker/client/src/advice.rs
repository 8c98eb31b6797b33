//! The inference pallet's refusals in words, with what fixes them: one table for the worker's
//! registration (`join`, `update_node`, `resume`) and the task client (`create_task`,
//! `create_sampled_task`). The command-line options named are the worker's (`--stake`,
//! `--capacity`) and `deai-task`'s (`--fee`, `--sampled`, `--redundancy`); no error is refused by
//! both but `InsufficientBalance`, whose words cover both.

/// What the pallet error `error` (`Inference::PoolFull`, or its bare name) means, if this table
/// knows it.
pub fn advice(error: &str) -> Option<&'static str> {
	Some(match error.rsplit("::").next().unwrap_or(error) {
		// Registration.
		"PoolFull" => {
			"the draw pool of a model served here is full of nodes with at least as much stake; join with more \
			 stake (--stake) or serve other models"
		},
		"StakeTooLow" => "the stake is below the chain's MinStake (--stake)",
		"BadCapacity" => "--capacity is 0 or above the chain's MaxCapacity",
		"CoolingDown" => "an automatic pause is cooling down; the worker resumes the node once it is over",
		// Either.
		"InsufficientBalance" => "the account's free balance does not cover what the call holds (a node's stake, a task's fees)",
		// Tasks.
		"BadSamplingRate" => "the sampling rate must be from 1 to 1000 per thousand (--sampled)",
		"CheatingWouldPay" => {
			"at this sampling rate and fee, cheating would pay for the least-staked node serving the model: a \
			 node that skipped the work would gain more from unchecked tasks than it would lose when caught. \
			 Check more often (a higher --sampled) or pay less per node (a lower --fee)"
		},
		"NotEnoughNodes" => {
			"fewer active nodes serve this model than the task needs (a sampled task needs three: the node that \
			 computes it and two possible checkers; --redundancy r needs r)"
		},
		"FeeTooLow" => "the fee per node is below the chain's minimum (MinFeePerNode): raise --fee",
		"BadRedundancy" => "--redundancy must be from 1 to the chain's MaxRedundancy",
		"QueueFull" => "the queue is full of tasks paying at least as much: raise --fee or try later",
		"ModelQueueFull" => "this model's share of the queue is full of tasks paying at least as much: raise --fee or try later",
		"UnknownModel" => "no model with this id is registered",
		"InputLengthMismatch" => "the input's length does not fit the model's input shape",
		"InputTooLarge" => "the input is longer than the chain accepts (MaxInputLen)",
		_ => return None,
	})
}

/// `error` followed by its [`advice`], or `error` alone.
pub fn explain(error: &str) -> String {
	match advice(error) {
		Some(words) => format!("{error}: {words}"),
		None => error.to_string(),
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn known_refusals_are_explained_and_others_named_as_they_are() {
		assert!(explain("Inference::PoolFull").contains("--stake"));
		assert!(explain("Inference::CheatingWouldPay").contains("cheating would pay"));
		assert!(explain("BadSamplingRate").contains("from 1 to 1000"), "a bare name");
		assert!(explain("Inference::StakeTooLow").starts_with("Inference::StakeTooLow: "));
		assert_eq!(explain("Inference::Whatever"), "Inference::Whatever");
	}
}
