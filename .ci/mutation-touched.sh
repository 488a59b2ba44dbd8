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

# The pure modules stryker.config.mjs mutates. A module whose change since the base is only its
# imports and comments (a move, say) keeps its logic and its tests: not mutated again.
PURE=(src/reader/http src/reader/auth/signing.ts src/reader/site/hosts.ts src/reader/site/applinks.ts src/reader/cache/lru.ts
  src/shared/model/schema.ts src/shared/model/paths.ts tools/content/source.ts src/reader/feeds src/reader/render/format.ts)
logic_changed() {
  # The diff of one file since the base, renames followed, without import, comment and blank lines.
  git diff -M30% --unified=0 "$base" HEAD -- "$1" $(git diff -M30% --name-status "$base" HEAD | awk -v f="$1" '$1 ~ /^R/ && $3 == f {print $2}') |
    grep -E '^[+-]' | grep -vE '^(\+\+\+|---)' | grep -vE '^[+-]\s*(import |export \{[^}]*\} from |\} from "|//|\*|/\*\*|$)' | grep -q .
}
files=$(git diff -M30% --name-only --diff-filter=AMR "$base" HEAD -- "${PURE[@]}" | grep -E '\.ts$' |
  while read -r f; do if [ -f "$f" ] && logic_changed "$f"; then echo "$f"; fi; done | paste -sd, - || true)
if [ -z "$files" ]; then echo "mutation: no pure module changed since ${base:0:12}"; exit 0; fi
echo "mutation: $files (changed since ${base:0:12})"
npx stryker run --mutate "$files"
