using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using ServiceMark.Domain.Organisation;

// dotnet run -c Release --project bench/ServiceMark.Bench -- --filter '*'
if (args.Length > 0 && args[0] == "queries")
{
    return await ServiceMark.Bench.QueryBench.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "facts")
{
    return await ServiceMark.Bench.FactsBench.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "parts")
{
    return await ServiceMark.Bench.PartsBench.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "contracts")
{
    return await ServiceMark.Bench.ContractsBench.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "planned-work")
{
    return await ServiceMark.Bench.PlannedWorkBench.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "costs")
{
    return await ServiceMark.Bench.CostsBench.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "score")
{
    return await ServiceMark.Bench.ScoreBench.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(ServiceMark.Bench.OrganisationBenchmarks).Assembly).Run(args);
return 0;

namespace ServiceMark.Bench
{

/// <summary>The checks run on every save of a person, on an organisation far larger than the demo's.</summary>
[MemoryDiagnoser]
public class OrganisationBenchmarks
{
    private readonly Dictionary<int, int?> superiorOf = [];
    private PersonDetails details = default!;

    [Params(1_000, 20_000)]
    public int People { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // A deep reporting line (worst case for the cycle walk): everyone reports to the previous person.
        for (var i = 1; i <= People; i++)
        {
            superiorOf[i] = i == 1 ? null : i - 1;
        }

        details = new PersonDetails("E12345", "张三", "13800000000", "zhang@example.com", 1, 1, null,
            EmploymentStatus.Probation, new DateOnly(2026, 1, 5), new DateOnly(2026, 4, 5));
    }

    [Benchmark]
    public bool ReportingCycleCheck() => PersonRules.WouldCreateReportingCycle(1, People, id => superiorOf.GetValueOrDefault(id));

    [Benchmark]
    public int PersonRulesCheck() => PersonRules.Check(details).All.Count;
}
}
