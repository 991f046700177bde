#!/usr/bin/env bash
# What each slow call of one paced provider met, as the kernel saw it (docs/benchmarks.md, "What sets the p99.9").
#   benchmarks/SideBySide/slowcalls.sh <provider> [rate] [seconds] [output folder]
# Runs the paced scenario for one provider (`-- slowcalls`, which writes down every measured call of 15 µs or more)
# under `perf record -a` with the scheduler's, the interrupts' and the page faults' events, stamped with the clock
# the runner times calls with, then sorts each slow call by what happened on its core while it ran (`-- slowcalls-causes`).
# Root (perf's tracepoints), Linux, nothing else running.
set -euo pipefail
provider=${1:?usage: slowcalls.sh <provider> [rate] [seconds] [output folder]}
rate=${2:-200000}
seconds=${3:-10}
out=${4:-/tmp/slowcalls-$provider-$rate}
command -v perf >/dev/null || { echo "slowcalls.sh needs perf: apt-get install linux-perf" >&2; exit 1; }
here=$(cd "$(dirname "$0")" && pwd)
dotnet build -c Release "$here" -nologo -v q >/dev/null
rm -rf "$out" && mkdir -p "$out/files"
events=sched:sched_switch,sched:sched_wakeup,exceptions:page_fault_user,irq_vectors:local_timer_entry,irq:irq_handler_entry,irq:softirq_entry,irq_vectors:call_function_entry,irq_vectors:call_function_single_entry,irq_vectors:reschedule_entry
perf record -q -k CLOCK_MONOTONIC -a -e "$events" -o "$out/perf.data" -- \
  dotnet "$here/bin/Release/net10.0/LoguStyle.SideBySide.dll" slowcalls "$provider" "$rate" "$seconds" "$out/files" "$out/calls.tsv" | tee "$out/run.txt"
perf script --ns -i "$out/perf.data" -F tid,cpu,time,event,trace > "$out/events.txt" 2>/dev/null
dotnet "$here/bin/Release/net10.0/LoguStyle.SideBySide.dll" slowcalls-causes "$out/calls.tsv" "$out/events.txt" | tee "$out/causes.md"
rm -rf "$out/files"
