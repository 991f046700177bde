#!/bin/sh
# A/B of two LoguStyle builds in ONE process (issue 16: "no regression, same runner, same command, old and new builds
# alternating in one sitting"), for differences smaller than benchmarks/ab.sh can resolve.
#
#   benchmarks/ab-inprocess.sh OLD NEW [calls per slice] [slices] [scenarios] [modes] [warm-up seconds]
#
# OLD and NEW are commits (anything git rev-parse takes) or folders that already hold a built LoguStyle.dll and
# LoguStyle.Hosting.dll. A commit's src/Provider.Hosting is built in Release in its own git worktree under
# $AB_ROOT/<sha> (default /tmp/logustyle-ab, as benchmarks/ab.sh; the repository's own worktrees are not touched).
# The harness (benchmarks/InProcessAb, from this checkout) loads both builds side by side, each in its own
# AssemblyLoadContext, times them in turns (slice k of OLD then NEW, or NEW then OLD, swapping every slice) and prints
# per scenario and mode the median of the per-slice ratios NEW/OLD, their interquartile range and a verdict; see
# docs/benchmarks.md, "Two builds in one process". Defaults: 200000 calls, 40 slices, Template,LoggerMessage,Threads,
# Disabled, direct,enqueued, 2 s. `benchmarks/ab-inprocess.sh OLD NEW 20000 4 Template direct 0` is a smoke test.
# Builds take the shared build lock (/tmp/logustyle-build.lock) when it exists, unless AB_LOCKED=1 says the caller
# holds it (`flock /tmp/logustyle-build.lock env AB_LOCKED=1 benchmarks/ab-inprocess.sh ...` keeps every other build
# and test off the machine while it measures); the run itself does not take it.
# Exit codes: the harness's (0 no regression, 1 a regression, 2 bad arguments, 3 the builds wrote different lines).
set -eu

if [ $# -lt 2 ]; then
    sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
fi

old=$1
new=$2
shift 2
root=${AB_ROOT:-/tmp/logustyle-ab}
repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)

. "$(dirname "$0")/ab-common.sh"

# Prints the folder of a build: the argument itself when it is one, else the commit's build.
build() {
    if [ -f "$1/LoguStyle.dll" ]; then
        (cd "$1" && pwd)
        return
    fi

    tree=$(build_commit "$1" src/Provider.Hosting provider-build.log) || exit 1
    echo "$tree/src/Provider.Hosting/bin/Release/net10.0"
}

mkdir -p "$root"
old_dir=$(build "$old")
new_dir=$(build "$new")
locked timeout 900 dotnet build -c Release --nologo -v quiet "$repo/benchmarks/InProcessAb" >"$root/inprocess-build.log" 2>&1 || {
    echo "build of the harness failed; see $root/inprocess-build.log" >&2
    exit 1
}

echo "A = $old, B = $new"
LOGUSTYLE_AB_OUT=${LOGUSTYLE_AB_OUT:-$root/inprocess} \
    exec dotnet "$repo/benchmarks/InProcessAb/bin/Release/net10.0/LoguStyle.InProcessAb.dll" "$old_dir" "$new_dir" "$@"
