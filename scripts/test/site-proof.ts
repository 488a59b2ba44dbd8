/**
 * @module
 * `npm run site-proof [-- --save]`: shows that the service is anybody's site by site.toml alone. Clones
 * this repository's HEAD into a temporary folder (with this checkout's node_modules), gives it another
 * site.toml (name, origin, hosts, colours, apps, X handle), runs `npm run site`, `npm run check` and
 * `npm test` there, and reports their results with what the clone's furniture now says (manifest
 * name, icon colour sampled from the PNG, stylesheet colours, routes). Writes
 * test-results/bench/site-proof.md (`--save`: bench/results/site-proof.md, the copy the README links).
 * Takes about as long as `npm test`. Exits 1 if any step failed.
 */

import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import sharp from "sharp";
import { resultsPath } from "../lib/results.ts";

/** The other site: every value differs from Press TV's. */
const OTHER = {
  name: "Harbour Herald",
  origin: "https://news.harbourherald.example",
  hosts: '"news.harbourherald.example" = "canonical"\n"harbourherald.example" = "redirect"\n"mirror.harbourherald.example" = "mirror"\n',
  colours: { link: "#1d5e20", accent: "#7a2e8e", link_dark: "#9ad29c", accent_dark: "#e0a4f0", icon: "#1d5e20" },
  twitter: "@harbourherald",
};

function otherSiteToml(text: string): string {
  let out = text
    .replace(/^name = ".*"$/m, `name = "${OTHER.name}"`)
    .replace(/^origin = ".*"$/m, `origin = "${OTHER.origin}"`)
    .replace(/^addresses = .*$/m, 'addresses = ["harbourherald.example"]')
    .replace(/^apps = .*$/m, 'apps = ["Harbour Herald Roku"]')
    .replace(/^twitter = ".*"$/m, `twitter = "${OTHER.twitter}"`);
  for (const [key, value] of Object.entries(OTHER.colours)) out = out.replace(new RegExp(`^${key} = ".*"$`, "m"), `${key} = "${value}"`);
  // The public hosts give way to the other site's; the local ones stay.
  return out.replace(/(\[hosts\]\n)(?:"[^"\n]+" = "\w+"\n)+/, `$1${OTHER.hosts}`);
}

const root = resolve(".");
const dir = mkdtempSync(join(tmpdir(), "site-proof-"));
const steps: { command: string; status: number | null; seconds: number; summary: string[] }[] = [];
try {
  execFileSync("git", ["clone", "-q", root, dir]);
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"));
  const toml = join(dir, "site.toml");
  writeFileSync(toml, otherSiteToml(readFileSync(toml, "utf8")));
  const diff = execFileSync("git", ["diff", "--", "site.toml"], { cwd: dir, encoding: "utf8" });
  for (const args of [["run", "site"], ["run", "check"], ["test"]]) {
    const t0 = performance.now();
    const run = spawnSync("npm", args, {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", FORCE_COLOR: "0" },
      maxBuffer: 1 << 28,
    });
    const output = `${run.stdout}\n${run.stderr}`.replace(/\x1b\[[0-9;]*m/g, "");
    const summary = output.split("\n").filter((l) => /^\s*(Test Files|Tests)\s/.test(l) || /^(site\.toml|wrangler\.toml|bundle \()/.test(l));
    steps.push({ command: `npm ${args.join(" ")}`, status: run.status, seconds: (performance.now() - t0) / 1000, summary: summary.map((l) => l.trim()) });
    console.log(`npm ${args.join(" ")}: exit ${run.status}\n  ${summary.join("\n  ")}`);
    if (run.status !== 0) console.error(output.slice(-4000));
  }
  const manifest = JSON.parse(readFileSync(join(dir, "public/manifest.webmanifest"), "utf8")) as { name: string; short_name: string };
  // A pixel of the icon's square, inside the rounded corner and outside the white mark.
  const { data } = await sharp(join(dir, "public/icon-512.png"))
    .extract({ left: 60, top: 256, width: 1, height: 1 })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const pixel = `#${[...data.subarray(0, 3)].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
  const css = readFileSync(join(dir, "public/site.css"), "utf8").split("\n").slice(0, 2).join("\n");
  const routes = /# >>> routes[^\n]*\n([^]*?)# <<< routes/.exec(readFileSync(join(dir, "wrangler.toml"), "utf8"))?.[1] ?? "";
  const ok = steps.every((s) => s.status === 0) && manifest.name === OTHER.name && pixel === OTHER.colours.icon;
  const report = [
    "# Another site by site.toml alone",
    "",
    `Written by \`npm run site-proof${process.argv.includes("--save") ? " -- --save" : ""}\` on ${new Date().toISOString()} (${cpus()[0]?.model}, ${cpus().length} cores, Node ${process.version}), from a clone of \`${execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim()}\` whose site.toml became:`,
    "",
    "```diff",
    diff.trim(),
    "```",
    "",
    "| command in the clone | exit | seconds | summary |",
    "| --- | ---: | ---: | --- |",
    ...steps.map((s) => `| \`${s.command}\` | ${s.status} | ${s.seconds.toFixed(0)} | ${s.summary.join("<br>").replaceAll("|", "\\|")} |`),
    "",
    `What the clone now carries: manifest \`name\` "${manifest.name}", \`short_name\` "${manifest.short_name}"; icon-512.png's square ${pixel} (site.toml \`colours.icon\` ${OTHER.colours.icon}); site.css:`,
    "",
    "```css",
    css,
    "```",
    "",
    "wrangler.toml's routes:",
    "",
    "```toml",
    routes.trim(),
    "```",
    "",
    "Pages, feeds, JSON-LD, the manifest and the redirects with the new name, origin and hosts are what the clone's `npm test` asserts (the tests take them from `[vars]`: tests/support/helpers.ts).",
    "",
    `Result: ${ok ? "passed" : "FAILED"}.`,
    "",
  ].join("\n");
  const file = resultsPath("site-proof.md", process.argv.includes("--save"));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, report);
  console.log(`\n${ok ? "passed" : "FAILED"}: ${file}`);
  process.exitCode = ok ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
