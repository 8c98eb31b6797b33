//! Signing keys and amounts, shared by the worker and the task client.

use anyhow::{bail, Context, Result};
use std::path::Path;
use subxt_signer::{sr25519::Keypair, SecretUri};

/// One DEAI in the chain's smallest unit (12 decimals).
pub const UNIT: u128 = 1_000_000_000_000;

/// The key to sign with: a well-known dev key (`--dev alice`), a secret URI from a file, or the
/// `DEAI_SURI` environment variable. Never from the command line, where other users can see it.
pub fn signer(dev: Option<&str>, suri_file: Option<&Path>) -> Result<Keypair> {
	if let Some(name) = dev {
		return dev_key(name);
	}
	let uri = if let Some(path) = suri_file {
		#[cfg(unix)]
		{
			use std::os::unix::fs::PermissionsExt;
			let mode = std::fs::metadata(path).with_context(|| format!("read {}", path.display()))?.permissions().mode();
			if mode & 0o077 != 0 {
				tracing::warn!("{} is readable by other users: chmod 600 it", path.display());
			}
		}
		std::fs::read_to_string(path).with_context(|| format!("read {}", path.display()))?.trim().to_string()
	} else if let Ok(uri) = std::env::var("DEAI_SURI") {
		uri
	} else {
		bail!("no key: give --suri-file, set DEAI_SURI, or use --dev <name> on a dev chain");
	};
	let uri: SecretUri = uri.parse().context("the secret URI is malformed")?;
	Keypair::from_uri(&uri).context("cannot derive a key from the secret URI")
}

/// The well-known development keys, by name (`subxt_signer`'s `//Alice` ... `//Ferdie`).
pub const DEV_KEYS: [(&str, fn() -> Keypair); 6] = {
	use subxt_signer::sr25519::dev;
	[("alice", dev::alice), ("bob", dev::bob), ("charlie", dev::charlie), ("dave", dev::dave), ("eve", dev::eve), ("ferdie", dev::ferdie)]
};

/// The well-known development key `name` (alice, bob, ...; any case): dev chains only.
pub fn dev_key(name: &str) -> Result<Keypair> {
	let name = name.to_lowercase();
	match DEV_KEYS.iter().find(|(known, _)| *known == name) {
		Some((_, key)) => Ok(key()),
		None => bail!("--dev takes one of {:?}", DEV_KEYS.map(|(known, _)| known)),
	}
}

/// Parses an amount of DEAI ("0.02", "5") into the smallest unit.
pub fn parse_deai(text: &str) -> Result<u128> {
	let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
	if frac.len() > 12 || whole.is_empty() && frac.is_empty() {
		bail!("{text:?} is not an amount of DEAI (at most 12 decimals)");
	}
	let whole: u128 = if whole.is_empty() { 0 } else { whole.parse().with_context(|| format!("{text:?} is not an amount"))? };
	let frac: u128 = format!("{frac:0<12}").parse().with_context(|| format!("{text:?} is not an amount"))?;
	whole.checked_mul(UNIT).and_then(|w| w.checked_add(frac)).context("amount too large")
}

/// Formats an amount in the smallest unit as DEAI.
pub fn format_deai(amount: u128) -> String {
	let frac = format!("{:012}", amount % UNIT);
	let frac = frac.trim_end_matches('0');
	if frac.is_empty() { format!("{} DEAI", amount / UNIT) } else { format!("{}.{frac} DEAI", amount / UNIT) }
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn amounts_parse_and_format() {
		assert_eq!(parse_deai("0.02").unwrap(), 20_000_000_000);
		assert_eq!(parse_deai("5").unwrap(), 5 * UNIT);
		assert_eq!(parse_deai(".5").unwrap(), UNIT / 2);
		assert!(parse_deai("1.0000000000001").is_err());
		assert!(parse_deai("abc").is_err());
		assert_eq!(format_deai(20_000_000_000), "0.02 DEAI");
		assert_eq!(format_deai(3 * UNIT), "3 DEAI");
	}

	#[test]
	fn dev_keys_are_the_well_known_ones() {
		let alice = signer(Some("alice"), None).unwrap();
		assert_eq!(hex::encode(alice.public_key().0), "d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d");
		assert!(signer(Some("mallory"), None).is_err());
		assert_eq!(signer(Some("Bob"), None).unwrap().public_key().0, subxt_signer::sr25519::dev::bob().public_key().0);
	}
}
