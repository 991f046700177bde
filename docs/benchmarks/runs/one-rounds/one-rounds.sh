#!/bin/bash
# Interleaved one-child runs with the cross-core round trip before each: enqueued Template with the runner's layout,
# with the constant layout, and ZLogger; direct too. Output: one line per child.
cd /work/main
dll=benchmarks/SideBySide/bin/Release/net10.0/LoguStyle.SideBySide.dll
out=/work/reports/close39; mkdir -p $out
for round in $(seq 1 ${1:-12}); do
  for setup in "logustyle-enqueued|" "logustyle-enqueued|-" "zlogger-file|" "logustyle-direct|" "floor-direct-file|"; do
    name=${setup%%|*}; fmt=${setup#*|}
    for sc in Template LoggerMessage; do
      x=$(dotnet $dll xcore 2>&1 | tail -1 | grep -o '[0-9]* ns')
      f=$(mktemp -d); sync
      if [ -n "$fmt" ]; then LOGUSTYLE_BENCH_FORMAT="$fmt" dotnet $dll one $name $sc $f 1000000 $f.json >/dev/null 2>&1; else dotnet $dll one $name $sc $f 1000000 $f.json >/dev/null 2>&1; fi
      python3 -c "import json;d=json.load(open('$f.json'));print('$(date -u +%T) round $round %-20s fmt=%-2s %-13s %6.2f M/s caller %6.1f ns x-core $x'%('$name','$fmt','$sc',d['RecordsPerSecond']/1e6,d['CallerNsPerCall']))" | tee -a $out/lines.txt
      rm -rf $f $f.json
    done
  done
done
