using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceMark.Domain.Organisation;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.Contracts;
using ServiceMark.Web.Features.ServiceFacts;
using ServiceMark.Web.Infrastructure;

namespace ServiceMark.Bench;

/// <summary>
/// The contract pages and facts (issue 14 point 5) on a large history: the list, renewals due, receivables by age, the
/// collection rate per person for a quarter and the two contract facts of every person for a quarter, beside the bare SQL
/// of the receivables' aggregate. Usage: dotnet run -c Release --project bench/ServiceMark.Bench -- contracts data-dir [runs]
/// </summary>
public static class ContractsBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var dataDirectory = args.Length > 0 ? args[0] : "data";
        var runs = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10;
        var builder = WebApplication.CreateBuilder([$"--ServiceMark:DataDirectory={dataDirectory}", "--Logging:LogLevel:Default=Warning", "--ContractVisits:Enabled=false"]);
        builder.AddServiceMark();
        await using var app = builder.Build();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var contracts = scope.ServiceProvider.GetRequiredService<MaintenanceContracts>();
        var receipts = scope.ServiceProvider.GetRequiredService<ContractReceipts>();
        var today = scope.ServiceProvider.GetRequiredService<CompanyClock>().Today;
        Console.WriteLine($"{await db.MaintenanceContracts.CountAsync():N0} contracts, {await db.ContractInstalments.CountAsync():N0} instalments, " +
                          $"{await db.Tickets.CountAsync():N0} tickets in {dataDirectory}; {runs} runs each");
        var head = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "head"), new Claim(ClaimTypes.Role, RoleNames.DepartmentHead)], "bench"));

        await ScoreBench.Measure("contracts, first page", runs, async () => (await contracts.ListAsync(ContractFilter.All, null, head, 1, 25)).Total);
        await ScoreBench.Measure("contracts, page 200", runs, async () => (await contracts.ListAsync(ContractFilter.All, null, head, 200, 25)).Total);
        await ScoreBench.Measure("renewals due", runs, async () => (await contracts.ListAsync(ContractFilter.RenewalsDue, null, head, 1, 25)).Total);
        await ScoreBench.Measure("search by number", runs, async () => (await contracts.ListAsync(ContractFilter.All, "WB-BENCH-0999", head, 1, 25)).Total);
        var anyId = await db.MaintenanceContracts.OrderByDescending(c => c.Id).Select(c => c.Id).FirstAsync();
        await ScoreBench.Measure("one contract", runs, async () => (await contracts.GetAsync(anyId, head))!.Instalments.Count);
        await ScoreBench.Measure("receivables, first page with the totals by age", runs, async () => (await receipts.ReceivablesAsync(false, null, head, 1, 50)).Total);
        var quarter = new DateOnly(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1);
        await ScoreBench.Measure("collection rate per person, this quarter", runs, async () => (await receipts.CollectionAsync(quarter, today, head)).Value!.Count);

        var queries = scope.ServiceProvider.GetRequiredService<ServiceFactsQueries>();
        var people = await db.People.Where(p => p.IsActive).Select(p => p.Id).ToListAsync();
        await ScoreBench.Measure($"facts of {people.Count} people for the quarter (every source)", Math.Min(runs, 3), async () =>
            (await queries.ForEachPersonAsync(people, quarter, today)).Value!.Count);

        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        await ScoreBench.Measure("  bare SQL: outstanding by age bucket", runs, async () =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT SUM(i.\"Amount\" - i.\"Collected\") FROM \"MaintenanceContracts\" c JOIN \"ContractInstalments\" i ON i.\"ContractId\" = c.\"Id\" " +
                                  "WHERE c.\"Status\" IN ('Active', 'Terminated') AND i.\"Collected\" < i.\"Amount\" GROUP BY i.\"DueOn\" < date('now')";
            return await command.ExecuteScalarAsync();
        });
        return 0;
    }
}
