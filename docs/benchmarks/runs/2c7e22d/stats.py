import json,sys,statistics as st
runs=sys.argv[1:]
T=[json.load(open(f'{r}/throughput.json')) for r in runs]
P=[json.load(open(f'{r}/paced.json')) for r in runs]
def med(d): return {(x['Scenario'],x['Provider']):x for x in d['Results']}
def reps(d,sc,p): return [x for x in d['Runs'] if x['Scenario']==sc and x['Provider']==p]
def rng(v,f='{:.2f}'): return (f.format(min(v))+'-'+f.format(max(v))) if v else '-'
print('MeasuredUtc',[d['MeasuredUtc'] for d in T],[d['MeasuredUtc'] for d in P])
scs=['Template','LoggerMessage','Threads','Interpolated','Disabled']
print('\n# ratios vs zlogger (median repeats)')
for sc in scs:
    for p in ['logustyle-direct','logustyle-enqueued','floor-direct-file']:
        row=[]
        for d in T:
            m=med(d)
            if (sc,p) in m and (sc,'zlogger-file') in m: row.append(f"{m[(sc,p)]['RecordsPerSecond']/m[(sc,'zlogger-file')]['RecordsPerSecond']:.2f}x")
        if row: print(f'{sc:13} {p:20}',' | '.join(row))
print('\n# Disabled TotalMs median repeats: logustyle direct/enq, zlogger')
for d in T:
    m=med(d); print('  ',[f"{m[('Disabled',p)]['TotalMs']:.0f}" for p in ['logustyle-direct','logustyle-enqueued','zlogger-file']])
print('\n# zlogger repeats per scenario: M/s (x-core)')
for sc in ['Template','LoggerMessage','Threads']:
    for i,d in enumerate(T):
        print(f'  {sc} run{i+1}:',', '.join(f"{x['RecordsPerSecond']/1e6:.2f}({x['CrossCoreNs']:.0f})" for x in reps(d,sc,'zlogger-file')))
print('\n# x-core of median repeats (every setup), per scenario/run')
for sc in ['Template','LoggerMessage','Threads']:
    for i,d in enumerate(T):
        m=med(d); print(f'  {sc} run{i+1}:', {p.split('-')[0][:4]+p.split('-')[-1][:3]:round(x['CrossCoreNs']) for (s,p),x in m.items() if s==sc})
print('\n# all repeats close (<250ns) count per run')
for i,d in enumerate(T):
    c=[x for x in d['Runs'] if x['CrossCoreNs']<250]; print(f'  run{i+1}: {len(c)} of {len(d["Runs"])} close;', sorted(set((x['Scenario'],x['Provider']) for x in c))[:20])
print('\n# lost total', [sum(x['Lost'] for x in d['Runs']) for d in T], 'paced', [sum(x['Lost'] for x in d['Runs']) for d in P])
print('\n# alloc (median repeats) logustyle')
for sc in ['Template','LoggerMessage','Threads','Interpolated']:
    for p in ['logustyle-direct','logustyle-enqueued']:
        print(f'  {sc} {p}:',[f"{med(d)[(sc,p)]['AllocatedBytesPerCall']:.4f}" for d in T], 'all repeats', rng([x['AllocatedBytesPerCall'] for d in T for x in reps(d,sc,p)],'{:.4f}'))
print('  other threads B max logustyle (median repeats, non-Disabled):', max(x['OtherThreadsBytesPerCall'] for d in T for (s,p),x in med(d).items() if p.startswith('logustyle') and s!='Disabled'))
print('  other threads B max logustyle (all repeats, non-Disabled):', max(x['OtherThreadsBytesPerCall'] for d in T for x in d['Runs'] if x['Provider'].startswith('logustyle') and x['Scenario']!='Disabled'))
print('\n# peak MB all repeats non-Disabled')
for p in ['logustyle-direct','logustyle-enqueued','zlogger-file']:
    print(' ',p, rng([x['PeakWorkingSetMb'] for d in T for x in d['Runs'] if x['Provider']==p and x['Scenario']!='Disabled'],'{:.0f}'))
print('\n# caller ns median repeats: enqueued vs zlogger')
for sc in scs:
    a=[med(d)[(sc,'logustyle-enqueued')]['CallerNsPerCall'] for d in T]; b=[med(d)[(sc,'zlogger-file')]['CallerNsPerCall'] for d in T]
    print(f'  {sc}: enq {rng(a,"{:,.1f}")} zl {rng(b,"{:,.1f}")}; per run', [f'{x:.1f}/{y:.1f}' for x,y in zip(a,b)])
print('  Disabled all repeats enq', rng([x['CallerNsPerCall'] for d in T for x in reps(d,'Disabled','logustyle-enqueued')],'{:.1f}'), 'zl', rng([x['CallerNsPerCall'] for d in T for x in reps(d,'Disabled','zlogger-file')],'{:.1f}'))
print('\n# slow repeats: below 0.75 of setup upper quartile over all runs')
provs=sorted(set(x['Provider'] for d in T for x in d['Runs']))
for sc in scs:
    out=[]
    for p in provs:
        v=[x['RecordsPerSecond'] for d in T for x in reps(d,sc,p)]
        if not v: continue
        q3=st.quantiles(v,n=4)[2]
        out.append(f"{p} {sum(1 for a in v if a<0.75*q3)}/{len(v)}")
    print(f'  {sc}:',', '.join(out))
print('\n# mel-call-only median repeats ns and B')
for sc in ['Template','LoggerMessage']:
    print(f'  {sc}:',[f"{med(d)[(sc,'mel-call-only')]['CallerNsPerCall']:.1f} ns {med(d)[(sc,'mel-call-only')]['AllocatedBytesPerCall']:.1f} B" for d in T])
print('\n# floor vs direct median M/s and ns per record (1e9/rps)')
for sc in ['Template','LoggerMessage']:
    for p in ['floor-direct-file','logustyle-direct']:
        print(f'  {sc} {p}:',[f"{med(d)[(sc,p)]['RecordsPerSecond']/1e6:.2f} M/s {1e9/med(d)[(sc,p)]['RecordsPerSecond']:.0f} ns" for d in T], 'repeats', [', '.join(f"{x['RecordsPerSecond']/1e6:.2f}" for x in reps(d,sc,p)) for d in T])
    print(f'  {sc} direct/floor:',[f"{med(d)[(sc,'logustyle-direct')]['RecordsPerSecond']/med(d)[(sc,'floor-direct-file')]['RecordsPerSecond']:.2f}" for d in T])
print('\n# enqueued Template repeats per run M/s (x-core)')
for i,d in enumerate(T):
    print(f'  run{i+1}:',', '.join(f"{x['RecordsPerSecond']/1e6:.2f}({x['CrossCoreNs']:.0f})" for x in reps(d,'Template','logustyle-enqueued')))
print('\n# PACED')
def pmed(d):
    r={}
    for x in d['Results']: r[(x['OfferedPerSecond'],x['Setup'])]=x
    return r
def preps(d,rate,s): return [x for x in d['Runs'] if x['OfferedPerSecond']==rate and x['Setup']==s]
def us(ns): return f'{ns/1000:.1f} µs' if ns<1e6 else f'{ns/1e6:.1f} ms'
for rate in [200000,1000000]:
    print(f' rate {rate}')
    for s in ['logustyle-direct','logustyle-enqueued','zlogger-file','nlog-async-block','serilog-async-file']:
        print(f'   {s:20} p99.9 med', [us(pmed(d)[(rate,s)]['P999Ns']) for d in P], 'all', [', '.join(us(x['P999Ns']) for x in preps(d,rate,s)) for d in P])
    for s in ['logustyle-enqueued','zlogger-file','nlog-async-block','logustyle-direct']:
        print(f'   {s:20} made/s med', [f"{pmed(d)[(rate,s)]['MadePerSecond']:,.0f}" for d in P], 'all', rng([x['MadePerSecond'] for d in P for x in preps(d,rate,s)],'{:,.0f}'))
        print(f'   {s:20} p50 med', [pmed(d)[(rate,s)]['P50Ns'] for d in P], 'all', rng([x['P50Ns'] for d in P for x in preps(d,rate,s)],'{:.0f}'),' mean med',[f"{pmed(d)[(rate,s)]['MeanNs']:.0f}" for d in P],'all',rng([x['MeanNs'] for d in P for x in preps(d,rate,s)],'{:.0f}'))
    print('   enq/zl p99.9 ratio med', [f"{pmed(d)[(rate,'logustyle-enqueued')]['P999Ns']/pmed(d)[(rate,'zlogger-file')]['P999Ns']:.2f}" for d in P])
    print('   lost', sum(x['Lost'] for d in P for x in d['Runs'] if x['OfferedPerSecond']==rate))
for r in runs:
    for line in open(f'{r}/paced.log'):
        if "Issue 17's target" in line: print('  ',r,line.strip()[:220])
print('\n# close repeats by index: logustyle vs zlogger, either x-core < 250')
for i,d in enumerate(T):
    for sc in ['Template','LoggerMessage','Threads']:
        z=reps(d,sc,'zlogger-file')
        for p in ['logustyle-direct','logustyle-enqueued','floor-direct-file']:
            l=reps(d,sc,p)
            for k,(a,b) in enumerate(zip(l,z)):
                if a['CrossCoreNs']<250 or b['CrossCoreNs']<250:
                    print(f"  run{i+1} {sc} rep{k+1} {p}: {a['RecordsPerSecond']/1e6:.2f}({a['CrossCoreNs']:.0f}) vs zl {b['RecordsPerSecond']/1e6:.2f}({b['CrossCoreNs']:.0f}) = {a['RecordsPerSecond']/b['RecordsPerSecond']:.2f}x")
