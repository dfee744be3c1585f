using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceMark.Domain.Assessment;
using ServiceMark.Domain.Organisation;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.Assessment;
using ServiceMark.Web.Features.ServiceFacts;
using ServiceMark.Web.Infrastructure;
using ServiceMark.Web.Infrastructure.Auth;

namespace ServiceMark.Bench;

/// <summary>
/// Scoring a quarter end-to-end on a real database (e.g. one made with `seed-demo --people 2000 --tickets 1000000`):
/// opens the last complete quarter for everyone assessed in it (or reuses it), then times
/// <see cref="PeriodScoring.ScorePeriodAsync"/> (facts for everyone, evidence numbers, every sheet scored and its
/// snapshot saved) and <see cref="ServiceFactsQueries.ForEachPersonAsync"/> alone, with the peak working set and the
/// bytes allocated per run. Usage: dotnet run -c Release --project bench/ServiceMark.Bench -- score data-dir [runs]
/// </summary>
public static class ScoreBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var dataDirectory = args.Length > 0 ? args[0] : "data";
        var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var builder = WebApplication.CreateBuilder([$"--ServiceMark:DataDirectory={dataDirectory}", "--Logging:LogLevel:Default=Warning"]);
        builder.AddServiceMark();
        await using var app = builder.Build();
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AppDbContext>();
        var periods = services.GetRequiredService<PeriodHandlers>();
        var scoring = services.GetRequiredService<PeriodScoring>();
        var facts = services.GetRequiredService<ServiceFactsQueries>();
        var head = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "bench"), new Claim(ClaimTypes.Role, RoleNames.DepartmentHead)], "bench"));

        // The last complete quarter before today, in the company's time.
        var today = services.GetRequiredService<CompanyClock>().Today;
        var thisQuarter = ((today.Month - 1) / 3) + 1;
        var (year, quarter) = thisQuarter == 1 ? (today.Year - 1, 4) : (today.Year, thisQuarter - 1);
        var period = await db.AssessmentPeriods.AsNoTracking()
            .FirstOrDefaultAsync(p => p.Length == AssessmentPeriodLength.Quarter && p.Year == year && p.Number == quarter);
        if (period is null)
        {
            var watch = Stopwatch.StartNew();
            var opened = await periods.OpenAsync(new OpenPeriodRequest("Quarter", year, quarter), head);
            if (!opened.Succeeded)
            {
                Console.Error.WriteLine($"Could not open {year} Q{quarter}: {opened.Refusal!.Message}");
                return 1;
            }

            Console.WriteLine($"opened {year} Q{quarter} with {opened.Value!.Summary.Sheets:N0} sheets in {watch.Elapsed.TotalMilliseconds:N0} ms");
            period = await db.AssessmentPeriods.AsNoTracking().SingleAsync(p => p.Id == opened.Value.Summary.Id);
        }

        var sheets = await db.AssessmentSheets.Where(s => s.PeriodId == period.Id).Select(s => s.PersonId).ToListAsync();
        var (fromUtc, toUtc) = (period.FirstDay.ToDateTime(TimeOnly.MinValue).AddHours(-8), period.LastDay.AddDays(1).ToDateTime(TimeOnly.MinValue).AddHours(-8));
        var inQuarter = await db.Tickets.CountAsync(t => t.ReportedAtUtc >= fromUtc && t.ReportedAtUtc < toUtc);
        Console.WriteLine($"{await db.Tickets.CountAsync():N0} tickets, {await db.People.CountAsync():N0} people; {period.Period}: {sheets.Count:N0} sheets, " +
                          $"~{inQuarter:N0} tickets reported in the quarter; {runs} runs each after a warm-up");
        // Issue 11: the bare SQL of the aggregates (each source's GROUP BY, rows read and dropped) against the same facts
        // through ServiceFactsQueries (as scoring asks for them: evidence for the cited codes only) and first-time scoring.
        var registry = services.GetRequiredService<FactRegistry>();
        var bareFrom = DateTime.SpecifyKind(fromUtc, DateTimeKind.Utc);
        var bareTo = DateTime.SpecifyKind(toUtc, DateTimeKind.Utc);
        await Measure($"facts: bare SQL of the aggregates, {sheets.Count:N0} people", runs, () => BareAggregatesAsync(db, registry, sheets, bareFrom, bareTo));
        await Measure($"facts: ForEachPersonAsync, cited evidence only", runs,
            () => facts.ForEachPersonAsync(sheets, period.FirstDay, period.LastDay, code => code is "follow_up_rate" or "valid_complaints"));
        await Measure($"facts: ForEachPersonAsync, {sheets.Count:N0} people", runs, () => facts.ForEachPersonAsync(sheets, period.FirstDay, period.LastDay));

        // A department's facts for the quarter's last month, as the facts page asks (the answer's JSON size printed once).
        var (department, _) = await LargestDepartmentAsync(db);
        var month = new ServiceFactsQuery(null, department.Id, new DateOnly(period.LastDay.Year, period.LastDay.Month, 1), period.LastDay);
        var answer = await facts.GetAsync(month, head);
        Console.WriteLine($"department {department.Name}: {answer.Value!.People:N0} people; the month's facts answer {System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(answer.Value, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)).Length:N0} bytes of JSON");
        await Measure("facts: department, one month (GetAsync)", runs, () => facts.GetAsync(month, head));

        // Before each run (not timed): every sheet unscored, as when the period first goes to self-review; or every
        // sheet's stored result different from what scoring will give (facts changed since: each sheet is rewritten and
        // audited with its before and after snapshots); or nothing to change (a repeated re-score). The resets bypass
        // the audit on purpose: they are the benchmark's, not the application's.
        var periodId = period.Id;
        var scored = period;
        await Measure($"score: first time, {sheets.Count:N0} sheets", runs, () => scoring.ScorePeriodAsync(scored, head, CancellationToken.None),
            () => db.AssessmentSheets.Where(s => s.PeriodId == periodId)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.ResultJson, (string?)null).SetProperty(s => s.ComputedTotal, (decimal?)null)
                    .SetProperty(s => s.ScoredAtUtc, (DateTime?)null)));
        await Measure($"score: every result changed, {sheets.Count:N0} sheets", runs, () => scoring.ScorePeriodAsync(scored, head, CancellationToken.None),
            () => db.AssessmentSheets.Where(s => s.PeriodId == periodId).ExecuteUpdateAsync(u => u.SetProperty(s => s.ResultJson, s => s.ResultJson + " ")));
        await Measure($"score: nothing changed, {sheets.Count:N0} sheets", runs, () => scoring.ScorePeriodAsync(scored, head, CancellationToken.None));
        return 0;
    }

    /// <summary>The unit with the most people in it and its direct sub-units (the facts page's widest department), and its people.</summary>
    internal static async Task<(ServiceMark.Domain.Organisation.OrgUnit Unit, List<int> People)> LargestDepartmentAsync(AppDbContext db)
    {
        var units = await db.OrgUnits.AsNoTracking().ToListAsync();
        var staff = await db.People.AsNoTracking().GroupBy(p => p.OrgUnitId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var department = units.MaxBy(u => units.Where(x => x.Id == u.Id || x.ParentId == u.Id).Sum(x => staff.GetValueOrDefault(x.Id)))!;
        var unitIds = units.Where(u => u.Id == department.Id || u.ParentId == department.Id).Select(u => u.Id).ToList();
        return (department, await db.People.Where(p => unitIds.Contains(p.OrgUnitId)).Select(p => p.Id).ToListAsync());
    }

    /// <summary>The registry's GROUP BY of every source for these people, run as plain commands: the floor for the facts.</summary>
    private static async Task<int> BareAggregatesAsync(AppDbContext db, FactRegistry registry, IReadOnlyList<int> people, DateTime fromUtc, DateTime toUtc)
    {
        var sql = new FactSql(db.Database.IsNpgsql());
        var scope = new FactScope([.. people.Distinct()], ByPerson: true);
        var rows = 0;
        await db.Database.OpenConnectionAsync();
        foreach (var source in registry.Definitions.Select(d => d.Source).Distinct())
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = registry.AggregateSql(source, scope, sql);
            foreach (var (name, value) in new (string, object)[] { ("from", fromUtc), ("to", toUtc) })
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }

            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows++;
            }
        }

        await db.Database.CloseConnectionAsync();
        return rows;
    }

    internal static async Task Measure<T>(string name, int runs, Func<Task<T>> work, Func<Task<int>>? reset = null)
    {
        await (reset?.Invoke() ?? Task.FromResult(0));
        await work(); // warm-up: compiled queries, caches
        var times = new List<double>();
        var allocated = new List<long>();
        var cpu = new List<double>();
        var peak = 0L;
        for (var i = 0; i < runs; i++)
        {
            await (reset?.Invoke() ?? Task.FromResult(0));
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                // The process's working set, sampled while the work runs (Process.PeakWorkingSet64 never resets).
                var max = Environment.WorkingSet;
                while (!sampling.IsCancellationRequested)
                {
                    max = Math.Max(max, Environment.WorkingSet);
                    await Task.Delay(20, CancellationToken.None);
                }

                return max;
            });
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            await work();
            times.Add(watch.Elapsed.TotalMilliseconds);

            // CPU time too: on the shared 2-core machine other jobs stretch the wall time, not this.
            cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds);
            await sampling.CancelAsync();
            peak = Math.Max(peak, await sampler);
            allocated.Add(GC.GetTotalAllocatedBytes(precise: true) - before);
        }

        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-45} p50 {times[times.Count / 2],8:N0} ms  min {times[0],8:N0} ms  max {times[^1],8:N0} ms  cpu p50 {cpu.Order().ElementAt(cpu.Count / 2),8:N0} ms  " +
            $"allocated {allocated.Order().ElementAt(allocated.Count / 2) / 1048576.0,7:N0} MB/run  peak working set {peak / 1048576.0,6:N0} MB"));
    }
}
