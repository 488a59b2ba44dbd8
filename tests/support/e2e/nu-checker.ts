/**
 * @module
 * The W3C Nu HTML checker (vnu.jar, from the `vnu-jar` npm package), run on the machine's Java (11 or
 * newer; `.ci/e2e-setup.sh` installs one when missing). Errors and warnings are findings; its plain
 * "info" notes (e.g. on the `/>` that hono/jsx closes void elements with, which HTML ignores) are
 * counted apart.
 */

import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";

interface Message {
  type: string;
  subType?: string;
  url: string;
  lastLine?: number;
  message: string;
}

/** Checks the HTML files; `findings` names each error or warning as `file:line kind: message`. */
export function nuCheck(files: string[]): { findings: string[]; info: number } {
  const jar = String(createRequire(import.meta.url)("vnu-jar"));
  const out = execFileSync("java", ["-jar", jar, "--format", "json", "--stdout", "--exit-zero-always", ...files], { encoding: "utf8", maxBuffer: 16 << 20 });
  const messages = (JSON.parse(out) as { messages: Message[] }).messages;
  const findings = messages
    .filter((m) => m.type !== "info" || m.subType === "warning")
    .map((m) => `${m.url.split("/").pop()}:${m.lastLine ?? 0} ${m.subType ?? m.type}: ${m.message}`);
  return { findings, info: messages.length - findings.length };
}
