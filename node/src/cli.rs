//! Command-line interface of `deai-node`.

/// The node's subcommands; without one, the node runs.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Key management (generate, inspect, insert into the keystore).
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Build a chain specification (`--raw` for the form a network shares).
	BuildSpec(sc_cli::BuildSpecCmd),

	/// Export the chain specification.
	ExportChainSpec(sc_cli::ExportChainSpecCmd),

	/// Validate blocks.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state of a given block into a chain spec.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Remove the whole chain.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Revert the chain to a previous state.
	Revert(sc_cli::RevertCmd),

	/// Runtime benchmarks (only in a build with `--features runtime-benchmarks`).
	#[cfg(feature = "runtime-benchmarks")]
	#[command(subcommand)]
	Benchmark(frame_benchmarking_cli::BenchmarkCmd),

	/// Database meta columns information.
	ChainInfo(sc_cli::ChainInfoCmd),
}

/// `deai-node [SUBCOMMAND] [OPTIONS]`
#[derive(Debug, clap::Parser)]
pub struct Cli {
	/// A subcommand; the node runs when none is given.
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	/// Options of a running node.
	#[clap(flatten)]
	pub run: sc_cli::RunCmd,
}
