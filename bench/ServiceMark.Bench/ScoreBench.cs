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
        await Measure($"facts: ForEachPersonAsync, {sheets.Count:N0} people", runs, () => facts.ForEachPersonAsync(sheets, period.FirstDay, period.LastDay));

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

    private static async Task Measure<T>(string name, int runs, Func<Task<T>> work, Func<Task<int>>? reset = null)
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
