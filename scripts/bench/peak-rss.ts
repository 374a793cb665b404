// The peak resident memory of this process alone, in MB: VmHWM of /proc/self/status. Not process.resourceUsage().maxRSS,
// which Linux carries across fork and exec, so a child spawned by a large parent reports the parent's size at the spawn
// (the benchmark's children reported 1.8–2.4 GB, where VmHWM and sampling both gave 1.3–1.5 GB; measured 2026-12-02).
import { readFileSync } from "node:fs";

export function peakRssMb(): number {
  const line = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf-8"));
  return line ? Number(line[1]) / 1024 : process.resourceUsage().maxRSS / 1024;
}
