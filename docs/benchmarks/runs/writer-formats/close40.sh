#!/bin/bash
# Opportunistic: when the cores measure close, A/B segments (A, main) vs queue of records (B, writer formats).
cd /work/main
SB=benchmarks/SideBySide/bin/Release/net10.0/LoguStyle.SideBySide.dll
AB=benchmarks/InProcessAb/bin/Release/net10.0/LoguStyle.InProcessAb.dll
end=$(( $(date +%s) + ${1:-3600} ))
n=0
while [ $(date +%s) -lt $end ]; do
  x=$(flock /tmp/logustyle-build.lock dotnet $SB xcore | head -3 | grep -o '[0-9]* ns' | head -1 | grep -o '[0-9]*')
  echo "$(date -u +%H:%M:%S) xcore $x" >> /work/reports/close40/xcore.txt
  if [ -n "$x" ] && [ "$x" -lt 250 ]; then
    n=$((n+1))
    flock /tmp/logustyle-build.lock bash -c "dotnet $AB src/Provider.Hosting/bin/Release/net10.0 /work/exp-rec/src/Provider.Hosting/bin/Release/net10.0 200000 10 Template,LoggerMessage enqueued 2 > /work/reports/close40/ab$n.log 2>&1; dotnet $SB xcore | head -3 >> /work/reports/close40/ab$n.log"
    echo "$(date -u +%H:%M:%S) ab$n done" >> /work/reports/close40/xcore.txt
  fi
  sleep 20
done
