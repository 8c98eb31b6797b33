//! Model registration: validating an entry, registering and removing it.

use crate::*;
use alloc::vec::Vec;
use deai_primitives::{Comparison, ElementType, OutputEncoding};
use frame_support::{ensure, pallet_prelude::*};

impl<T: Config> Pallet<T> {
	/// Builds a model spec from call arguments, naming what is wrong.
	pub(crate) fn make_spec(
		name: Vec<u8>,
		input_type: ElementType,
		input_shape: Vec<u32>,
		method: Vec<u8>,
		extra_args: Vec<i64>,
		output: OutputEncoding,
		comparison: Comparison,
	) -> Result<ModelSpec<T>, DispatchError> {
		let name = BoundedVec::try_from(name).map_err(|_| Error::<T>::NameTooLong)?;
		ensure!(!input_shape.is_empty() && !input_shape.contains(&0), Error::<T>::BadShape);
		let input_shape = BoundedVec::try_from(input_shape).map_err(|_| Error::<T>::BadShape)?;
		let method = BoundedVec::try_from(method).map_err(|_| Error::<T>::BadInvocation)?;
		let extra_args = BoundedVec::try_from(extra_args).map_err(|_| Error::<T>::BadInvocation)?;
		match output {
			OutputEncoding::TopK { k } => ensure!(
				k > 0 && k.saturating_mul(4) <= T::MaxResultLen::get(),
				Error::<T>::BadOutputEncoding
			),
			OutputEncoding::FixedPoint { scale } => ensure!(scale > 0, Error::<T>::BadOutputEncoding),
			OutputEncoding::Argmax | OutputEncoding::Threshold { .. } => {},
		}
		ensure!(comparison.fits(&output, T::MaxResultLen::get()), Error::<T>::ComparisonUnfit);
		let spec = ModelSpec { name, input_type, input_shape, method, extra_args, output, comparison };
		ensure!(
			spec.input_len().is_some_and(|len| len <= T::MaxInputLen::get()),
			Error::<T>::ShapeTooLarge
		);
		Ok(spec)
	}

	/// Registers a model for `owner`, holding the deposit.
	pub(crate) fn do_register_model(
		owner: T::AccountId,
		id: ModelId,
		name: Vec<u8>,
		input_type: ElementType,
		input_shape: Vec<u32>,
		method: Vec<u8>,
		extra_args: Vec<i64>,
		output: OutputEncoding,
		comparison: Comparison,
	) -> DispatchResult {
		ensure!(!Models::<T>::contains_key(id), Error::<T>::ModelExists);
		let spec = Self::make_spec(name, input_type, input_shape, method, extra_args, output, comparison)?;
		let deposit = T::ModelDeposit::get();
		Self::hold(HoldReason::ModelDeposit, &owner, deposit)?;
		Models::<T>::insert(
			id,
			ModelInfo { owner: Some(owner.clone()), deposit, spec, open_tasks: 0, queued: 0 },
		);
		Self::deposit_event(Event::ModelRegistered { model: id, owner });
		Ok(())
	}

	/// Removes `who`'s model `id` and returns its deposit.
	pub(crate) fn do_remove_model(who: T::AccountId, id: ModelId) -> DispatchResult {
		let model = Models::<T>::get(id).ok_or(Error::<T>::UnknownModel)?;
		ensure!(model.owner.as_ref() == Some(&who), Error::<T>::NotModelOwner);
		ensure!(model.open_tasks == 0 && !Pools::<T>::contains_key(id), Error::<T>::ModelInUse);
		Self::release(HoldReason::ModelDeposit, &who, model.deposit)?;
		Models::<T>::remove(id);
		Self::deposit_event(Event::ModelRemoved { model: id });
		Ok(())
	}

	/// A node's model list: non-empty, registered, distinct, bounded.
	pub(crate) fn check_models(
		models: Vec<ModelId>,
	) -> Result<BoundedVec<ModelId, T::MaxModelsPerNode>, DispatchError> {
		ensure!(!models.is_empty(), Error::<T>::NoModels);
		let bounded: BoundedVec<_, T::MaxModelsPerNode> =
			BoundedVec::try_from(models).map_err(|_| Error::<T>::TooManyModels)?;
		for (i, m) in bounded.iter().enumerate() {
			ensure!(!bounded[..i].contains(m), Error::<T>::DuplicateModel);
			ensure!(Models::<T>::contains_key(m), Error::<T>::UnknownModel);
		}
		Ok(bounded)
	}
}
