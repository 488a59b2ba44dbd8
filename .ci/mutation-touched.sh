#!/usr/bin/env bash
# Mutation testing (StrykerJS) of the pure modules this change touches, against the Node unit tests;
# fails under thresholds.break in stryker.config.mjs. `npm run test:mutation` runs every module (~15 min
# on a shared 2-core machine, too long for every CI run). The base is $MUTATION_BASE, else the merge
# base with main, else the previous commit.
set -euo pipefail
cd "$(dirname "$0")/.."
export WRANGLER_SEND_METRICS=false

base="${MUTATION_BASE:-}"
if [ -z "$base" ]; then
  for ref in origin/main main; do
    if git rev-parse -q --verify "$ref^{commit}" >/dev/null; then base=$(git merge-base HEAD "$ref"); break; fi
  done
fi
if [ -z "$base" ] || [ "$base" = "$(git rev-parse HEAD)" ]; then
  base=$(git rev-parse -q --verify "HEAD~1^{commit}" || true)
fi
if [ -z "$base" ]; then echo "mutation: no base commit to compare with; skipped"; exit 0; fi

files=$(git diff --name-only "$base" HEAD -- src/http src/model/schema.ts tools/content/source.ts src/model/paths.ts src/feeds src/render/format.ts |
  grep -E '\.ts$' | grep -v '^src/http/auth\.ts$' | while read -r f; do if [ -f "$f" ]; then echo "$f"; fi; done | paste -sd, - || true)
if [ -z "$files" ]; then echo "mutation: no pure module changed since ${base:0:12}"; exit 0; fi
echo "mutation: $files (changed since ${base:0:12})"
npx stryker run --mutate "$files"
