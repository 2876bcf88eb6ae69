/**
 * Wall time, CPU time and peak memory of a command and every process it starts.
 *
 * Node reports neither the CPU nor the peak memory of a child, and a build is a tree (tsx starts
 * Node, which starts Pagefind's binary). So the command runs under bash, whose `times` builtin
 * prints the CPU of every waited-for descendant exactly, while /proc is sampled for the summed
 * resident memory of the tree; each process's own high-water mark (VmHWM) bounds it from below
 * between samples. Linux only, like the machine and CI.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

export interface Usage {
  wallMs: number;
  /** User plus system CPU of the whole process tree. */
  cpuMs: number;
  peakRssBytes: number;
}

export interface Measured extends Usage {
  stdout: string;
  /** When the output first matched `MeasureOptions.mark`, from the start. */
  markMs?: number;
}

export interface MeasureOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  sampleEveryMs?: number;
  /**
   * A line of output whose arrival is timed: how a step inside the command (Eleventy's last line,
   * before Pagefind starts) is timed in the same run, with no change to the command.
   */
  mark?: RegExp;
}

const OUTPUT_KEPT = 1024 * 1024;

function readProc(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined; // the process ended between two reads
  }
}

function descendants(pid: number): number[] {
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    const children = readProc(`/proc/${tree[i]}/task/${tree[i]}/children`);
    if (children) tree.push(...children.trim().split(/\s+/).filter(Boolean).map(Number));
  }
  return tree;
}

function statusKb(status: string, field: "VmRSS" | "VmHWM"): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
  return match ? Number(match[1]) : 0;
}

/** `times` prints the shell's own line, then its children's: "0m12.345s 0m1.234s". */
function childrenCpuMs(times: string): number {
  const line = times.trim().split("\n").at(-1) ?? "";
  const seconds = [...line.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  if (seconds.length !== 2) throw new Error(`sortie de « times » illisible : ${times}`);
  return Math.round((seconds[0]! + seconds[1]!) * 1000);
}

export function measure(command: string, args: readonly string[], options: MeasureOptions): Promise<Measured> {
  const script = '"$@"; status=$?; times >&3; exit $status';
  const child = spawn("bash", ["-c", script, "measure", command, ...args], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ["ignore", "pipe", "pipe", "pipe"],
  });
  const started = performance.now();
  let output = "";
  let times = "";
  let markMs: number | undefined;
  // The text after the last newline, so that a marked line split across two chunks is still seen.
  let partialLine = "";
  const keep = (chunk: Buffer) => {
    const text = chunk.toString("utf8");
    output = (output + text).slice(-OUTPUT_KEPT);
    if (!options.mark || markMs !== undefined) return;
    const recent = partialLine + text;
    if (options.mark.test(recent)) markMs = Math.round(performance.now() - started);
    partialLine = recent.slice(recent.lastIndexOf("\n") + 1);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  child.stdio[3]!.on("data", (chunk: Buffer) => (times += chunk.toString("utf8")));

  let peakKb = 0;
  const sample = () => {
    let sum = 0;
    for (const pid of descendants(child.pid!)) {
      const status = readProc(`/proc/${pid}/status`);
      if (!status) continue;
      sum += statusKb(status, "VmRSS");
      peakKb = Math.max(peakKb, statusKb(status, "VmHWM"));
    }
    peakKb = Math.max(peakKb, sum);
  };
  const timer = setInterval(sample, options.sampleEveryMs ?? 100);

  return new Promise((resolve, reject) => {
    child.on("error", (error) => {
      clearInterval(timer);
      reject(error);
    });
    child.on("close", (code) => {
      const wallMs = Math.round(performance.now() - started);
      clearInterval(timer);
      if (code !== 0) {
        reject(new Error(`${command} ${args.join(" ")} a échoué (code ${code}) :\n${output.slice(-4000)}`));
        return;
      }
      resolve({ wallMs, cpuMs: childrenCpuMs(times), peakRssBytes: peakKb * 1024, stdout: output, markMs });
    });
  });
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}
