using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.Parts;
using ServiceMark.Web.Infrastructure;

namespace ServiceMark.Bench;

/// <summary>
/// p50/p95 of the stock screens on a large parts history (issue 13 point 10), each beside the bare SQL of the same answer, e.g.
/// on a database made with `seed-demo --parts 2000 --ledger-entries 1000000`.
/// Usage: dotnet run -c Release --project bench/ServiceMark.Bench -- parts data-dir [runs]
/// </summary>
public static class PartsBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var dataDirectory = args.Length > 0 ? args[0] : "data";
        var runs = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 50;
        var builder = WebApplication.CreateBuilder([$"--ServiceMark:DataDirectory={dataDirectory}", "--Logging:LogLevel:Default=Warning"]);
        builder.AddServiceMark();
        await using var app = builder.Build();
        await using var scope = app.Services.CreateAsyncScope();
        var stock = scope.ServiceProvider.GetRequiredService<StockQueries>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var entries = await db.LedgerEntries.LongCountAsync();
        var parts = await db.SpareParts.CountAsync();
        var central = await db.StockLocations.Where(l => l.Code == "WH-CENTRAL").Select(l => l.Id).SingleAsync();
        var busiest = await db.StockBalances.Where(b => b.LocationId == central).OrderByDescending(b => b.OnHandHundredths).Select(b => b.PartId).FirstAsync();
        var engineer = await db.StockLocations.Where(l => l.PersonId != null).OrderBy(l => l.Id).Select(l => l.PersonId!.Value).FirstAsync();
        Console.WriteLine($"{parts:N0} parts, {entries:N0} ledger entries, {await db.StockBalances.CountAsync():N0} balance rows in {dataDirectory}; {runs} runs each");

        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        async Task<object?> Bare(string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return await command.ExecuteScalarAsync();
        }

        await Measure("on hand: one part at one location", runs, () => stock.OnHandAsync(central, busiest, false, 1, 50));
        await Measure("  bare SQL: the balance row by key", runs, () => Bare($"SELECT \"OnHandHundredths\" FROM \"StockBalances\" WHERE \"LocationId\" = {central} AND \"PartId\" = {busiest}"));
        await Measure("stock list of the warehouse, page 1", runs, () => stock.OnHandAsync(central, null, false, 1, 50));
        await Measure("stock list of the warehouse, page 30", runs, () => stock.OnHandAsync(central, null, false, 30, 50));
        await Measure("  bare SQL: a page of the list with its count", runs, async () =>
        {
            await Bare($"SELECT COUNT(*) FROM \"StockBalances\" WHERE \"LocationId\" = {central} AND \"OnHandHundredths\" > 0");
            return await Bare($"SELECT p.\"Code\" FROM \"StockBalances\" b JOIN \"SpareParts\" p ON p.\"Id\" = b.\"PartId\" WHERE b.\"LocationId\" = {central} AND b.\"OnHandHundredths\" > 0 ORDER BY p.\"Code\" LIMIT 50");
        });
        await Measure("an engineer's own stock", runs, () => stock.PersonalAsync(engineer, inStockOnly: true));
        await Measure("a part's movements, newest 50", runs, () => stock.HistoryAsync(busiest, null, null, 50));
        await Measure("a location's movements, newest 50", runs, () => stock.HistoryAsync(null, central, null, 50));
        await Measure("below minimum, everywhere", Math.Max(3, runs / 10), () => stock.OnHandAsync(null, null, true, 1, 50));
        await Measure("book check (帐物一致) over the whole ledger", 3, () => stock.CheckBookAsync());
        return 0;
    }

    private static async Task Measure<T>(string name, int runs, Func<Task<T>> query)
    {
        await query(); // warm-up
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await query();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine($"{name,-48} p50 {Percentile(times, 0.50),8:N2} ms   p95 {Percentile(times, 0.95),8:N2} ms");
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
