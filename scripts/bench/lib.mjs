// Helpers shared by the benchmarks: quantiles, process memory, reports.
import fs from 'node:fs';

/** The q-quantile (0..1) of `values` (nearest rank). */
export function quantile(values, q) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

/** Mean of `values`. */
export const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;

/**
 * Resident memory of process `pid` in MiB from /proc (Linux): { rss, peak, anon, file }, with
 * `anon` its own memory (heap, stacks) and `file` the pages of mapped files it touched (a database
 * that maps its files counts them in `rss` without their being its heap).
 */
export function memoryOf(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (key) => Number((status.match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm')) ?? [0, 0])[1]);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024, anon: kib('RssAnon') / 1024, file: kib('RssFile') / 1024 };
}

/**
 * Samples the resident memory of `pids` (name -> pid) every `everyMs`; `stop()` returns
 * { name: { first, last, peak, samples } } with the first and last tenth's mean RSS, to tell
 * whether it stays flat.
 */
export function sampleMemory(pids, everyMs = 5_000) {
  const samples = Object.fromEntries(Object.keys(pids).map((n) => [n, []]));
  const take = () => {
    for (const [name, pid] of Object.entries(pids)) {
      try {
        samples[name].push({ t: Date.now(), ...memoryOf(pid) });
      } catch {
        // The process ended.
      }
    }
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      const out = {};
      for (const [name, s] of Object.entries(samples)) {
        const tenth = Math.max(1, Math.floor(s.length / 10));
        out[name] = {
          samples: s.length,
          minutes: s.length ? (s[s.length - 1].t - s[0].t) / 60_000 : 0,
          firstMiB: mean(s.slice(0, tenth).map((x) => x.rss)),
          lastMiB: mean(s.slice(-tenth).map((x) => x.rss)),
          peakMiB: Math.max(...s.map((x) => x.peak)),
          // Mean resident memory in each tenth of the run: growth or a plateau.
          tenthsMiB: tenths(s, (x) => x.rss),
          // The same, of its anonymous memory and of its mapped files' pages.
          anonTenthsMiB: tenths(s, (x) => x.anon),
          fileTenthsMiB: tenths(s, (x) => x.file),
        };
      }
      return out;
    },
  };
}

/** The mean of `pick` over each tenth of `samples` (fewer parts for fewer than ten samples). */
function tenths(samples, pick) {
  return Array.from({ length: Math.min(10, samples.length) }, (_, i) => {
    const part = samples.slice(Math.floor((i * samples.length) / 10), Math.floor(((i + 1) * samples.length) / 10));
    return Math.round(mean(part.map(pick)));
  });
}

/** CPU time (user and system) process `pid` has used so far, in seconds, from /proc (Linux). */
export function cpuSecondsOf(pid) {
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticksPerSecond = 100; // USER_HZ on Linux
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

/**
 * The block proposer's log lines of the node whose log is `logFile`: block number -> { ms, end,
 * extrinsics }, how long the proposal took, why it ended (`NoMoreTransactions`,
 * `HitBlockWeightLimit`, ...) and how many extrinsics it holds.
 */
export function proposalsOf(logFile) {
  const out = new Map();
  const re = /Prepared block for proposing at (\d+) \((\d+) ms\).*end: (\w+); extrinsics_count: (\d+)/g;
  for (const m of fs.readFileSync(logFile, 'utf8').matchAll(re)) {
    out.set(Number(m[1]), { ms: Number(m[2]), end: m[3], extrinsics: Number(m[4]) });
  }
  return out;
}

/** Writes `report` as JSON to `file` when given, and returns it. */
export function writeReport(file, report) {
  if (file) fs.writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
  return report;
}

/** The machine, for reports. */
export function machine() {
  const cpu = (fs.readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m) ?? [0, 'unknown'])[1];
  const cores = (fs.readFileSync('/proc/cpuinfo', 'utf8').match(/^processor\s*:/gm) ?? []).length;
  const memGiB = Number((fs.readFileSync('/proc/meminfo', 'utf8').match(/^MemTotal:\s+(\d+)/m) ?? [0, 0])[1]) / 1024 / 1024;
  return { cpu, cores, memGiB: Number(memGiB.toFixed(1)), date: new Date().toISOString().slice(0, 10) };
}
