# Sourced by benchmarks/ab.sh and benchmarks/ab-inprocess.sh (not run alone); they set $repo and $root first.

# Runs its arguments under the shared build lock (/tmp/logustyle-build.lock) when the lock exists. AB_LOCKED=1: the
# caller already holds it (for example `flock /tmp/logustyle-build.lock env AB_LOCKED=1 benchmarks/ab.sh ...`, to keep
# every other build and test off the machine while it measures); a second flock on the same file from inside would
# wait for ever.
locked() {
    if [ "${AB_LOCKED:-}" = 1 ]; then "$@"
    elif [ -e /tmp/logustyle-build.lock ]; then flock /tmp/logustyle-build.lock "$@"; else "$@"; fi
}

# build_commit COMMIT PROJECT LOG: checks COMMIT out in its own git worktree, $root/<first 12 hex digits> (the
# repository's own worktrees are not touched), builds PROJECT (a path inside it) in Release under the lock with its
# output in $root/<sha>.LOG, and prints the worktree's path; a failed build stops the script.
build_commit() {
    sha=$(git -C "$repo" rev-parse --verify "$1^{commit}")
    tree="$root/$(printf %.12s "$sha")"
    if [ ! -d "$tree" ]; then
        git -C "$repo" worktree add --detach --quiet "$tree" "$sha"
    fi

    locked timeout 900 dotnet build -c Release --nologo -v quiet "$tree/$2" >"$tree.$3" 2>&1 || {
        echo "build of $1 ($sha) failed; see $tree.$3" >&2
        exit 1
    }
    echo "$tree"
}
