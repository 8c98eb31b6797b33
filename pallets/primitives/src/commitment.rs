//! The account-bound commitment a compute node submits before any result is public.
//!
//! ```text
//! c = blake2_256(SCALE(("deai/commit/v1", task_id: u64, node: AccountId, blake2_256(result), salt: [u8; 32])))
//! ```
//!
//! The node's account is inside the hash, so copying another node's commitment is useless: the
//! copier cannot reveal anything that matches it under its own account.
//!
//! Test vector (task id 42, Alice's sr25519 account
//! `0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d`, result `[7, 0, 0, 0]`,
//! salt 32 bytes of `0x11`):
//! `c = 0x861355229bd988e80140ab41300b26db88806290127a6a5c6db3de2558dacaba`
//! (also checked independently with Python's `hashlib.blake2b(digest_size=32)`).

use crate::{Commitment, Salt, TaskId};
use blake2::{digest::consts::U32, Blake2b, Digest};
use codec::Encode;

/// Domain separator of the commitment preimage, version 1.
pub const COMMIT_DOMAIN: &str = "deai/commit/v1";

/// BLAKE2b with a 256-bit output, the hash Substrate calls `blake2_256`.
pub fn blake2_256(data: &[u8]) -> [u8; 32] {
	let mut hasher = Blake2b::<U32>::new();
	hasher.update(data);
	hasher.finalize().into()
}

/// The commitment of `node` to `result` for task `task_id`, hidden by `salt`.
pub fn commitment<AccountId: Encode>(
	task_id: TaskId,
	node: &AccountId,
	result: &[u8],
	salt: &Salt,
) -> Commitment {
	let preimage = (COMMIT_DOMAIN, task_id, node, blake2_256(result), salt).encode();
	blake2_256(&preimage)
}

/// Inputs of the published test vector: task id.
pub const TEST_VECTOR_TASK_ID: TaskId = 42;
/// Inputs of the published test vector: Alice's sr25519 public key (the account id).
pub const TEST_VECTOR_ACCOUNT: [u8; 32] = [
	0xd4, 0x35, 0x93, 0xc7, 0x15, 0xfd, 0xd3, 0x1c, 0x61, 0x14, 0x1a, 0xbd, 0x04, 0xa9, 0x9f, 0xd6,
	0x82, 0x2c, 0x85, 0x58, 0x85, 0x4c, 0xcd, 0xe3, 0x9a, 0x56, 0x84, 0xe7, 0xa5, 0x6d, 0xa2, 0x7d,
];
/// Inputs of the published test vector: the result bytes (argmax label 7).
pub const TEST_VECTOR_RESULT: [u8; 4] = [7, 0, 0, 0];
/// Inputs of the published test vector: the salt.
pub const TEST_VECTOR_SALT: Salt = [0x11; 32];
/// The published test vector's commitment.
pub const TEST_VECTOR_COMMITMENT: Commitment = [
	0x86, 0x13, 0x55, 0x22, 0x9b, 0xd9, 0x88, 0xe8, 0x01, 0x40, 0xab, 0x41, 0x30, 0x0b, 0x26, 0xdb,
	0x88, 0x80, 0x62, 0x90, 0x12, 0x7a, 0x6a, 0x5c, 0x6d, 0xb3, 0xde, 0x25, 0x58, 0xda, 0xca, 0xba,
];

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn blake2_256_matches_known_answer() {
		// blake2b-256("") from the BLAKE2 reference implementation.
		assert_eq!(
			hex::encode(blake2_256(b"")),
			"0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8"
		);
	}

	#[test]
	fn preimage_layout_is_scale_of_the_tuple() {
		let salt = [9u8; 32];
		let preimage =
			(COMMIT_DOMAIN, 5u64, [1u8; 32], blake2_256(&[1, 2]), salt).encode();
		let mut expected = alloc::vec![(COMMIT_DOMAIN.len() as u8) << 2];
		expected.extend_from_slice(COMMIT_DOMAIN.as_bytes());
		expected.extend_from_slice(&5u64.to_le_bytes());
		expected.extend_from_slice(&[1u8; 32]);
		expected.extend_from_slice(&blake2_256(&[1, 2]));
		expected.extend_from_slice(&salt);
		assert_eq!(preimage, expected);
	}

	#[test]
	fn published_test_vector() {
		let c = commitment(
			TEST_VECTOR_TASK_ID,
			&TEST_VECTOR_ACCOUNT,
			&TEST_VECTOR_RESULT,
			&TEST_VECTOR_SALT,
		);
		assert_eq!(c, TEST_VECTOR_COMMITMENT, "commitment is 0x{}", hex::encode(c));
	}

	#[test]
	fn every_input_changes_the_commitment() {
		let base = commitment(1, &[1u8; 32], b"r", &[0; 32]);
		assert_ne!(base, commitment(2, &[1u8; 32], b"r", &[0; 32]));
		assert_ne!(base, commitment(1, &[2u8; 32], b"r", &[0; 32]));
		assert_ne!(base, commitment(1, &[1u8; 32], b"s", &[0; 32]));
		assert_ne!(base, commitment(1, &[1u8; 32], b"r", &[1; 32]));
	}
}
