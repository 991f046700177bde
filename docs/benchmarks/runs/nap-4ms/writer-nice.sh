#!/bin/bash
# Writer at nice 19 (renice of the child's long-running threads) against as is: slowcalls child pairs. Nothing else running.
out=/work/reports/nice50
dll=/work/main/benchmarks/SideBySide/bin/Release/net10.0/LoguStyle.SideBySide.dll
mode=$1; rates=${2:-200000}; pairs=${3:-6}
for rate in $rates; do
for i in $(seq 1 $pairs); do
  if [ $(( i % 2 )) -eq 0 ]; then order="nice base"; else order="base nice"; fi
  for s in $order; do
    rm -rf $out/files && mkdir -p $out/files && sync
    dotnet $dll slowcalls logustyle-enqueued $rate 10 $out/files $out/calls-$rate-$s-$i.tsv > $out/one.txt 2>&1 &
    pid=$!
    if [ $s = nice ]; then
      for k in $(seq 1 60); do
        sleep 0.1
        for t in /proc/$pid/task/*; do
          if grep -q "Long Runni" $t/comm 2>/dev/null; then
            tid=$(basename $t)
            if [ $mode = idle ]; then chrt -i -p 0 $tid 2>/dev/null; else renice -n $NICE -p $tid >/dev/null 2>&1; fi
          fi
        done
      done
    fi
    wait $pid
    echo "$rate $i $s $(date -u +%T) $(tail -1 $out/one.txt)" >> $out/pairs-$mode$NICE.txt
  done
done
done
