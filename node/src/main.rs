//! `deai-node`: the deai blockchain node.
#![warn(missing_docs)]
// `sc_cli::Error` and `sc_service::Error` are large by design; every node command returns them.
#![allow(clippy::result_large_err)]

mod chain_spec;
mod cli;
mod command;
mod rpc;
mod service;

fn main() -> sc_cli::Result<()> {
	command::run()
}
