using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using ServiceMark.Domain.Installations;
using ServiceMark.Domain.Organisation;
using ServiceMark.Domain.Returns;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.Installations;
using ServiceMark.Web.Features.Returns;
using ServiceMark.Web.Features.ServiceFacts;
using ServiceMark.Web.Infrastructure;

namespace ServiceMark.Bench;

/// <summary>
/// Returns and installation plans (issue 14 points 6 and 7) on a large history: the lists, a search, one record, and the facts
/// of their sources for a department's quarter and for everyone, beside the bare SQL of the same aggregate. Adds the records
/// first when the database has fewer (by SQL: five years of returns and plans spread over the engineers).
/// Usage: dotnet run -c Release --project bench/ServiceMark.Bench -- planned-work data-dir [runs] [returns]
/// </summary>
public static class PlannedWorkBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var dataDirectory = args.Length > 0 ? args[0] : "data";
        var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var wanted = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 50_000;
        var builder = WebApplication.CreateBuilder([$"--ServiceMark:DataDirectory={dataDirectory}", "--Logging:LogLevel:Default=Warning", "--ContractVisits:Enabled=false"]);
        builder.AddServiceMark();
        await using var app = builder.Build();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var today = scope.ServiceProvider.GetRequiredService<CompanyClock>().Today;
        await SeedAsync(db, wanted, today);
        Console.WriteLine($"{await db.ProductReturns.CountAsync():N0} returns, {await db.InstallationPlans.CountAsync():N0} installation plans, " +
                          $"{await db.Tickets.CountAsync():N0} tickets in {dataDirectory}; {runs} runs each");

        var head = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "head"), new Claim(ClaimTypes.Role, RoleNames.DepartmentHead)], "bench"));
        var returns = scope.ServiceProvider.GetRequiredService<ProductReturns>();
        var plans = scope.ServiceProvider.GetRequiredService<InstallationPlans>();
        await ScoreBench.Measure("returns, open, first page (by the day promised)", runs, async () => (await returns.ListAsync(ReturnFilter.Open, null, null, head, 1, 25)).Total);
        await ScoreBench.Measure("returns, overdue, first page", runs, async () => (await returns.ListAsync(ReturnFilter.Overdue, null, null, head, 1, 25)).Total);
        await ScoreBench.Measure("returns, all, page 200", runs, async () => (await returns.ListAsync(ReturnFilter.All, null, null, head, 200, 25)).Total);
        await ScoreBench.Measure("returns, search by serial number", runs, async () => (await returns.ListAsync(ReturnFilter.All, "BENCH-000777", null, head, 1, 25)).Total);
        var anyReturn = await db.ProductReturns.OrderByDescending(r => r.Id).Select(r => r.Id).FirstAsync();
        await ScoreBench.Measure("one return", runs, async () => (await returns.GetAsync(anyReturn, head))!.Tests.Count);
        await ScoreBench.Measure("installations, open, first page", runs, async () => (await plans.ListAsync(InstallationFilter.Open, null, head, 1, 25)).Total);
        await ScoreBench.Measure("installations, late, first page", runs, async () => (await plans.ListAsync(InstallationFilter.Late, null, head, 1, 25)).Total);
        var anyPlan = await db.InstallationPlans.OrderByDescending(p => p.Id).Select(p => p.Id).FirstAsync();
        await ScoreBench.Measure("one installation plan", runs, async () => (await plans.GetAsync(anyPlan, head))!.Crew.Count);

        var registry = scope.ServiceProvider.GetRequiredService<FactRegistry>();
        var sql = new FactSql(db.Database.IsNpgsql(), today: today, offsetMinutes: 480);
        var quarter = new DateOnly(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1);
        var (fromUtc, toUtc) = (quarter.ToDateTime(TimeOnly.MinValue).AddHours(-8), today.AddDays(1).ToDateTime(TimeOnly.MinValue).AddHours(-8));
        var engineers = await db.People.Where(p => p.IsActive).OrderBy(p => p.Id).Select(p => p.Id).Take(60).ToListAsync();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        foreach (var source in new[] { ReturnFacts.FirstTests, ReturnFacts.Promised, ReturnFacts.Completed, InstallationFacts.Planned })
        {
            foreach (var (label, scopeOf) in new[] { ("60 people, by person", new FactScope(engineers, ByPerson: true)), ("everyone", FactScope.Everyone) })
            {
                var text = registry.AggregateSql(source, scopeOf, sql);
                await ScoreBench.Measure($"  {source.Name}, quarter, {label}", runs, async () =>
                {
                    await using var command = connection.CreateCommand();
                    command.CommandText = text;
                    AddPeriod(command, fromUtc, toUtc);
                    var n = 0;
                    await using var reader = await command.ExecuteReaderAsync();
                    while (await reader.ReadAsync())
                    {
                        n++;
                    }

                    return n;
                });
            }
        }

        await ScoreBench.Measure("  bare SQL: first-test pass count of the quarter", runs, async () =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*), SUM(\"FirstTestPassed\") FROM \"ProductReturns\" WHERE \"FirstTestedOn\" >= @f AND \"FirstTestedOn\" < @t";
            var f = command.CreateParameter();
            (f.ParameterName, f.Value) = ("@f", quarter.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            var t = command.CreateParameter();
            (t.ParameterName, t.Value) = ("@t", today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            command.Parameters.Add(f);
            command.Parameters.Add(t);
            return await command.ExecuteScalarAsync();
        });
        return 0;
    }

    private static void AddPeriod(System.Data.Common.DbCommand command, DateTime fromUtc, DateTime toUtc)
    {
        foreach (var (name, value) in new[] { ("@from", fromUtc), ("@to", toUtc) })
        {
            var p = command.CreateParameter();
            (p.ParameterName, p.Value) = (name, value);
            command.Parameters.Add(p);
        }
    }

    /// <summary>Five years of returns (every one tested once or twice and sent back, except the last weeks' still open) and one
    /// installation plan per four returns, over the first 60 engineers and the first customers; SQLite only.</summary>
    private static async Task SeedAsync(AppDbContext db, int wanted, DateOnly today)
    {
        var have = await db.ProductReturns.CountAsync();
        if (have >= wanted || db.Database.IsNpgsql())
        {
            return;
        }

        var people = await db.People.Where(p => p.IsActive).OrderBy(p => p.Id).Select(p => p.Id).Take(60).ToListAsync();
        var customers = await db.Customers.OrderBy(c => c.Id).Select(c => c.Id).Take(50).ToListAsync();
        var units = await db.ProductUnits.OrderBy(u => u.Id).Select(u => u.Id).Take(1).ToListAsync();
        var random = new Random(42);
        await db.Database.OpenConnectionAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var connection = db.Database.GetDbConnection();
        static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        for (var i = have; i < wanted; i++)
        {
            var received = today.AddDays(-random.Next(0, 5 * 365));
            var due = received.AddDays(ProductReturn.DefaultTurnaroundDays);
            var person = people[random.Next(people.Count)];
            var open = today.DayNumber - received.DayNumber < 20 && random.Next(2) == 0;
            var passed = random.Next(100) < 96;
            var completed = open ? (DateOnly?)null : received.AddDays(random.Next(3, 25));
            var tested = open ? (DateOnly?)null : received.AddDays(2);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction.GetDbTransaction();
            command.CommandText = "INSERT INTO \"ProductReturns\" (\"CustomerId\", \"Item\", \"SerialNumber\", \"Fault\", \"ReceivedOn\", \"ResponsiblePersonId\", \"DueOn\", \"Status\", " +
                                  "\"Decision\", \"Finding\", \"InspectedOn\", \"RepairWork\", \"RepairedOn\", \"WorkedById\", \"FirstTestedOn\", \"FirstTestPassed\", \"ShippedOn\", " +
                                  "\"ShippingReference\", \"CompletedOn\", \"CreatedAtUtc\", \"Version\") VALUES " +
                                  $"({customers[random.Next(customers.Count)]}, '控制器', 'BENCH-{i:000000}', '不开机', '{D(received)}', {person}, '{D(due)}', " +
                                  $"'{(open ? nameof(ReturnStatus.Inspected) : nameof(ReturnStatus.ShippedBack))}', 'Repair', '元件损坏', '{D(received.AddDays(1))}', " +
                                  $"{(open ? "NULL" : "'更换元件'")}, {(open ? "NULL" : $"'{D(received.AddDays(2))}'")}, {person}, {(tested is { } td ? $"'{D(td)}'" : "NULL")}, " +
                                  $"{(open ? "NULL" : passed ? "1" : "0")}, {(completed is { } c ? $"'{D(c)}'" : "NULL")}, {(open ? "NULL" : "'EMS'")}, " +
                                  $"{(completed is { } c2 ? $"'{D(c2)}'" : "NULL")}, '{received:yyyy-MM-dd} 02:00:00', 1)";
            await command.ExecuteNonQueryAsync();
            if (i % 4 == 0)
            {
                await using var plan = connection.CreateCommand();
                plan.Transaction = transaction.GetDbTransaction();
                var start = received.AddDays(3);
                plan.CommandText = "INSERT INTO \"InstallationPlans\" (\"CustomerId\", \"UnitIds\", \"PlannedStart\", \"PlannedFinish\", \"ResponsiblePersonId\", \"EngineerIds\", " +
                                   "\"Status\", \"CreatedAtUtc\", \"Version\") VALUES " +
                                   $"({customers[random.Next(customers.Count)]}, '[{units[0]}]', '{D(start)}', '{D(start.AddDays(2))}', {person}, '[{person}]', " +
                                   $"'{nameof(InstallationStatus.Planned)}', '{received:yyyy-MM-dd} 02:00:00', 1)";
                await plan.ExecuteNonQueryAsync();
            }
        }

        await transaction.CommitAsync();
    }
}
