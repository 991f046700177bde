#!/bin/sh
# A/B throughput of two commits (issue 15: "no throughput regression, same runner, old and new builds alternating").
#
#   benchmarks/ab.sh OLD NEW [calls] [repeats] [scenarios] [providers]
#
# Builds each commit's benchmarks/SideBySide in Release in its own git worktree under /tmp (the repository's own
# worktrees are not touched), then runs `run <calls> 1 <providers> <scenarios>` repeats times for each, alternating
# old, new, old, new, ... so that both builds' runs are spread over the same stretch of time (this machine drifts:
# docs/benchmarks.md, ../shared/FACTS.md), and prints the medians side by side with new/old ratios.
#
# Defaults: 1000000 calls, 5 repeats, every scenario (Template,LoggerMessage,Threads,Disabled),
# logustyle-direct,logustyle-enqueued. Run it on an idle machine; `benchmarks/ab.sh OLD NEW 20000 1` is a smoke test
# of the script only. Each run's console output stays in $AB_ROOT/results (default /tmp/logustyle-ab); nothing is written
# into this repository (runners older than LOGUSTYLE_BENCH_RESULTS write their tables into their own /tmp worktree's
# docs/). Builds take the shared build lock (/tmp/logustyle-build.lock) when it exists; runs do not. Remove the
# worktrees afterwards with `git worktree remove $AB_ROOT/<sha>`.
set -eu

if [ $# -lt 2 ]; then
    sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
fi

old=$1
new=$2
calls=${3:-1000000}
repeats=${4:-5}
scenarios=${5:-Template,LoggerMessage,Threads,Disabled}
providers=${6:-logustyle-direct,logustyle-enqueued}
root=${AB_ROOT:-/tmp/logustyle-ab}
repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)

. "$(dirname "$0")/ab-common.sh"

# Checks out and builds one commit; prints the path of its runner.
build() {
    tree=$(build_commit "$1" benchmarks/SideBySide build.log) || exit 1
    echo "$tree/benchmarks/SideBySide/bin/Release/net10.0/LoguStyle.SideBySide.dll"
}

mkdir -p "$root/results"
old_dll=$(build "$old")
new_dll=$(build "$new")
echo "old: $old = $(git -C "$repo" rev-parse --short "$old")  new: $new = $(git -C "$repo" rev-parse --short "$new")"
echo "$calls calls, $repeats repeats each, alternating; scenarios $scenarios; providers $providers"

i=1
while [ "$i" -le "$repeats" ]; do
    for side in old new; do
        if [ "$side" = old ]; then dll=$old_dll; else dll=$new_dll; fi
        out="$root/results/$side-$i"
        rm -rf "$out"
        mkdir -p "$out"
        # Each run's JSON goes to its own folder; its console lines to a log beside it.
        LOGUSTYLE_BENCH_RESULTS="$out" dotnet "$dll" run "$calls" 1 "$providers" "$scenarios" >"$out/console.log" 2>&1 || {
            echo "run $side $i failed; see $out/console.log" >&2
            exit 1
        }
        echo "run $i $side done"
    done
    i=$((i + 1))
done

# Both old and new runners print one line per provider and scenario (older ones write no JSON):
# "<scenario> <provider> caller <ns> ns  total <ms> ms  <M/s> M/s ... lost <n> ...".
python3 - "$root/results" "$repeats" <<'EOF'
import os, re, statistics, sys

folder, repeats = sys.argv[1], int(sys.argv[2])
line = re.compile(r"^(\w+)\s+(\S+)\s+caller\s+([0-9.]+) ns\s+total\s+([0-9.]+) ms\s+([0-9.]+) M/s.*\blost (-?[0-9]+)")
runs = {}
for side in ("old", "new"):
    for i in range(1, repeats + 1):
        with open(os.path.join(folder, f"{side}-{i}", "console.log")) as f:
            for m in filter(None, map(line.match, f)):
                runs.setdefault((m[1], m[2]), {}).setdefault(side, []).append(tuple(float(v) for v in m.groups()[2:]))

print(f"\nmedians of {repeats} alternating runs; ratio = new / old (below 1: new is faster for ns and ms)")
print(f"{'scenario':<14}{'provider':<20}{'old ns':>9}{'new ns':>9}{'ratio':>7}{'old ms':>9}{'new ms':>9}{'ratio':>7}{'old M/s':>9}{'new M/s':>9}  lost old/new")
ratio = lambda a, b: f"{b / a:7.2f}" if a else "      -"
for (scenario, provider), sides in runs.items():
    if set(sides) != {"old", "new"}:
        print(f"{scenario:<14}{provider:<20}  only in {', '.join(sides)}")
        continue
    o, n = ([statistics.median(r[k] for r in sides[s]) for k in range(3)] for s in ("old", "new"))
    lost = [int(sum(r[3] for r in sides[s])) for s in ("old", "new")]
    print(f"{scenario:<14}{provider:<20}{o[0]:9.1f}{n[0]:9.1f}{ratio(o[0], n[0])}{o[1]:9.0f}{n[1]:9.0f}{ratio(o[1], n[1])}{o[2]:9.2f}{n[2]:9.2f}  {lost[0]}/{lost[1]}")
EOF
