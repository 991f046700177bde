#!/bin/bash
# slowcalls child pairs: $1 = label of B, $2 = B's worktree, $3 = rate, $4 = pairs. A = /work/main.
out=/work/reports/nice50
lab=$1; bdir=$2; rate=$3; pairs=$4
for i in $(seq 1 $pairs); do
  if [ $(( i % 2 )) -eq 0 ]; then order="b a"; else order="a b"; fi
  for s in $order; do
    if [ $s = a ]; then dir=${ADIR:-/work/main}; else dir=$bdir; fi
    dll=$dir/benchmarks/SideBySide/bin/Release/net10.0/LoguStyle.SideBySide.dll
    rm -rf $out/files && mkdir -p $out/files && sync
    r=$(dotnet $dll slowcalls logustyle-enqueued $rate 10 $out/files $out/calls-$lab-$rate-$s-$i.tsv | tail -1)
    echo "$rate $i $s $(date -u +%T) $(echo "$r" | sed -E 's/.*p50 ([0-9,]+) ns, p99.9 ([0-9,]+) ns.* ([0-9,]+) calls of 15.*/p50 \1 p999 \2 slow \3/')" >> $out/ab-$lab.txt
  done
done
