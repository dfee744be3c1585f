using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceMark.Domain.Organisation;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.ServiceFacts;
using ServiceMark.Web.Infrastructure;
using ServiceMark.Web.Infrastructure.Auth;

namespace ServiceMark.Bench;

/// <summary>
/// A department's facts for one month (the facts page's question) without scoring anything: the whole
/// <see cref="ServiceFactsQueries.GetAsync"/>, then each source's GROUP BY alone, so a slow source shows. The month is
/// the last complete month before today. Usage: dotnet run -c Release --project bench/ServiceMark.Bench -- facts data-dir [runs]
/// (PRINT_SQL=1 prints each statement).
/// </summary>
public static class FactsBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var dataDirectory = args.Length > 0 ? args[0] : "data";
        var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var builder = WebApplication.CreateBuilder([$"--ServiceMark:DataDirectory={dataDirectory}", "--Logging:LogLevel:Default=Warning"]);
        builder.AddServiceMark();
        await using var app = builder.Build();
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AppDbContext>();
        var facts = services.GetRequiredService<ServiceFactsQueries>();
        var registry = services.GetRequiredService<FactRegistry>();
        var clock = services.GetRequiredService<CompanyClock>();
        var head = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "bench"), new Claim(ClaimTypes.Role, RoleNames.DepartmentHead)], "bench"));

        var today = clock.Today;
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var last = first.AddMonths(1).AddDays(-1);
        var (department, people) = await ScoreBench.LargestDepartmentAsync(db);
        var query = new ServiceFactsQuery(null, department.Id, first, last);
        Console.WriteLine($"{department.Name}: {people.Count:N0} people, {first:yyyy-MM-dd} – {last:yyyy-MM-dd}; {runs} runs after a warm-up");

        await ScoreBench.Measure("facts: department, one month (GetAsync)", runs, () => facts.GetAsync(query, head));
        var fromUtc = DateTime.SpecifyKind(clock.ToUtc(first.ToDateTime(TimeOnly.MinValue)), DateTimeKind.Utc);
        var toUtc = DateTime.SpecifyKind(clock.ToUtc(last.AddDays(1).ToDateTime(TimeOnly.MinValue)), DateTimeKind.Utc);
        var sql = new FactSql(db.Database.IsNpgsql());
        var together = new FactScope(people, ByPerson: false, Unit: true);
        await db.Database.OpenConnectionAsync();
        foreach (var source in registry.Definitions.Select(d => d.Source).Distinct())
        {
            var text = registry.AggregateSql(source, together, sql);
            if (Environment.GetEnvironmentVariable("PRINT_SQL") == "1")
            {
                Console.WriteLine(text.Replace(string.Join(",", people), "<people>", StringComparison.Ordinal));
            }

            await ScoreBench.Measure($"  source {source.Name}: GROUP BY alone", runs, async () =>
            {
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.CommandText = text;
                foreach (var (name, value) in new (string, object)[] { ("from", fromUtc), ("to", toUtc) })
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = name;
                    parameter.Value = value;
                    command.Parameters.Add(parameter);
                }

                var rows = 0;
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    rows++;
                }

                return rows;
            });
        }

        return 0;
    }
}
