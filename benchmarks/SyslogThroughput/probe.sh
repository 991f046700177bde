#!/usr/bin/env bash
# The Syslog sink's cost per record, in counts a shared machine does not move much (docs/benchmarks.md, "Syslog
# throughput"): system calls and context switches per thread from perf (software events and syscall tracepoints, so
# it works where a VM has no hardware counters), CPU time and switches per thread from /proc (the probe's own table).
#   benchmarks/SyslogThroughput/probe.sh [records per thread, default 100000] [transport, default udp] [mode, default Wait]
# Build first: dotnet build -c Release benchmarks/SyslogThroughput (or name another build in SYSLOG_THROUGHPUT)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
app=${SYSLOG_THROUGHPUT:-"$here/bin/Release/net10.0/LoguStyle.SyslogThroughput"}
per_thread=${1:-100000}
transport=${2:-udp}
mode=${3:-Wait}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkfifo "$work/go"

"$app" probe "$per_thread" "$transport" "$mode" <"$work/go" >"$work/out" &
app_pid=$!
exec 3>"$work/go"
until grep -q '^ready pid' "$work/out"; do
    kill -0 "$app_pid" 2>/dev/null || { cat "$work/out"; exit 1; }
    sleep 0.1
done
pid=$(awk '/^ready pid/ { print $3 }' "$work/out")

events=task-clock,context-switches,raw_syscalls:sys_enter,syscalls:sys_enter_sendto,syscalls:sys_enter_sendmsg,syscalls:sys_enter_sendmmsg,syscalls:sys_enter_write,syscalls:sys_enter_futex
perf stat --per-thread -x, -e "$events" -p "$pid" -o "$work/perf" &
perf_pid=$!
# The receiver's CPU per record too: on a machine of 2 cores the sink and rsyslogd share them, so what the sink may
# spend per record for a given rate is what rsyslogd leaves. Its rsyslogd is the one whose command names the probe's folder.
# Indicative only: rsyslogd works through its own queue, so the window may hold some of the warm-up's records and miss
# the last of the counted ones.
receiver=$(for r in $(pgrep -x rsyslogd); do grep -qa logustyle-syslog-probe- "/proc/$r/cmdline" 2>/dev/null && echo "$r"; done | head -1)
if [ -n "$receiver" ]; then
    perf stat -x, -e task-clock -p "$receiver" -o "$work/perf-receiver" &
    receiver_perf=$!
fi
# perf attaches to every thread of the process before it counts; give it that moment.
sleep 1
echo go >&3
# The count ends when the records are sent (the probe then prints its allocation line): what comes after, the lost
# count reading rsyslogd's file and compiling that code, is the run's and not the sink's.
until grep -q '^allocated per record' "$work/out"; do
    kill -0 "$app_pid" 2>/dev/null || break
    sleep 0.1
done
kill -INT "$perf_pid" 2>/dev/null || true
wait "$perf_pid" || true
if [ -n "$receiver" ]; then
    kill -INT "$receiver_perf" 2>/dev/null || true
    wait "$receiver_perf" || true
fi
wait "$app_pid"

grep -v '^ready' "$work/out"
records=$((4 * per_thread))
echo
awk -F, -v n="$records" '/^#/ || NF < 4 { next } $4 == "task-clock" { total += $2 } END { printf "process task-clock per record (all threads): %.2f µs\n", total * 1000 / n }' "$work/perf"
if [ -n "$receiver" ]; then
    awk -F, -v n="$records" '/^#/ || NF < 3 { next } $3 == "task-clock" { printf "rsyslogd task-clock per record (all threads, in the same window: indicative, it works through its own queue): %.2f µs\n", $1 * 1000 / n }' "$work/perf-receiver"
fi
echo "perf stat, per record ($records records), threads with at least 0.01 µs of CPU per record:"
echo "| thread | task-clock µs | context switches | system calls | sendto | sendmsg | sendmmsg | write | futex |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
awk -F, -v n="$records" '
    /^#/ || NF < 4 { next }
    {
        thread = $1; event = $4; value = $2
        sub(/^syscalls:sys_enter_/, "", event); sub(/^raw_syscalls:sys_enter/, "all", event)
        seen[thread] = 1; v[thread, event] = value
    }
    END {
        for (t in seen) {
            if (v[t, "task-clock"] * 1000 / n < 0.01) continue
            printf "| %s | %.2f | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f |\n", t, v[t, "task-clock"] * 1000 / n, v[t, "context-switches"] / n,
                v[t, "all"] / n, v[t, "sendto"] / n, v[t, "sendmsg"] / n, v[t, "sendmmsg"] / n, v[t, "write"] / n, v[t, "futex"] / n
        }
    }' "$work/perf" | sort
