#!/bin/bash
# Interleaved paced-one at 200k: zlogger (main), layout (main: segments), records (exp-rec: queue of records, writer formats)
out=/work/reports/paced40; mkdir -p $out; rm -f $out/*.json
main=/work/main/benchmarks/SideBySide/bin/Release/net10.0/LoguStyle.SideBySide.dll
exp=/work/exp-rec/benchmarks/SideBySide/bin/Release/net10.0/LoguStyle.SideBySide.dll
rounds=${1:-6}
run() {
  folder=/tmp/paced40-files; rm -rf $folder; sync; mkdir -p $folder
  case $2 in
    zlogger) dotnet $main paced-one zlogger-file 200000 10 $folder $out/$1-$2.json > $out/$1-$2.log 2>&1 ;;
    layout) dotnet $main paced-one logustyle-enqueued 200000 10 $folder $out/$1-$2.json > $out/$1-$2.log 2>&1 ;;
    records) dotnet $exp paced-one logustyle-enqueued 200000 10 $folder $out/$1-$2.json > $out/$1-$2.log 2>&1 ;;
  esac
}
echo "start $(date -u +%H:%M:%S)" > $out/times.txt
for r in $(seq 1 $rounds); do
  case $(((r-1)%3)) in 0) o="zlogger layout records";; 1) o="layout records zlogger";; *) o="records zlogger layout";; esac
  for n in $o; do run $r $n; done
  dotnet $main xcore | head -1 >> $out/times.txt
done
echo "end $(date -u +%H:%M:%S)" >> $out/times.txt
python3 - $out $rounds <<'PY'
import json,sys
out,rounds=sys.argv[1],int(sys.argv[2])
for r in range(1,rounds+1):
  for n in ["zlogger","layout","records"]:
    d=json.load(open(f"{out}/{r}-{n}.json"))
    print(r,f"{n:8}",d['P50Ns'],d['P99Ns'],d['P999Ns'],round(d['MeanNs']),d.get('CallsPerSecond',''))
PY
