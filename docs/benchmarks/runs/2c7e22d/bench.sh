#!/bin/bash
# Three rounds of: run 1000000 5, stalls, paced 200000,1000000 10. Inside the build lock.
set -u
cd /work/main
out=/work/reports/bench43
mkdir -p $out
echo "HEAD $(git rev-parse --short HEAD) start $(date -u +%T)" > $out/times.log
dotnet build -c Release --nologo -v quiet benchmarks/SideBySide > $out/build.log 2>&1 || { echo build failed >> $out/times.log; exit 1; }
for r in 1 2 3; do
  mkdir -p $out/round$r
  echo "round $r run start $(date -u +%T)" >> $out/times.log
  dotnet run -c Release --no-build --project benchmarks/SideBySide -- run 1000000 5 > $out/round$r/run.log 2>&1
  echo "round $r run exit $? $(date -u +%T)" >> $out/times.log
  cp docs/benchmarks/throughput.* $out/round$r/
  dotnet run -c Release --no-build --project benchmarks/SideBySide -- stalls > $out/round$r/stalls.log 2>&1
  echo "round $r stalls exit $? $(date -u +%T)" >> $out/times.log
  dotnet run -c Release --no-build --project benchmarks/SideBySide -- paced 200000,1000000 10 > $out/round$r/paced.log 2>&1
  echo "round $r paced exit $? $(date -u +%T)" >> $out/times.log
  cp docs/benchmarks/paced.* $out/round$r/
done
echo "all done $(date -u +%T)" >> $out/times.log
