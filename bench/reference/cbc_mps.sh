#!/bin/sh
# Reference for `npm run bench:portfolio`: solves a free-format MPS file with COIN-OR CBC (Debian's
# coinor-cbc, as an analyst would without Lodestone) and prints "status ...", "objective ..." and CBC's own
# "seconds ...". Exits 3 when cbc is not installed.
set -e
command -v cbc >/dev/null 2>&1 || exit 3
out=$(cbc "$1" -solve -quit)
echo "$out" | sed -n 's/^Result - \(.*\)$/status \1/p'
echo "$out" | sed -n 's/^Objective value:[[:space:]]*\([^[:space:]]*\).*$/objective \1/p'
echo "$out" | sed -n 's/^Total time (CPU seconds):[[:space:]]*\([^[:space:]]*\).*$/seconds \1/p'
