using System.Diagnostics;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceMark.Domain.Organisation;
using ServiceMark.Domain.Tickets;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.ServiceFacts;
using ServiceMark.Web.Features.Tickets;
using ServiceMark.Web.Infrastructure;

namespace ServiceMark.Bench;

/// <summary>
/// p50/p95 of the ticket list (filters, search, paging) and of the service-facts query on a real database, e.g. one
/// made with `seed-demo --tickets 100000`. Usage: dotnet run -c Release --project bench/ServiceMark.Bench -- queries data-dir [runs]
/// </summary>
public static class QueryBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var dataDirectory = args.Length > 0 ? args[0] : "data";
        var runs = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 30;
        var builder = WebApplication.CreateBuilder([$"--ServiceMark:DataDirectory={dataDirectory}", "--Logging:LogLevel:Default=Warning"]);
        builder.AddServiceMark();
        await using var app = builder.Build();
        await using var scope = app.Services.CreateAsyncScope();
        var tickets = scope.ServiceProvider.GetRequiredService<TicketListing>();
        var facts = scope.ServiceProvider.GetRequiredService<ServiceFactsQueries>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var head = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "bench"), new Claim(ClaimTypes.Role, RoleNames.DepartmentHead)], "bench"));

        var first = (await tickets.SearchAsync(new TicketQuery(PageSize: 1), head)).Value!;
        Console.WriteLine($"{(first.TotalIsExact ? "" : "more than ")}{first.Total:N0} tickets in {dataDirectory}; {runs} runs each");

        // The engineer with the most assignments: their own open tickets are their home page and "my tickets".
        var busiest = await db.Database.SqlQueryRaw<int>("SELECT \"EngineerId\" AS \"Value\" FROM \"TicketAssignments\" GROUP BY \"EngineerId\" ORDER BY COUNT(*) DESC LIMIT 1").SingleAsync();
        var engineer = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "bench-engineer"), new Claim(ClaimTypes.Role, RoleNames.Engineer),
            new Claim("servicemark:person", busiest.ToString(System.Globalization.CultureInfo.InvariantCulture))], "bench"));
        var sample = await db.Tickets.OrderBy(t => t.Id).Skip(first.Items.Count > 0 ? first.Items[0].Id / 2 : 0).Select(t => new { t.Number, t.SerialNumber }).FirstAsync();
        var cursor = (await tickets.SearchAsync(new TicketQuery(Status: TicketStatus.Closed, PageSize: 25), head)).Value!.Next;

        await Measure("list: first page, newest first", runs, () => tickets.SearchAsync(new TicketQuery(), head));
        await Measure("list: engineer's own open tickets", runs, () => tickets.SearchAsync(new TicketQuery(OpenOnly: true, Mine: true, PageSize: 8), engineer));
        await Measure("list: engineer's visible tickets", runs, () => tickets.SearchAsync(new TicketQuery(), engineer));
        await Measure("list: open only, page 3", runs, () => tickets.SearchAsync(new TicketQuery(OpenOnly: true, Page: 3), head));
        await Measure("list: status Closed, page 20", runs, () => tickets.SearchAsync(new TicketQuery(Status: TicketStatus.Closed, Page: 20), head));
        await Measure("list: status Closed, next page by cursor", runs, () => tickets.SearchAsync(new TicketQuery(Status: TicketStatus.Closed, After: cursor), head));
        await Measure("list: jump to a date 300 days back", runs, () => tickets.SearchAsync(new TicketQuery(From: DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-300)), head));
        await Measure("list: search customer name (2 chars)", runs, () => tickets.SearchAsync(new TicketQuery(Search: "洛阳"), head));
        await Measure("list: search customer name (4 chars)", runs, () => tickets.SearchAsync(new TicketQuery(Search: "公交集团"), head));
        await Measure("list: search fault words (common)", runs, () => tickets.SearchAsync(new TicketQuery(Search: "总线"), head));
        await Measure("list: search fault words (3 chars, common)", runs, () => tickets.SearchAsync(new TicketQuery(Search: "通讯故障"), head));
        await Measure("list: search serial number", runs, () => tickets.SearchAsync(new TicketQuery(Search: sample.SerialNumber ?? "LZYTBGHK0R1000301"), head));
        await Measure("list: search serial fragment", runs, () => tickets.SearchAsync(new TicketQuery(Search: (sample.SerialNumber ?? "LZYTBGHK0R1000301")[^7..]), head));
        await Measure("list: search ticket number", runs, () => tickets.SearchAsync(new TicketQuery(Search: sample.Number), head));
        await Measure("list: search ticket number prefix (a past day's)", runs, () => tickets.SearchAsync(new TicketQuery(Search: sample.Number[..^3]), head));
        await Measure("list: search ticket number, no match", runs, () => tickets.SearchAsync(new TicketQuery(Search: "SM29991231-9999"), head));
        await Measure("list: engineer's search", runs, () => tickets.SearchAsync(new TicketQuery(Search: "通讯故障"), engineer));
        await Measure("facts: whole department, one month", Math.Max(3, runs / 10), () => facts.GetAsync(new ServiceFactsQuery(null, null, null, null), head));
        await Measure("facts: one engineer, one month", runs, () => facts.GetAsync(new ServiceFactsQuery(11, null, null, null), head));

        // A quarter for everyone, and the facts of every engineer for that quarter in one pass (what scoring a department needs).
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var quarterStart = today.AddMonths(-3);
        await Measure("facts: everyone, one quarter", Math.Max(3, runs / 10), () => facts.GetAsync(new ServiceFactsQuery(null, null, quarterStart, today), head));
        var engineers = await (from p in db.People
                               join pos in db.Positions on p.PositionId equals pos.Id
                               where pos.Role == RoleNames.Engineer
                               select p.Id).ToListAsync();
        await Measure($"facts: each of {engineers.Count} engineers, one quarter", Math.Max(3, runs / 10),
            () => facts.ForEachPersonAsync(engineers, quarterStart, today));
        return 0;
    }

    private static async Task Measure<T>(string name, int runs, Func<Task<T>> query)
    {
        var warm = await query(); // warm-up: compiled queries, caches
        var rows = warm is ServiceMark.Domain.Common.Result<TicketPage> { Value: { } page } ? $"   ({page.Items.Count} rows, total {(page.TotalIsExact ? "" : ">")}{page.Total})" : "";
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await query();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine($"{name,-40} p50 {Percentile(times, 0.50),8:N1} ms   p95 {Percentile(times, 0.95),8:N1} ms{rows}");
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
