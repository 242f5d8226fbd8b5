#!/usr/bin/env bash
# Coverage-guided fuzzing of the core's parsers: SharpFuzz instruments a copy of ActivityCore.Core.dll and
# afl-fuzz (Debian's afl++) drives one target at a time through SharpFuzz's fork server.
#
#   tests/ActivityCore.Fuzz/fuzz.sh TARGET|all [afl-fuzz limit...]
#     fuzz.sh json-error -V 600      one target for ten minutes
#     fuzz.sh all -E 30000           every target for 30,000 executions (the CI smoke length)
#
# Targets: json-error, json-error-diff, xml-error, xml-error-diff, response, values, sigv4 (see FuzzTargets.cs). Seeds: corpus/TARGET (make_corpus.py).
# Each crash or hang is copied to regressions/TARGET/afl-<sha1> for review and the script exits 1; the replay test
# (FuzzTests) then runs it on every `dotnet test` once it is committed, and it stays there as a regression test.
# Environment: CONFIGURATION (Release), FUZZ_WORK (a fresh temp folder), FUZZ_NO_BUILD=1 to use the existing build,
# FUZZ_SEED (1: afl-fuzz's RNG seed, for repeatable smoke runs).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
configuration="${CONFIGURATION:-Release}"
work="${FUZZ_WORK:-$(mktemp -d)}"
seed="${FUZZ_SEED:-1}"
[[ $# -ge 1 ]] || { sed -n '2,15p' "$0"; exit 2; }
target="$1"; shift
limit=("$@"); [[ ${#limit[@]} -gt 0 ]] || limit=(-V 60)
command -v afl-fuzz >/dev/null || { echo "afl-fuzz not found: install Debian's afl++ (apt-get install -y afl++)" >&2; exit 2; }

if [[ "${FUZZ_NO_BUILD:-0}" != 1 ]]; then
  dotnet build "$here/ActivityCore.Fuzz.csproj" -c "$configuration" -nologo -v quiet
fi

# Instrument a copy: the build output (and the tests' copy of the core) stay uninstrumented.
mkdir -p "$work"
rm -rf "$work/bin"
cp -r "$here/bin/$configuration/net10.0" "$work/bin"
dotnet "$work/bin/ActivityCore.Fuzz.dll" instrument "$work/bin/ActivityCore.Core.dll"

if [[ "$target" == all ]]; then
  targets=($(dotnet "$work/bin/ActivityCore.Fuzz.dll" list | cut -f1))
else
  targets=("$target")
fi

export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1
found=0
for t in "${targets[@]}"; do
  case "$t" in
    xml-error|xml-error-diff) dicts=(-x "$here/dict/xml.dict") ;;
    response) dicts=(-x "$here/dict/json.dict" -x "$here/dict/xml.dict") ;;
    sigv4) dicts=(-x "$here/dict/sigv4.dict") ;;
    *) dicts=(-x "$here/dict/json.dict") ;;
  esac
  rm -rf "$work/$t"
  afl-fuzz -i "$here/corpus/$t" -o "$work/$t" "${dicts[@]}" -t 5000 -s "$seed" "${limit[@]}" \
    -- dotnet "$work/bin/ActivityCore.Fuzz.dll" afl "$t" > "$work/$t.log" 2>&1 || { tail -40 "$work/$t.log" >&2; exit 3; }
  stats="$work/$t/default/fuzzer_stats"
  field() { awk -v k="$1" '$1 == k { print $3 }' "$stats"; }
  echo "$t: execs_done=$(field execs_done) execs_per_sec=$(field execs_per_sec) corpus_count=$(field corpus_count) edges_found=$(field edges_found) saved_crashes=$(field saved_crashes) saved_hangs=$(field saved_hangs) run_time=$(field run_time)s"
  for f in "$work/$t/default/crashes"/id:* "$work/$t/default/hangs"/id:*; do
    [[ -e "$f" ]] || continue
    mkdir -p "$here/regressions/$t"
    cp "$f" "$here/regressions/$t/afl-$(sha1sum "$f" | cut -c1-12)"
    found=1
  done
done
[[ $found == 0 ]] || { echo "crashes or hangs were copied to $here/regressions: replay them with 'dotnet $work/bin/ActivityCore.Fuzz.dll replay TARGET FILE'" >&2; exit 1; }
