using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Micro -- --filter '*' [--job short]
BenchmarkSwitcher.FromAssembly(typeof(LoguStyle.Micro.HotPathBenchmarks).Assembly).Run(args);
