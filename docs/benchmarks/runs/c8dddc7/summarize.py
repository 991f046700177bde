import json,sys,glob,re
for r in sys.argv[1:]:
    d=json.load(open(f'{r}/throughput.json'))
    res=d['Results']
    med={(x['Scenario'],x['Provider']):x for x in res}
    print('==',r, d['MeasuredUtc'])
    for sc in ['Template','LoggerMessage','Threads']:
        z=med[(sc,'zlogger-file')]['RecordsPerSecond']
        row=[]
        for p in ['logustyle-direct','logustyle-enqueued','floor-direct-file']:
            x=med[(sc,p)]; row.append(f"{p.split('-')[1] if p.startswith('logu') else 'floor'} {x['RecordsPerSecond']/z:.2f}x ({x['RecordsPerSecond']/1e6:.2f} M/s, alloc {x['AllocatedBytesPerCall']:.4f})")
        zx=med[(sc,'zlogger-file')]
        print(f"  {sc:13} zlogger {z/1e6:.2f} M/s x-core {zx['CrossCoreNs']:.0f} | "+' | '.join(row))
    enq=[(sc, med[(sc,'logustyle-enqueued')]['CallerNsPerCall'], med[(sc,'zlogger-file')]['CallerNsPerCall']) for sc in ['Template','LoggerMessage','Threads','Disabled']]
    print('  caller ns enq vs zlogger:', ', '.join(f"{a} {b:.0f}/{c:.0f}" for a,b,c in enq))
    lost=sum(x['Lost'] for x in d['Runs'])
    print('  lost total', lost)
    for line in open(f'{r}/paced.log'):
        if "Issue 17's target" in line: print('  ',line.strip()[:200])
