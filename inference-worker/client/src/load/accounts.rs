//! The accounts a load run plays: a key, its account id and a locally counted nonce.

use super::sender::Sender;
use anyhow::{Context, Result};
use std::{
	str::FromStr,
	sync::atomic::{AtomicU64, Ordering},
};
use subxt::utils::AccountId32;
use subxt_signer::{sr25519::Keypair, SecretUri};

/// One played account. Its nonce is counted here, not asked of the node for each transaction:
/// this process is the account's only signer, and its transactions go out faster than the pool
/// would count them.
pub struct Actor {
	key: Keypair,
	account: AccountId32,
	nonce: AtomicU64,
}

impl Actor {
	/// The account of the secret URI `uri` (`//Alice`, `//bench//node//3`, a phrase with a path).
	pub fn from_uri(uri: &str) -> Result<Self> {
		let parsed = SecretUri::from_str(uri).with_context(|| format!("read the secret URI {uri}"))?;
		let key = Keypair::from_uri(&parsed).with_context(|| format!("derive a key from {uri}"))?;
		let account = AccountId32(key.public_key().0);
		Ok(Self { key, account, nonce: AtomicU64::new(0) })
	}

	/// Its account id.
	pub fn account(&self) -> AccountId32 {
		self.account.clone()
	}

	/// Its signing key.
	pub fn key(&self) -> &Keypair {
		&self.key
	}

	/// Takes the next nonce for a transaction about to be signed.
	pub fn next_nonce(&self) -> u64 {
		self.nonce.fetch_add(1, Ordering::SeqCst)
	}

	/// Starts counting from the node's next nonce for this account (which counts the transactions
	/// already in its pool).
	pub async fn sync_nonce(&self, sender: &Sender) -> Result<()> {
		let next = sender.rpc().system_account_next_index(&self.account).await.context("read an account's next nonce")?;
		self.nonce.store(next, Ordering::SeqCst);
		Ok(())
	}
}
