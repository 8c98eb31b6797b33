//! The transaction extension that refuses commits and reveals which would fail, before they are
//! included (so failing spam cannot use the operational class).

use super::*;
use frame_support::dispatch::GetDispatchInfo;
use sp_runtime::{
	traits::DispatchTransaction,
	transaction_validity::{InvalidTransaction, TransactionSource, TransactionValidityError},
};

/// What the extension says of `who` submitting `call`.
fn validate(who: AccountId, call: crate::Call<Test>) -> Result<(), TransactionValidityError> {
	let call: RuntimeCall = call.into();
	let info = call.get_dispatch_info();
	CheckNodeCall::<Test>::new()
		.validate_only(signed(who), &call, &info, 0, TransactionSource::External, 0)
		.map(|_| ())
}

/// The refusal for a pallet error.
fn refused(error: Error<Test>) -> Result<(), TransactionValidityError> {
	let sp_runtime::DispatchError::Module(m) = sp_runtime::DispatchError::from(error) else { unreachable!() };
	Err(InvalidTransaction::Custom(m.error[0]).into())
}

#[test]
fn commits_and_reveals_that_would_fail_are_refused_before_inclusion() {
	ExtBuilder::default().build_and_execute(|| {
		for who in [10, 11, 12, 13] {
			join(who, &[DIGITS]);
		}
		let id = create(1, DIGITS, MIN_FEE, None);
		let commit_of = |who| crate::Call::<Test>::commit { task: id, commitment: commitment_of(id, who, &[1]) };
		assert_eq!(validate(10, commit_of(10)), refused(Error::NotCommitPhase), "queued: nobody commits");
		advance(1);
		let nodes = assigned(id);
		let outsider = [10, 11, 12, 13].into_iter().find(|n| !nodes.contains(n)).unwrap();
		assert_eq!(validate(outsider, commit_of(outsider)), refused(Error::NotAssigned));
		assert_eq!(validate(nodes[0], commit_of(nodes[0])), Ok(()));
		commit(id, nodes[0], &[1]);
		assert_eq!(validate(nodes[0], commit_of(nodes[0])), refused(Error::AlreadyCommitted));
		for n in &nodes[1..] {
			commit(id, *n, &[1]);
		}
		let reveal_of = |who, result: &[u8]| crate::Call::<Test>::reveal {
			task: id,
			result: result.to_vec(),
			salt: salt_of(who),
		};
		assert_eq!(validate(nodes[0], reveal_of(nodes[0], &[2])), refused(Error::CommitmentMismatch));
		assert_eq!(validate(outsider, reveal_of(outsider, &[1])), refused(Error::NotAssigned));
		assert_eq!(validate(nodes[0], reveal_of(nodes[0], &[1])), Ok(()));
		// Other calls pass untouched.
		assert_eq!(validate(outsider, crate::Call::<Test>::pause {}), Ok(()));
		for n in &nodes {
			assert_ok!(reveal(id, *n, &[1]));
		}
	});
}

/// The pool validates a commit against the state before its block's hooks: at `checkers_by` the
/// hook may still complete a check, so a first checker's commit is let through to dispatch.
#[test]
fn a_first_checkers_commit_at_checkers_by_is_let_through() {
	ExtBuilder::default().build_and_execute(|| {
		for who in [10, 11, 12] {
			assert_ok!(Inference::join(signed(who), 10 * MIN_STAKE, vec![DIGITS], 1));
			proven(who);
		}
		let id = NextTaskId::<Test>::get();
		assert_ok!(Inference::create_sampled_task(signed(1), DIGITS, input_for(DIGITS), MIN_FEE, 1000));
		advance(1);
		let primary = assigned(id)[0];
		commit(id, primary, &[1]);
		let others: Vec<AccountId> = [10, 11, 12].into_iter().filter(|n| *n != primary).collect();
		// One possible checker paused: the check gets one checker and waits for a second.
		assert_ok!(Inference::pause(signed(others[1])));
		advance(1);
		let t = task(id);
		assert_eq!(t.redundancy, 2, "one checker drawn, one missing");
		let first = t.assignments[1].node;
		System::set_block_number(t.checkers_by - 1);
		let call = || crate::Call::<Test>::commit { task: id, commitment: commitment_of(id, first, &[1]) };
		assert_eq!(validate(first, call()), Ok(()), "within the check's window");
		System::set_block_number(t.checkers_by);
		assert_eq!(validate(first, call()), Ok(()), "let through at checkers_by");
		System::set_block_number(t.checkers_by + 1);
		assert_eq!(validate(first, call()), refused(Error::CommitWindowClosed), "refused after it");
		System::set_block_number(t.checkers_by - 1);
		assert_ok!(Inference::resume(signed(others[1])));
	});
}
