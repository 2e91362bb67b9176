// Process CPU time and parentage, read from /proc/<pid>/stat (Linux only: elsewhere there is nothing to read).

import { readFile } from "node:fs/promises";

/** Linux reports process CPU time in clock ticks of 1/100 s (USER_HZ) on every architecture Node runs on. */
const MS_PER_TICK = 10;

/**
 * The fields of /proc/<pid>/stat after the command name (which may hold spaces and parentheses), so
 * index 0 is field 3 (state) of proc(5); undefined where the file cannot be read.
 */
async function statFields(pid: number | "self"): Promise<string[] | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
  return stat ? stat.slice(stat.lastIndexOf(")") + 2).split(" ") : undefined;
}

/**
 * User + system CPU time in ms: the process's own (utime + stime, fields 14 and 15), or that of the children
 * it has waited for (cutime + cstime, fields 16 and 17). Undefined where /proc cannot be read.
 */
export async function cpuMs(pid: number | "self", whose: "own" | "waited-for children" = "own"): Promise<number | undefined> {
  const fields = await statFields(pid);
  if (!fields) return undefined;
  const [user, system] = whose === "own" ? [fields[11], fields[12]] : [fields[13], fields[14]];
  return (Number(user) + Number(system)) * MS_PER_TICK;
}

/** The parent's pid (field 4), or undefined where /proc cannot be read. */
export async function parentOf(pid: number): Promise<number | undefined> {
  const fields = await statFields(pid);
  return fields ? Number(fields[1]) : undefined;
}
