//! Logging set-up: plain lines for a terminal or a file, and lines journald files under the
//! right priority when systemd connects the worker's output to the journal.
//!
//! Under systemd, the unit's standard output goes to journald, which reads a `<N>` prefix on a
//! line as its syslog priority (`SyslogLevelPrefix=`, on by default; see `sd-daemon(3)`): `<3>`
//! error, `<4>` warning, `<6>` info, `<7>` debug. systemd tells a service that its output is the
//! journal with `JOURNAL_STREAM=<device>:<inode>` of that stream; only when standard output is
//! that very stream (not a pipe the worker's output was redirected to) are the lines prefixed,
//! and without a timestamp, which the journal keeps itself. Colours are for terminals only.

use std::fmt;
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::{
	fmt::{
		format::{FormatEvent, FormatFields, Writer},
		FmtContext,
	},
	registry::LookupSpan,
};

/// The default filter when `RUST_LOG` is not set.
pub const DEFAULT_FILTER: &str = "info,jsonrpsee=warn,subxt=warn";

/// The syslog priority journald files a line of `level` under.
pub fn journal_priority(level: &Level) -> u8 {
	match *level {
		Level::ERROR => 3,
		Level::WARN => 4,
		Level::INFO => 6,
		Level::DEBUG | Level::TRACE => 7,
	}
}

/// Whether `journal_stream` (the `JOURNAL_STREAM` variable systemd sets: `<device>:<inode>`)
/// names the stream whose device and inode are `stream`.
pub fn names_stream(journal_stream: Option<&str>, stream: (u64, u64)) -> bool {
	let Some((device, inode)) = journal_stream.and_then(|v| v.split_once(':')) else { return false };
	matches!((device.parse::<u64>(), inode.parse::<u64>()), (Ok(d), Ok(i)) if (d, i) == stream)
}

/// Whether this process' file descriptor `fd` (1 standard output, 2 standard error) is the
/// journal stream systemd set up for it.
pub fn is_journal(fd: u32) -> bool {
	use std::os::unix::fs::MetadataExt;
	let Ok(stream) = std::fs::metadata(format!("/proc/self/fd/{fd}")) else { return false };
	names_stream(std::env::var("JOURNAL_STREAM").ok().as_deref(), (stream.dev(), stream.ino()))
}

/// Prints the error that ends the process on standard error, under the journal's error priority
/// when that is where it goes (so `journalctl -p err` shows why the worker stopped).
pub fn fatal(error: &anyhow::Error) {
	let prefix = if is_journal(2) { "<3>" } else { "" };
	for line in format!("error: {error:#}").lines() {
		eprintln!("{prefix}{line}");
	}
}

/// An event format that puts the line's journald priority (`<N>`) before what `inner` writes.
pub struct JournalPriority<F>(pub F);

impl<S, N, F> FormatEvent<S, N> for JournalPriority<F>
where
	S: Subscriber + for<'a> LookupSpan<'a>,
	N: for<'a> FormatFields<'a> + 'static,
	F: FormatEvent<S, N>,
{
	fn format_event(&self, ctx: &FmtContext<'_, S, N>, mut writer: Writer<'_>, event: &Event<'_>) -> fmt::Result {
		// Every line of the event: a message over several lines (a libtorch error with its C++
		// trace) is filed under one priority, not its first line alone.
		let mut text = String::new();
		self.0.format_event(ctx, Writer::new(&mut text), event)?;
		let priority = journal_priority(event.metadata().level());
		for line in text.split_inclusive('\n') {
			write!(writer, "<{priority}>{line}")?;
		}
		Ok(())
	}
}

/// Installs the worker's logger: to standard output, filtered by `RUST_LOG` (default
/// [`DEFAULT_FILTER`]); prefixed with journald priorities when standard output is the journal,
/// coloured when it is a terminal, plain otherwise.
pub fn init() {
	use tracing_subscriber::{fmt::format, EnvFilter};
	let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| DEFAULT_FILTER.into());
	let builder = tracing_subscriber::fmt().with_env_filter(filter);
	if is_journal(1) {
		builder.with_ansi(false).event_format(JournalPriority(format().without_time())).init();
	} else {
		builder.with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout())).init();
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use std::sync::{Arc, Mutex};

	#[test]
	fn each_line_carries_its_level_as_a_journald_priority() {
		let lines = Arc::new(Mutex::new(Vec::<u8>::new()));
		let sink = lines.clone();
		let subscriber = tracing_subscriber::fmt()
			.with_ansi(false)
			.with_max_level(Level::DEBUG)
			.event_format(JournalPriority(tracing_subscriber::fmt::format().without_time()))
			.with_writer(move || Sink(sink.clone()))
			.finish();
		tracing::subscriber::with_default(subscriber, || {
			tracing::error!("commitment mismatch");
			tracing::warn!("model failed:\n  at libtorch frame 1");
			tracing::info!("committed");
			tracing::debug!("details");
		});
		let text = String::from_utf8(lines.lock().unwrap().clone()).unwrap();
		let prefixes: Vec<&str> = text.lines().map(|l| &l[..3]).collect();
		assert_eq!(prefixes, ["<3>", "<4>", "<4>", "<6>", "<7>"], "{text}");
		assert!(text.lines().next().unwrap().ends_with("commitment mismatch"));
		assert_eq!(text.lines().nth(2), Some("<4>  at libtorch frame 1"), "every line of a message");
	}

	#[test]
	fn only_the_stream_systemd_named_is_taken_for_the_journal() {
		assert!(names_stream(Some("64769:123456"), (64769, 123456)));
		assert!(!names_stream(Some("64769:123456"), (64769, 7)), "output redirected elsewhere");
		assert!(!names_stream(None, (64769, 123456)));
		assert!(!names_stream(Some("garbage"), (0, 0)));
		// A real stream: this process' standard output, named or not.
		use std::os::unix::fs::MetadataExt;
		let stdout = std::fs::metadata("/proc/self/fd/1").unwrap();
		let named = format!("{}:{}", stdout.dev(), stdout.ino());
		assert!(names_stream(Some(&named), (stdout.dev(), stdout.ino())));
	}

	struct Sink(Arc<Mutex<Vec<u8>>>);

	impl std::io::Write for Sink {
		fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
			self.0.lock().unwrap().extend_from_slice(buf);
			Ok(buf.len())
		}
		fn flush(&mut self) -> std::io::Result<()> {
			Ok(())
		}
	}
}
