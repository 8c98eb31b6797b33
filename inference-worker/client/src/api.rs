//! The inference pallet's calls and events, typed.
//!
//! Each call and event this crate and the worker use is a struct here, with the pallet's field
//! names and types. Calls are encoded with [`EncodeAsType`] and events decoded with
//! [`DecodeAsType`] against the metadata of the node they talk to, field by field and by name,
//! so a renamed or missing field is an error, never a silently misread tuple. That alone
//! tolerates some drift (an extra event field is skipped; a `u32` fits a `u64`), so the shapes
//! are also checked strictly ([`check`]): every struct's fields, in order, with the same names
//! and the same types all the way down (a newtype such as `H256` or `AccountId32` counts as
//! what it wraps, since it encodes the same). [`crate::chain::Chain::connect`] runs the check
//! against the metadata the node serves, and the worker and `deai-task` refuse to send or read
//! what does not match ([`crate::chain::Chain::require`]); a test runs it against the checked-in
//! metadata (`metadata/deai.scale`) when there is one.

use deai_primitives::{FailReason, ModelId, Salt, TaskId};
use scale_info::{
	form::PortableForm, Field, MetaType, PortableRegistry, Registry, TypeDef, TypeInfo,
};
use std::collections::HashSet;
use subxt::{
	error::EventsError,
	ext::{
		codec::Decode,
		scale_decode::{self, visitor::DecodeAsTypeResult, DecodeAsFields, DecodeAsType, IntoVisitor, TypeResolver, Visitor},
		scale_encode::{self, EncodeAsFields, EncodeAsType},
	},
	utils::{AccountId32, H256},
	Metadata, SubstrateConfig,
};

/// The pallet's name in the runtime.
pub const PALLET: &str = "Inference";

/// A call of the inference pallet.
pub trait InferenceCall: EncodeAsFields + TypeInfo + 'static {
	/// Its name in the metadata.
	const NAME: &'static str;
}

/// An event of the inference pallet.
pub trait InferenceEvent: DecodeAsFields + TypeInfo + 'static {
	/// Its name in the metadata.
	const NAME: &'static str;
}

/// A field decoded with the `parity-scale-codec` definition the runtime itself uses
/// (`deai-primitives`), for types that have no [`DecodeAsType`]; its shape is that of `T`
/// (`TypeInfo`), checked against the metadata like any other field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shared<T>(pub T);

impl<T: TypeInfo + 'static> TypeInfo for Shared<T> {
	type Identity = T;
	fn type_info() -> scale_info::Type {
		T::type_info()
	}
}

/// Decodes a [`Shared`] with its codec definition.
pub struct SharedVisitor<T, R>(std::marker::PhantomData<(T, R)>);

impl<T: Decode, R: TypeResolver> Visitor for SharedVisitor<T, R> {
	type Value<'scale, 'info> = Shared<T>;
	type Error = scale_decode::Error;
	type TypeResolver = R;

	fn unchecked_decode_as_type<'scale, 'info>(
		self,
		input: &mut &'scale [u8],
		_type_id: R::TypeId,
		_types: &'info R,
	) -> DecodeAsTypeResult<Self, Result<Self::Value<'scale, 'info>, Self::Error>> {
		let decoded = T::decode(input)
			.map(Shared)
			.map_err(|e| scale_decode::Error::new(scale_decode::visitor::DecodeError::CodecError(e).into()));
		DecodeAsTypeResult::Decoded(decoded)
	}
}

impl<T: Decode> IntoVisitor for Shared<T> {
	type AnyVisitor<R: TypeResolver> = SharedVisitor<T, R>;
	fn into_visitor<R: TypeResolver>() -> Self::AnyVisitor<R> {
		SharedVisitor(std::marker::PhantomData)
	}
}

macro_rules! call {
	($(#[$doc:meta])* $name:ident = $call:literal { $($(#[$fdoc:meta])* $field:ident: $ty:ty),* $(,)? }) => {
		$(#[$doc])*
		#[derive(Clone, Debug, PartialEq, Eq, EncodeAsType, TypeInfo)]
		#[encode_as_type(crate_path = "subxt::ext::scale_encode")]
		pub struct $name {
			$($(#[$fdoc])* pub $field: $ty,)*
		}
		impl InferenceCall for $name {
			const NAME: &'static str = $call;
		}
		impl From<$name> for Call {
			fn from(call: $name) -> Call {
				Call::$name(call)
			}
		}
	};
}

macro_rules! event {
	($(#[$doc:meta])* $name:ident { $($(#[$fdoc:meta])* $field:ident: $ty:ty),* $(,)? }) => {
		$(#[$doc])*
		#[derive(Clone, Debug, PartialEq, Eq, DecodeAsType, TypeInfo)]
		#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
		pub struct $name {
			$($(#[$fdoc])* pub $field: $ty,)*
		}
		impl InferenceEvent for $name {
			const NAME: &'static str = stringify!($name);
		}
		impl subxt::events::DecodeAsEvent for $name {
			fn is_event(pallet: &str, event: &str) -> bool {
				pallet == PALLET && event == stringify!($name)
			}
		}
	};
}

/// The calls, one struct each (fields as in `pallets/inference/src/lib.rs`).
pub mod calls {
	use super::*;

	call! {
		/// `join(stake, models, capacity)`: become a compute node.
		Join = "join" {
			/// Stake held from the account.
			stake: u128,
			/// The models served.
			models: Vec<ModelId>,
			/// Tasks taken at once.
			capacity: u32,
		}
	}

	call! {
		/// `update_node(models, capacity)`: change what a node serves.
		UpdateNode = "update_node" {
			/// The models served from now on.
			models: Vec<ModelId>,
			/// Tasks taken at once from now on.
			capacity: u32,
		}
	}

	call! {
		/// `pause()`: get no new tasks; those assigned must still be finished.
		Pause = "pause" {}
	}

	call! {
		/// `resume()`: get new tasks again after a pause.
		Resume = "resume" {}
	}

	call! {
		/// `create_task(model, input, fee_per_node, redundancy)`: a fully redundant task.
		CreateTask = "create_task" {
			/// The model.
			model: ModelId,
			/// The input bytes.
			input: Vec<u8>,
			/// Paid to each agreeing node.
			fee_per_node: u128,
			/// How many nodes run it (`None`: the chain's default).
			redundancy: Option<u32>,
		}
	}

	call! {
		/// `create_sampled_task(model, input, fee_per_node, permille)`: one node computes; two
		/// more check with probability `permille / 1000`.
		CreateSampledTask = "create_sampled_task" {
			/// The model.
			model: ModelId,
			/// The input bytes.
			input: Vec<u8>,
			/// Paid to the primary and to agreeing checkers.
			fee_per_node: u128,
			/// The chance of a check, in thousandths (1 to 1000).
			permille: u16,
		}
	}

	call! {
		/// `commit(task, commitment)`.
		Commit = "commit" {
			/// The task.
			task: TaskId,
			/// The account-bound commitment to the result and a salt.
			commitment: H256,
		}
	}

	call! {
		/// `reveal(task, result, salt)`.
		Reveal = "reveal" {
			/// The task.
			task: TaskId,
			/// The result committed to.
			result: Vec<u8>,
			/// The salt committed to.
			salt: Salt,
		}
	}
}

pub use calls::*;

/// Any of the [`calls`], to submit.
#[derive(Clone, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Call {
	Join(Join),
	UpdateNode(UpdateNode),
	Pause(Pause),
	Resume(Resume),
	CreateTask(CreateTask),
	CreateSampledTask(CreateSampledTask),
	Commit(Commit),
	Reveal(Reveal),
}

macro_rules! each_call {
	($self:expr, $c:ident => $e:expr) => {
		match $self {
			Call::Join($c) => $e,
			Call::UpdateNode($c) => $e,
			Call::Pause($c) => $e,
			Call::Resume($c) => $e,
			Call::CreateTask($c) => $e,
			Call::CreateSampledTask($c) => $e,
			Call::Commit($c) => $e,
			Call::Reveal($c) => $e,
		}
	};
}

impl Call {
	/// The call's name in the metadata.
	pub fn name(&self) -> &'static str {
		fn name_of<C: InferenceCall>(_: &C) -> &'static str {
			C::NAME
		}
		each_call!(self, c => name_of(c))
	}

	/// Every call, by name, with its declared shape.
	pub fn shapes() -> Vec<(&'static str, MetaType)> {
		fn shape<C: InferenceCall>() -> (&'static str, MetaType) {
			(C::NAME, MetaType::new::<C>())
		}
		vec![
			shape::<Join>(),
			shape::<UpdateNode>(),
			shape::<Pause>(),
			shape::<Resume>(),
			shape::<CreateTask>(),
			shape::<CreateSampledTask>(),
			shape::<Commit>(),
			shape::<Reveal>(),
		]
	}
}

impl EncodeAsFields for Call {
	fn encode_as_fields_to<R: TypeResolver>(
		&self,
		fields: &mut dyn scale_encode::FieldIter<'_, R::TypeId>,
		types: &R,
		out: &mut Vec<u8>,
	) -> Result<(), scale_encode::Error> {
		each_call!(self, c => c.encode_as_fields_to(fields, types, out))
	}
}

/// The events, one struct each (fields as in the pallet's `Event`).
// `DecodeAsType`'s derive imports helpers that structs do not use.
#[allow(unused_imports)]
pub mod events {
	use super::*;

	event! {
		/// A task was created and queued; its fee is held.
		TaskCreated {
			/// The new task.
			task: TaskId,
			/// Who pays for it.
			creator: AccountId32,
			/// Its model.
			model: ModelId,
			/// Paid to each agreeing node.
			fee_per_node: u128,
			/// How many nodes run it (1 for a sampled task, until it is checked).
			redundancy: u32,
		}
	}

	event! {
		/// A task was assigned to nodes.
		TaskAssigned {
			/// The task.
			task: TaskId,
			/// The nodes drawn.
			nodes: Vec<AccountId32>,
			/// The first block that refuses commits.
			commit_deadline: u32,
		}
	}

	event! {
		/// A node committed.
		Committed {
			/// The task.
			task: TaskId,
			/// The node.
			node: AccountId32,
		}
	}

	event! {
		/// The reveal window opened.
		RevealStarted {
			/// The task.
			task: TaskId,
			/// The first block that refuses reveals.
			reveal_deadline: u32,
		}
	}

	event! {
		/// A node revealed.
		Revealed {
			/// The task.
			task: TaskId,
			/// The node.
			node: AccountId32,
		}
	}

	event! {
		/// A quorum agreed: the verified result.
		TaskCompleted {
			/// The task.
			task: TaskId,
			/// The verified result.
			result: Vec<u8>,
		}
	}

	event! {
		/// A task ended without a verified result.
		TaskFailed {
			/// The task.
			task: TaskId,
			/// Why.
			reason: Shared<FailReason>,
		}
	}

	event! {
		/// A node of the winning cluster was paid.
		NodeRewarded {
			/// The task.
			task: TaskId,
			/// The node.
			node: AccountId32,
			/// The fee paid.
			amount: u128,
		}
	}

	event! {
		/// A node was slashed for a deviating or withheld result.
		NodeSlashed {
			/// The task.
			task: TaskId,
			/// The node.
			node: AccountId32,
			/// The amount taken from its stake.
			amount: u128,
		}
	}

	event! {
		/// A compute node joined.
		NodeJoined {
			/// The node.
			node: AccountId32,
			/// The stake held.
			stake: u128,
			/// The models it serves.
			models: Vec<ModelId>,
			/// Tasks taken at once.
			capacity: u32,
			/// Its reputation (initial, or what it had when it left).
			reputation: u32,
		}
	}

	event! {
		/// Whether a sampled task is checked was decided.
		SampleDecided {
			/// The task.
			task: TaskId,
			/// Whether two more nodes check it.
			checked: bool,
		}
	}

	event! {
		/// Unused fee went back to the task's creator.
		FeeRefunded {
			/// The task.
			task: TaskId,
			/// The creator.
			creator: AccountId32,
			/// The amount released.
			amount: u128,
		}
	}
}

pub use events::*;

macro_rules! event_enum {
	($($name:ident),* $(,)?) => {
		/// Any of the [`events`].
		#[derive(Clone, Debug, PartialEq, Eq)]
		#[allow(missing_docs)]
		pub enum Event {
			$($name($name),)*
		}

		impl Event {
			/// The inference pallet's event `ev`, decoded; `None` for another pallet's event or
			/// one not listed here; an error when its fields do not decode as declared.
			pub fn decode(ev: &subxt::events::Event<'_, SubstrateConfig>) -> Option<Result<Event, EventsError>> {
				if ev.pallet_name() != PALLET {
					return None;
				}
				match ev.event_name() {
					$(stringify!($name) => Some(ev.decode_fields_unchecked_as::<$name>().map(Event::$name)),)*
					_ => None,
				}
			}

			/// Every event, by name, with its declared shape.
			pub fn shapes() -> Vec<(&'static str, MetaType)> {
				vec![$((stringify!($name), MetaType::new::<$name>()),)*]
			}
		}
	};
}

event_enum!(
	TaskCreated,
	TaskAssigned,
	Committed,
	RevealStarted,
	Revealed,
	TaskCompleted,
	TaskFailed,
	NodeRewarded,
	NodeSlashed,
	NodeJoined,
	SampleDecided,
	FeeRefunded,
);

impl Event {
	/// The task it is about, if any.
	pub fn task(&self) -> Option<TaskId> {
		Some(match self {
			Event::TaskCreated(e) => e.task,
			Event::TaskAssigned(e) => e.task,
			Event::Committed(e) => e.task,
			Event::RevealStarted(e) => e.task,
			Event::Revealed(e) => e.task,
			Event::TaskCompleted(e) => e.task,
			Event::TaskFailed(e) => e.task,
			Event::NodeRewarded(e) => e.task,
			Event::NodeSlashed(e) => e.task,
			Event::SampleDecided(e) => e.task,
			Event::FeeRefunded(e) => e.task,
			Event::NodeJoined(_) => return None,
		})
	}
}

/// A call or event whose shape differs from the runtime's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mismatch {
	/// `call` or `event`.
	pub kind: &'static str,
	/// Its name.
	pub name: &'static str,
	/// What differs.
	pub problem: String,
}

impl std::fmt::Display for Mismatch {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		write!(f, "{} {PALLET}::{}: {}", self.kind, self.name, self.problem)
	}
}

/// Checks every call and event of this module against `metadata`: each must exist with the
/// declared fields (same order, names and types). Returns what differs.
pub fn check(metadata: &Metadata) -> Vec<Mismatch> {
	let mut found = vec![];
	let Some(pallet) = metadata.pallet_by_name(PALLET) else {
		for (name, _) in Call::shapes() {
			found.push(Mismatch { kind: "call", name, problem: "the runtime has no inference pallet".into() });
		}
		return found;
	};
	for (name, shape) in Call::shapes() {
		let problem = match pallet.call_variant_by_name(name) {
			None => Some("the runtime has no such call".to_string()),
			Some(variant) => compare_fields(metadata.types(), &variant.fields, shape).err(),
		};
		found.extend(problem.map(|problem| Mismatch { kind: "call", name, problem }));
	}
	for (name, shape) in Event::shapes() {
		let variant = pallet.event_variants().and_then(|vs| vs.iter().find(|v| v.name == name));
		let problem = match variant {
			None => Some("the runtime has no such event".to_string()),
			Some(variant) => compare_fields(metadata.types(), &variant.fields, shape).err(),
		};
		found.extend(problem.map(|problem| Mismatch { kind: "event", name, problem }));
	}
	found
}

/// Compares the fields of a call or event in the runtime (`theirs`, types in `types`) with the
/// fields of the struct `ours`.
pub fn compare_fields(types: &PortableRegistry, theirs: &[Field<PortableForm>], ours: MetaType) -> Result<(), String> {
	let mut registry = Registry::new();
	let id = registry.register_type(&ours).id;
	let own: PortableRegistry = registry.into();
	let own_fields = match &own.resolve(id).expect("registered").type_def {
		TypeDef::Composite(c) => c.fields.clone(),
		_ => return Err("declared as a struct here, but it is not one".into()),
	};
	Shapes { theirs: types, ours: &own, seen: HashSet::new() }.fields(theirs, &own_fields, "")
}

/// Compares types of two registries structurally.
struct Shapes<'a> {
	theirs: &'a PortableRegistry,
	ours: &'a PortableRegistry,
	seen: HashSet<(u32, u32)>,
}

/// A short name of type `id` in `types`, for messages.
fn describe(types: &PortableRegistry, id: u32) -> String {
	let Some(ty) = types.resolve(id) else { return format!("type #{id}") };
	if let Some(name) = ty.path.segments.last() {
		return name.clone();
	}
	match &ty.type_def {
		TypeDef::Primitive(p) => format!("{p:?}").to_lowercase(),
		TypeDef::Sequence(s) => format!("Vec<{}>", describe(types, s.type_param.id)),
		TypeDef::Array(a) => format!("[{}; {}]", describe(types, a.type_param.id), a.len),
		TypeDef::Compact(c) => format!("Compact<{}>", describe(types, c.type_param.id)),
		TypeDef::Tuple(t) => {
			format!("({})", t.fields.iter().map(|f| describe(types, f.id)).collect::<Vec<_>>().join(", "))
		},
		TypeDef::Composite(_) => "a struct".into(),
		TypeDef::Variant(_) => "an enum".into(),
		TypeDef::BitSequence(_) => "a bit sequence".into(),
	}
}

/// `id` with single-field structs (newtypes such as `H256`, `AccountId32`) unwrapped: they
/// encode as what they wrap.
fn unwrap_newtypes(types: &PortableRegistry, mut id: u32) -> Option<(u32, &TypeDef<PortableForm>)> {
	for _ in 0..64 {
		let ty = types.resolve(id)?;
		match &ty.type_def {
			TypeDef::Composite(c) if c.fields.len() == 1 => id = c.fields[0].ty.id,
			def => return Some((id, def)),
		}
	}
	None
}

fn is_empty(def: &TypeDef<PortableForm>) -> bool {
	match def {
		TypeDef::Composite(c) => c.fields.is_empty(),
		TypeDef::Tuple(t) => t.fields.is_empty(),
		_ => false,
	}
}

impl Shapes<'_> {
	fn fields(&mut self, theirs: &[Field<PortableForm>], ours: &[Field<PortableForm>], at: &str) -> Result<(), String> {
		let names = |fs: &[Field<PortableForm>]| fs.iter().map(|f| f.name.clone().unwrap_or_else(|| "_".into())).collect::<Vec<_>>();
		if theirs.len() != ours.len() {
			return Err(format!(
				"{}the runtime has fields ({}), this client ({})",
				prefix(at),
				names(theirs).join(", "),
				names(ours).join(", ")
			));
		}
		for (i, (t, o)) in theirs.iter().zip(ours).enumerate() {
			if let (Some(tn), Some(on)) = (&t.name, &o.name) {
				if tn != on {
					return Err(format!("{}field {} is `{tn}` in the runtime, `{on}` here", prefix(at), i + 1));
				}
			}
			let name = t.name.clone().or(o.name.clone()).unwrap_or_else(|| i.to_string());
			let path = if at.is_empty() { name } else { format!("{at}.{name}") };
			self.same(t.ty.id, o.ty.id, &path)?;
		}
		Ok(())
	}

	fn same(&mut self, theirs: u32, ours: u32, at: &str) -> Result<(), String> {
		if !self.seen.insert((theirs, ours)) {
			return Ok(());
		}
		let differ = || {
			Err(format!(
				"field `{at}` is {} in the runtime, {} here",
				describe(self.theirs, theirs),
				describe(self.ours, ours)
			))
		};
		let (Some((t, tdef)), Some((o, odef))) = (unwrap_newtypes(self.theirs, theirs), unwrap_newtypes(self.ours, ours)) else {
			return Err(format!("field `{at}`: a type is missing from the registry"));
		};
		if is_empty(tdef) && is_empty(odef) {
			return Ok(());
		}
		match (tdef, odef) {
			(TypeDef::Primitive(a), TypeDef::Primitive(b)) if a == b => Ok(()),
			(TypeDef::Compact(a), TypeDef::Compact(b)) => self.same(a.type_param.id, b.type_param.id, at),
			(TypeDef::Sequence(a), TypeDef::Sequence(b)) => self.same(a.type_param.id, b.type_param.id, &format!("{at}[]")),
			(TypeDef::Array(a), TypeDef::Array(b)) if a.len == b.len => {
				self.same(a.type_param.id, b.type_param.id, &format!("{at}[]"))
			},
			(TypeDef::Tuple(a), TypeDef::Tuple(b)) if a.fields.len() == b.fields.len() => {
				for (i, (x, y)) in a.fields.iter().zip(&b.fields).enumerate() {
					self.same(x.id, y.id, &format!("{at}.{i}"))?;
				}
				Ok(())
			},
			(TypeDef::Composite(a), TypeDef::Composite(b)) => self.fields(&a.fields, &b.fields, at),
			(TypeDef::Variant(a), TypeDef::Variant(b)) => {
				let names = |vs: &[scale_info::Variant<PortableForm>]| vs.iter().map(|v| v.name.clone()).collect::<Vec<_>>();
				if a.variants.len() != b.variants.len() {
					return Err(format!(
						"field `{at}` ({}) has variants ({}) in the runtime, ({}) here",
						describe(self.theirs, t),
						names(&a.variants).join(", "),
						names(&b.variants).join(", ")
					));
				}
				for tv in &a.variants {
					let Some(ov) = b.variants.iter().find(|v| v.name == tv.name) else {
						return Err(format!("field `{at}`: variant `{}` of the runtime is unknown here", tv.name));
					};
					if ov.index != tv.index {
						return Err(format!(
							"field `{at}`: variant `{}` has index {} in the runtime, {} here",
							tv.name, tv.index, ov.index
						));
					}
					self.fields(&tv.fields, &ov.fields, &format!("{at}::{}", tv.name))?;
				}
				Ok(())
			},
			(TypeDef::BitSequence(a), TypeDef::BitSequence(b)) => {
				self.same(a.bit_store_type.id, b.bit_store_type.id, at)?;
				self.same(a.bit_order_type.id, b.bit_order_type.id, at)
			},
			_ => {
				let _ = (t, o);
				differ()
			},
		}
	}
}

fn prefix(at: &str) -> String {
	if at.is_empty() { String::new() } else { format!("field `{at}`: ") }
}

#[cfg(test)]
mod tests {
	use super::*;

	/// The pallet's calls and events as the runtime declares them (a stand-in for its metadata:
	/// `#[pallet::call]` and `#[pallet::event]` become enums of this shape), and a copy with
	/// drifted fields.
	#[allow(non_camel_case_types, dead_code)]
	mod runtime {
		use super::*;
		use deai_primitives::FailReason;
		#[derive(TypeInfo)]
		pub enum Calls {
			#[codec(index = 2)]
			join { stake: u128, models: Vec<[u8; 32]>, capacity: u32 },
			#[codec(index = 3)]
			update_node { models: Vec<[u8; 32]>, capacity: u32 },
			#[codec(index = 5)]
			pause,
			#[codec(index = 6)]
			resume,
			#[codec(index = 8)]
			create_task { model: [u8; 32], input: Vec<u8>, fee_per_node: u128, redundancy: Option<u32> },
			#[codec(index = 13)]
			create_sampled_task { model: [u8; 32], input: Vec<u8>, fee_per_node: u128, permille: u16 },
			#[codec(index = 10)]
			commit { task: u64, commitment: H256 },
			#[codec(index = 11)]
			reveal { task: u64, result: Vec<u8>, salt: [u8; 32] },
		}
		#[derive(TypeInfo)]
		pub enum Events {
			TaskFailed { task: u64, reason: FailReason },
			NodeJoined { node: AccountId32, stake: u128, models: Vec<[u8; 32]>, capacity: u32, reputation: u32 },
			NodeRewarded { task: u64, node: AccountId32, amount: u128 },
		}
		/// `FailReason` without its last variant, as an older runtime had it.
		#[derive(TypeInfo)]
		pub enum OldFailReason {
			QueueTimeout,
			Evicted,
			Cancelled,
			NotEnoughCommits,
			NoQuorum,
			Aborted,
		}
		#[derive(TypeInfo)]
		pub enum Drifted {
			/// `commit` with a `u32` task id.
			commit { task: u32, commitment: H256 },
			/// `reveal` with the fields in another order.
			reveal { task: u64, salt: [u8; 32], result: Vec<u8> },
			/// `NodeJoined` before it had a reputation.
			NodeJoined { node: AccountId32, stake: u128, models: Vec<[u8; 32]>, capacity: u32 },
			/// `TaskFailed` of an older runtime.
			TaskFailed { task: u64, reason: OldFailReason },
		}
	}

	/// The fields of variant `name` of the enum `E`, in a registry of their own.
	fn variant<E: TypeInfo + 'static>(name: &str) -> (PortableRegistry, Vec<Field<PortableForm>>) {
		let mut registry = Registry::new();
		let id = registry.register_type(&MetaType::new::<E>()).id;
		let types: PortableRegistry = registry.into();
		let TypeDef::Variant(v) = &types.resolve(id).unwrap().type_def else { panic!("an enum") };
		let fields = v.variants.iter().find(|v| v.name == name).unwrap_or_else(|| panic!("{name}")).fields.clone();
		(types, fields)
	}

	fn check_call<C: InferenceCall>() -> Result<(), String> {
		let (types, fields) = variant::<runtime::Calls>(C::NAME);
		compare_fields(&types, &fields, MetaType::new::<C>())
	}

	#[test]
	fn the_declared_calls_and_events_match_the_pallets() {
		check_call::<Join>().unwrap();
		check_call::<UpdateNode>().unwrap();
		check_call::<Pause>().unwrap();
		check_call::<Resume>().unwrap();
		check_call::<CreateTask>().unwrap();
		check_call::<CreateSampledTask>().unwrap();
		check_call::<Commit>().unwrap();
		check_call::<Reveal>().unwrap();
		for (name, shape) in [
			("TaskFailed", MetaType::new::<TaskFailed>()),
			("NodeJoined", MetaType::new::<NodeJoined>()),
			("NodeRewarded", MetaType::new::<NodeRewarded>()),
		] {
			let (types, fields) = variant::<runtime::Events>(name);
			compare_fields(&types, &fields, shape).unwrap_or_else(|e| panic!("{name}: {e}"));
		}
	}

	#[test]
	fn drifted_fields_are_named() {
		let drifted = |name: &str, shape: MetaType| {
			let (types, fields) = variant::<runtime::Drifted>(name);
			compare_fields(&types, &fields, shape).unwrap_err()
		};
		assert_eq!(drifted("commit", MetaType::new::<Commit>()), "field `task` is u32 in the runtime, u64 here");
		assert_eq!(drifted("reveal", MetaType::new::<Reveal>()), "field 2 is `salt` in the runtime, `result` here");
		assert_eq!(
			drifted("NodeJoined", MetaType::new::<NodeJoined>()),
			"the runtime has fields (node, stake, models, capacity), this client (node, stake, models, capacity, reputation)"
		);
		assert!(drifted("TaskFailed", MetaType::new::<TaskFailed>()).contains("variants"));
		// The one `Event` enum knows every event it decodes, by its metadata name.
		assert_eq!(Event::shapes().len(), 12);
		assert_eq!(Call::from(Resume {}).name(), "resume");
		assert_eq!(Call::shapes().iter().map(|(n, _)| *n).collect::<Vec<_>>().len(), 8);
	}

	#[test]
	fn typed_calls_encode_as_the_pallet_decodes_them() {
		use codec::Encode;
		use subxt::ext::scale_encode::EncodeAsFields;
		// Encoded against the runtime's fields, a call is the SCALE encoding of its arguments
		// in order: what the pallet's dispatch decodes.
		let (types, fields) = variant::<runtime::Calls>("create_task");
		let call = CreateTask { model: [7; 32], input: vec![1, 2], fee_per_node: 5, redundancy: Some(3) };
		let mut iter = fields.iter().map(|f| subxt::ext::scale_type_resolver::Field::new(f.ty.id, f.name.as_deref()));
		let bytes = Call::from(call.clone()).encode_as_fields(&mut iter, &types).unwrap();
		assert_eq!(bytes, (call.model, call.input, call.fee_per_node, call.redundancy).encode());
	}

	#[test]
	fn shared_fields_decode_with_the_runtime_codec() {
		use codec::Encode;
		let (types, fields) = variant::<runtime::Events>("TaskFailed");
		let bytes = (9u64, FailReason::NoCheckers).encode();
		let mut iter = fields.iter().map(|f| subxt::ext::scale_type_resolver::Field::new(f.ty.id, f.name.as_deref()));
		let event = TaskFailed::decode_as_fields(&mut &bytes[..], &mut iter, &types).unwrap();
		assert_eq!(event, TaskFailed { task: 9, reason: Shared(FailReason::NoCheckers) });
	}
}
