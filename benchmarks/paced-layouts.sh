#!/bin/sh
# What formatting on the calling thread costs the paced load's tail (issue 17's latency target: LoguStyle enqueued's
# p99.9 at most half of ZLogger's). Interleaved `paced-one` runs, each setup in its own process, round after round:
#   zlogger-file                  ZLogger, as in `paced`
#   logustyle-enqueued            LoguStyle enqueued with the runner's layout, as in `paced`
#   logustyle-enqueued {message}  the same with LOGUSTYLE_BENCH_FORMAT='{message}': the message alone
#   logustyle-enqueued constant   the same with LOGUSTYLE_BENCH_FORMAT='-': the call captures its record, takes its
#                                 ticket and appends a line to the queue, and formats next to nothing
# The last two write other bytes than the peers, so they are measurements of where the time goes, never results; and
# their writer has less to write (2 bytes a record for the constant layout, about 85 for the runner's), so they also
# leave more of the two cores to the callers. Nothing is counted for loss here (paced-one's child leaves that to `paced`).
#
#   benchmarks/paced-layouts.sh [rounds] [rate] [seconds]      (defaults: 5 200000 10)
#
# Prints one line per run (p50, p99, p99.9, mean in ns) and, per LoguStyle layout, in how many rounds its p99.9 was at
# most half of that round's ZLogger p99.9 (as the runner's LatencyTarget judges it: within one histogram bucket of the
# target is undecided, not met), in how many undecided, and in how many under 5 us. Builds the runner first (under the shared
# build lock, unless AB_LOCKED=1 says the caller holds it); nothing else should run on the machine meanwhile.
set -eu

rounds=${1:-5}
rate=${2:-200000}
seconds=${3:-10}
repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
root=${AB_ROOT:-/tmp/logustyle-ab}
out="$root/paced-layouts"

. "$(dirname "$0")/ab-common.sh"

mkdir -p "$out"
locked timeout 900 dotnet build -c Release --nologo -v quiet "$repo/benchmarks/SideBySide" >"$out/build.log" 2>&1 || {
    echo "build of the runner failed; see $out/build.log" >&2
    exit 1
}
dll="$repo/benchmarks/SideBySide/bin/Release/net10.0/LoguStyle.SideBySide.dll"

# run ROUND NAME: one paced-one child of the setup NAME names; its result in $out/<round>-<name>.json. The previous
# run's files are deleted and written back first (sync), as the runner does between its children, so no run pays for
# another's pages.
run() {
    folder="$out/files"
    rm -rf "$folder"
    sync
    mkdir -p "$folder"
    case $2 in
        zlogger) dotnet "$dll" paced-one zlogger-file "$rate" "$seconds" "$folder" "$out/$1-$2.json" >"$out/$1-$2.log" 2>&1 ;;
        layout) dotnet "$dll" paced-one logustyle-enqueued "$rate" "$seconds" "$folder" "$out/$1-$2.json" >"$out/$1-$2.log" 2>&1 ;;
        message) LOGUSTYLE_BENCH_FORMAT='{message}' dotnet "$dll" paced-one logustyle-enqueued "$rate" "$seconds" "$folder" "$out/$1-$2.json" >"$out/$1-$2.log" 2>&1 ;;
        constant) LOGUSTYLE_BENCH_FORMAT='-' dotnet "$dll" paced-one logustyle-enqueued "$rate" "$seconds" "$folder" "$out/$1-$2.json" >"$out/$1-$2.log" 2>&1 ;;
    esac
}

echo "commit $(git -C "$repo" rev-parse --short HEAD), $(date -u '+%Y-%m-%d %H:%M UTC'), paced-one at $rate/s for $seconds s, $rounds rounds"
rm -f "$out"/*.json
# Each round turns the order by one place (zlogger layout message constant, then layout message constant zlogger, ...),
# so no setup always runs first or right after the same other one.
round=1
while [ "$round" -le "$rounds" ]; do
    case $(((round - 1) % 4)) in
        0) order="zlogger layout message constant" ;;
        1) order="layout message constant zlogger" ;;
        2) order="message constant zlogger layout" ;;
        *) order="constant zlogger layout message" ;;
    esac
    for name in $order; do
        run "$round" "$name"
    done
    round=$((round + 1))
done

python3 - "$out" "$rounds" "$dll" <<'EOF'
import json, subprocess, sys
out, rounds, dll = sys.argv[1], int(sys.argv[2]), sys.argv[3]
names = [("zlogger", "zlogger-file"), ("layout", "logustyle-enqueued"), ("message", "logustyle-enqueued {message}"),
         ("constant", "logustyle-enqueued constant")]
print(f"{'round':>5}  {'setup':<30} {'p50':>6} {'p99':>7} {'p99.9':>7} {'mean':>6}")
# The runner's own verdict (LatencyTarget: by histogram buckets, "met", "missed" or "undecided").
def verdict(own, peer):
    return subprocess.run(["dotnet", dll, "verdict", str(own), str(peer)], capture_output=True, text=True, check=True).stdout.strip()
met = {n: 0 for n, _ in names[1:]}
undecided = {n: 0 for n, _ in names[1:]}
fast = {n: 0 for n, _ in names[1:]}
for r in range(1, rounds + 1):
    res = {n: json.load(open(f"{out}/{r}-{n}.json")) for n, _ in names}
    for n, label in names:
        d = res[n]
        print(f"{r:>5}  {label:<30} {d['P50Ns']:>6} {d['P99Ns']:>7} {d['P999Ns']:>7} {round(d['MeanNs']):>6}")
    z = res["zlogger"]["P999Ns"]
    for n, _ in names[1:]:
        own = res[n]["P999Ns"]
        said = verdict(own, z)
        met[n] += said == "met"
        undecided[n] += said == "undecided"
        fast[n] += own < 5000
for n, label in names[1:]:
    print(f"{label}: p99.9 at most half of ZLogger's in {met[n]} of {rounds} rounds, undecided at the histogram's resolution in {undecided[n]}, under 5 us in {fast[n]}")
EOF
