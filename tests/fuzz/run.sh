#!/bin/sh
# `make fuzz`: each target for FUZZ_SECONDS (default 120) on a fresh copy of its seed corpus.
set -eu
seconds="${FUZZ_SECONDS:-120}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
py="${PYTHON:-$root/.venv/bin/python}"
py="$(cd "$(dirname "$py")" && pwd)/$(basename "$py")"  # the targets run from the findings folder
work="$(mktemp -d "${TMPDIR:-/tmp}/policyvc-fuzz.XXXXXX")"
mkdir -p "$work/parser" "$work/request" "$work/findings"
cp "$root"/tests/fixtures/policies/*.txt "$root"/tests/fixtures/input/*.txt "$work/parser/"
cp "$root"/tests/decisions/*.json "$work/request/"
status=0
for target in parser request; do
    echo "== fuzz_$target: $seconds s (corpus and findings in $work)"
    (cd "$work/findings" && "$py" "$here/fuzz_$target.py" -max_total_time="$seconds" -max_len=60000 \
        -timeout=30 -rss_limit_mb=4096 -print_final_stats=1 "$work/$target") || status=1
done
exit $status
