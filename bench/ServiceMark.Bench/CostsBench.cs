using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.Expenses;
using ServiceMark.Web.Infrastructure;

namespace ServiceMark.Bench;

/// <summary>
/// The service cost summaries (issue 14 point 3) on a large ticket history, each grouping for a month, a quarter and a year,
/// beside the bare SQL of its heaviest part (the labour GROUP BY over assignments with the grade per row).
/// Usage: dotnet run -c Release --project bench/ServiceMark.Bench -- costs data-dir [runs]
/// </summary>
public static class CostsBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var dataDirectory = args.Length > 0 ? args[0] : "data";
        var runs = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10;
        var builder = WebApplication.CreateBuilder([$"--ServiceMark:DataDirectory={dataDirectory}", "--Logging:LogLevel:Default=Warning"]);
        builder.AddServiceMark();
        await using var app = builder.Build();
        await using var scope = app.Services.CreateAsyncScope();
        var summaries = scope.ServiceProvider.GetRequiredService<CostSummaries>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var latest = await db.Tickets.MaxAsync(t => t.ReportedAtUtc);
        var to = DateOnly.FromDateTime(latest);
        Console.WriteLine($"{await db.Tickets.CountAsync():N0} tickets in {dataDirectory}, the latest reported on {to:yyyy-MM-dd}; {runs} runs each");

        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        async Task<object?> Bare(string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return await command.ExecuteScalarAsync();
        }

        // The budget page: actual for the whole year (claim lines, twelve ledger ranges, the reports with compensation).
        var budgets = scope.ServiceProvider.GetRequiredService<ServiceMark.Web.Features.Budgets.Budgets>();
        await ScoreBench.Measure($"budget against actual, {to.Year}", runs, async () => (await budgets.CompareAsync(to.Year)).Value!.Total.Year.Actual);
        await ScoreBench.Measure("  bare SQL: the reports with compensation", runs, () => Bare(
            "SELECT COUNT(*) FROM \"ServiceReports\" WHERE CAST(\"CompensationAmount\" AS REAL) <> 0"));

        foreach (var (label, days) in new[] { ("month", 30), ("quarter", 91), ("year", 365) })
        {
            var from = to.AddDays(1 - days);
            foreach (var by in Enum.GetValues<CostGrouping>())
            {
                await ScoreBench.Measure($"{label}, by {by}", runs, async () => (await summaries.SummariseAsync(from, to, by, 1, 50)).Value!.Total);
            }

            if (!db.Database.IsNpgsql())
            {
                await ScoreBench.Measure($"  bare SQL, {label}: minutes on site by customer and engineer with the grade", runs, () => Bare(
                    "SELECT COUNT(*) FROM (SELECT t.\"CustomerId\", a.\"EngineerId\", (SELECT g.\"SchemeCode\" || '/' || g.\"LevelCode\" FROM \"PersonGrades\" g " +
                    "WHERE g.\"PersonId\" = a.\"EngineerId\" AND g.\"EffectiveFrom\" <= date(t.\"ResolvedAtUtc\", '+480 minutes') ORDER BY g.\"EffectiveFrom\" DESC LIMIT 1) AS grade, " +
                    "SUM((t.\"ResolutionTicks\" - t.\"ArrivalTicks\") / 600000000) FROM \"ServiceTickets\" t JOIN \"TicketAssignments\" a ON a.\"TicketId\" = t.\"Id\" " +
                    $"WHERE t.\"ReportedAtUtc\" >= '{from.AddDays(-1):yyyy-MM-dd} 16:00:00' AND t.\"ReportedAtUtc\" < '{to:yyyy-MM-dd} 16:00:00' AND t.\"Status\" <> 'Cancelled' " +
                    "AND t.\"ArrivedAtUtc\" IS NOT NULL AND t.\"ResolvedAtUtc\" > t.\"ArrivedAtUtc\" GROUP BY 1, 2, 3)"));
            }
        }

        return 0;
    }
}
