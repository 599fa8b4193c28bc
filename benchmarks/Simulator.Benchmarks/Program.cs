using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Running;
using Simulator.Benchmarks;
using Simulator.Benchmarks.Plotting;
using Simulator.Benchmarks.Report;

if (args.Length > 0 && args[0] == "plot")
{
    return PlotCommand.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "targets")
{
    return TargetsCommand.Run(args[1..], Console.Out);
}

Growth.Quick = Growth.IsQuickRun(args);

// The full JSON report is what `plot` reads (BenchmarkDotNet's CSV report also works).
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, DefaultConfig.Instance.AddExporter(JsonExporter.Full));
return 0;

/// <summary>Entry point type, named for <see cref="BenchmarkSwitcher"/>.</summary>
public partial class Program;
