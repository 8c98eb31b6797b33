//! A transaction extension that keeps the operational class for commits and reveals that can
//! succeed.
//!
//! `commit` and `reveal` are operational (the protocol's deadlines depend on them), so they may
//! use the block's operational share and are ordered before normal transactions in the pool. Without
//! a check, anyone could fill that share with commits and reveals that fail at dispatch (not
//! assigned, wrong phase, window closed) and outrank task creations. [`CheckNodeCall`] refuses
//! such a commit or reveal when it is validated (in the pool and in the block), before it is
//! included or charged: it never reaches a block. Every other call passes untouched.

use crate::*;
use codec::{Decode, DecodeWithMemTracking, Encode};
use core::marker::PhantomData;
use frame_support::{
	pallet_prelude::{Get, InvalidTransaction, TransactionSource, Weight},
	traits::{IsSubType, OriginTrait},
	DefaultNoBound,
};
use scale_info::TypeInfo;
use sp_runtime::{
	impl_tx_ext_default,
	traits::{DispatchInfoOf, TransactionExtension},
	transaction_validity::ValidTransaction,
};

/// Refuses a `commit` or `reveal` that would fail at dispatch (see the module docs); the code of
/// the refusal (`InvalidTransaction::Custom`) is the index of the pallet error it would have
/// raised.
#[derive(Encode, Decode, DecodeWithMemTracking, DefaultNoBound, Clone, Eq, PartialEq, TypeInfo)]
#[scale_info(skip_type_params(T))]
pub struct CheckNodeCall<T>(PhantomData<T>);

impl<T> core::fmt::Debug for CheckNodeCall<T> {
	fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
		write!(f, "CheckNodeCall")
	}
}

impl<T> CheckNodeCall<T> {
	/// The extension (it carries no data).
	pub fn new() -> Self {
		Self(PhantomData)
	}
}

/// The code of a refusal: the pallet error's index.
fn refusal<T: Config>(error: Error<T>) -> InvalidTransaction {
	let index = match sp_runtime::DispatchError::from(error) {
		sp_runtime::DispatchError::Module(m) => m.error[0],
		_ => u8::MAX,
	};
	InvalidTransaction::Custom(index)
}

impl<T: Config + Send + Sync> TransactionExtension<T::RuntimeCall> for CheckNodeCall<T>
where
	T::RuntimeCall: IsSubType<Call<T>>,
{
	const IDENTIFIER: &'static str = "CheckNodeCall";
	type Implicit = ();
	type Val = ();
	type Pre = ();

	fn weight(&self, call: &T::RuntimeCall) -> Weight {
		match call.is_sub_type() {
			// The task's record.
			Some(Call::commit { .. } | Call::reveal { .. }) => T::DbWeight::get().reads(1),
			_ => Weight::zero(),
		}
	}

	fn validate(
		&self,
		origin: <T as frame_system::Config>::RuntimeOrigin,
		call: &T::RuntimeCall,
		_info: &DispatchInfoOf<T::RuntimeCall>,
		_len: usize,
		_self_implicit: Self::Implicit,
		_inherited_implication: &impl Encode,
		_source: TransactionSource,
	) -> sp_runtime::traits::ValidateResult<Self::Val, T::RuntimeCall> {
		let checked = match (call.is_sub_type(), origin.as_signer()) {
			(Some(Call::commit { task, .. }), Some(who)) => Pallet::<T>::can_commit(who, *task),
			(Some(Call::reveal { task, result, salt }), Some(who)) =>
				Pallet::<T>::can_reveal(who, *task, result, salt),
			_ => Ok(()),
		};
		checked.map_err(|e| refusal::<T>(e))?;
		Ok((ValidTransaction::default(), (), origin))
	}

	impl_tx_ext_default!(T::RuntimeCall; prepare);
}
