using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Organisation;
using ServiceMark.Domain.Parts;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.Parts;
using ServiceMark.Web.Infrastructure.Audit;

namespace ServiceMark.Web.Features.Demo;

/// <summary>
/// A large parts history for the benchmarks (`seed-demo --parts 2000 --ledger-entries 1000000`, issue 13 point 10): a catalogue
/// grown to the given size and a year of movements — deliveries into the central warehouse, replenishment of the stations,
/// issues to engineers' personal stock and consumption on customers' vehicles — computed in memory (stock never goes below
/// zero; the balances written are the sum of the entries, which the book check confirms) and written with one prepared
/// INSERT in a transaction per 50 000 rows, because the change tracker manages only a few thousand entries a second.
/// </summary>
public sealed class DemoPartsHistory(IDbContextFactory<AppDbContext> contexts, TimeProvider time)
{
    private const int Chunk = 50_000;
    private const int PersonalStocks = 100;

    public async Task GenerateAsync(int partCount, int entryCount, TextWriter progress, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Actor = Actor.System;
        db.ChangeReason = "demo parts history";
        var keeper = await db.People.Where(p => p.EmployeeNumber == "E0023").Select(p => new { p.Id, p.Name }).SingleAsync(ct);
        await GrowCatalogueAsync(db, partCount, now, ct);
        await AddPersonalStocksAsync(db, ct);

        var locations = await db.StockLocations.AsNoTracking().Where(l => l.IsActive).Select(l => new { l.Id, l.Kind }).ToListAsync(ct);
        var kinds = locations.ToDictionary(l => l.Id, l => l.Kind);
        int Of(LocationKind kind) => locations.First(l => l.Kind == kind).Id;
        var (supplier, customer) = (Of(LocationKind.Supplier), Of(LocationKind.Customer));
        var central = await db.StockLocations.Where(l => l.Code == "WH-CENTRAL").Select(l => l.Id).SingleAsync(ct);
        var stations = locations.Where(l => l.Kind == LocationKind.ServiceStation).Select(l => l.Id).ToArray();
        var personal = locations.Where(l => l.Kind == LocationKind.PersonalStock).Select(l => l.Id).ToArray();
        var parts = await db.SpareParts.AsNoTracking().Where(p => p.IsActive).OrderBy(p => p.Id).ToListAsync(ct);
        var today = DateOnly.FromDateTime(now);
        var prices = parts.ToDictionary(p => p.Id, p => p.PriceOn(today) ?? 10m);

        // The book as it is: its balances are the opening stock of the generated year. A dictionary, not the domain's StockBook:
        // the book copies itself on every post (all or nothing), which is right for a document and quadratic for a million rows.
        var onHand = (await db.StockBalances.AsNoTracking().ToListAsync(ct)).ToDictionary(b => (b.LocationId, b.PartId), b => b.OnHand);
        bool Take(StockMovement m)
        {
            if (StockRules.HoldsStock(kinds[m.FromLocationId]))
            {
                if (onHand.GetValueOrDefault((m.FromLocationId, m.PartId)) < m.Quantity)
                {
                    return false; // never below zero, as the ledger's conditional UPDATE would refuse it
                }

                onHand[(m.FromLocationId, m.PartId)] -= m.Quantity;
            }

            if (StockRules.HoldsStock(kinds[m.ToLocationId]))
            {
                onHand[(m.ToLocationId, m.PartId)] = onHand.GetValueOrDefault((m.ToLocationId, m.PartId)) + m.Quantity;
            }

            return true;
        }

        // A year, oldest first: each round delivers a part to the warehouse, moves some on to a station and to engineers, who fit some.
        var random = new Random(13);
        var rows = new List<(DateTime At, StockMovement Movement)>(entryCount);
        var step = TimeSpan.FromTicks(TimeSpan.FromDays(365).Ticks / Math.Max(1, entryCount));
        var at = now.AddDays(-365);
        while (rows.Count < entryCount)
        {
            var part = parts[random.Next(parts.Count)].Id;
            var station = stations[random.Next(stations.Length)];
            var van = personal[random.Next(personal.Length)];
            var quantity = random.Next(4, 20);
            StockMovement[] round =
            [
                new(MovementKind.Receipt, part, supplier, central, quantity, "到货入库", "PartReceipt", rows.Count),
                new(MovementKind.Transfer, part, central, station, quantity / 2, "服务站补库"),
                new(MovementKind.Issue, part, station, van, quantity / 4, "领料", nameof(PartRequisition), rows.Count),
                new(MovementKind.Consumption, part, van, customer, Math.Max(1, quantity / 8), "销帐", "ServiceTicket", 1 + random.Next(1000)),
            ];
            foreach (var movement in round)
            {
                if (rows.Count < entryCount && movement.Quantity > 0 && Take(movement))
                {
                    rows.Add((at, movement));
                    at += step;
                }
            }
        }

        await progress.WriteLineAsync($"{rows.Count:N0} movements computed in {watch.Elapsed.TotalSeconds:N0} s; writing …");
        await WriteAsync(db, rows, prices, keeper.Id, keeper.Name, progress, ct);

        // The balances are the book: replaced in one transaction (they are derived rows, not history).
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await db.StockBalances.ExecuteDeleteAsync(ct);
            db.StockBalances.AddRange(onHand.Where(b => b.Value > 0)
                .Select(b => new StockBalance { LocationId = b.Key.LocationId, PartId = b.Key.PartId, OnHandHundredths = Quantities.ToHundredths(b.Value), Version = 1 }));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        await progress.WriteLineAsync($"Parts history: {parts.Count:N0} parts, {rows.Count:N0} ledger entries, {personal.Length} personal stocks in {watch.Elapsed.TotalSeconds:N0} s.");
    }

    /// <summary>Adds catalogue parts until there are <paramref name="partCount"/>, spread over the suppliers, each with a price and limits at the warehouse.</summary>
    private static async Task GrowCatalogueAsync(AppDbContext db, int partCount, DateTime now, CancellationToken ct)
    {
        var existing = await db.SpareParts.CountAsync(ct);
        var suppliers = await db.Suppliers.Select(s => s.Id).ToListAsync(ct);
        var central = await db.StockLocations.Where(l => l.Code == "WH-CENTRAL").Select(l => l.Id).SingleAsync(ct);
        var names = new[] { "滤清器", "传感器", "继电器", "电磁阀", "密封圈", "轴承", "皮带", "灯总成", "开关", "线束" };
        var added = new List<SparePart>();
        for (var i = existing; i < partCount; i++)
        {
            var part = SparePart.Create(new SparePartDetails($"GEN-{i:D5}", $"{names[i % names.Length]}{i:D5}", $"规格{i % 37}", "个", suppliers[i % suppliers.Count]));
            part.SetPrice(new DateOnly(now.Year, 1, 1), 5m + (i % 400) * 2.5m);
            added.Add(part);
        }

        db.SpareParts.AddRange(added);
        await db.SaveChangesAsync(ct);
        db.StockLimits.AddRange(added.Select(p => new StockLimit { LocationId = central, PartId = p.Id, Minimum = 5, Maximum = 50 }));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A personal stock for each of the first <see cref="PersonalStocks"/> engineers who have none (a large organisation's road crew).</summary>
    private static async Task AddPersonalStocksAsync(AppDbContext db, CancellationToken ct)
    {
        var engineers = await (from p in db.People
                               join pos in db.Positions on p.PositionId equals pos.Id
                               where pos.Role == RoleNames.Engineer && p.IsActive && !db.StockLocations.Any(l => l.PersonId == p.Id)
                               orderby p.Id
                               select new { p.Id, p.Name, p.EmployeeNumber }).Take(PersonalStocks).ToListAsync(ct);
        db.StockLocations.AddRange(engineers.Select(e => StockLocation.Create($"PS-{e.EmployeeNumber}", $"{e.Name}随车备件", LocationKind.PersonalStock, null, e.Id)));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>One prepared INSERT, a transaction per <see cref="Chunk"/> rows: the ledger's triggers refuse changes, not inserts.</summary>
    private static async Task WriteAsync(AppDbContext db, List<(DateTime At, StockMovement Movement)> rows, Dictionary<int, decimal> prices, int actor, string actorName,
        TextWriter progress, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        string[] columns = ["PostedAtUtc", "Kind", "PartId", "FromLocationId", "ToLocationId", "Quantity", "UnitPrice", "ValueFen", "DocumentType", "DocumentId", "ActorPersonId", "ActorName", "Reason"];
        for (var start = 0; start < rows.Count; start += Chunk)
        {
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"INSERT INTO \"LedgerEntries\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select(c => "@" + c))})";
            var parameters = columns.ToDictionary(c => c, c =>
            {
                var p = command.CreateParameter();
                p.ParameterName = "@" + c;
                command.Parameters.Add(p);
                return p;
            });
            foreach (var (at, m) in rows.Skip(start).Take(Chunk))
            {
                var entry = LedgerEntry.Post(at, m, prices[m.PartId], actor, actorName);
                Set(parameters, "PostedAtUtc", entry.PostedAtUtc);
                Set(parameters, "Kind", entry.Kind.ToString());
                Set(parameters, "PartId", entry.PartId);
                Set(parameters, "FromLocationId", entry.FromLocationId);
                Set(parameters, "ToLocationId", entry.ToLocationId);
                Set(parameters, "Quantity", Quantities.ToHundredths(entry.Quantity));
                Set(parameters, "UnitPrice", entry.UnitPrice);
                Set(parameters, "ValueFen", entry.ValueFen);
                Set(parameters, "DocumentType", entry.DocumentType);
                Set(parameters, "DocumentId", entry.DocumentId);
                Set(parameters, "ActorPersonId", entry.ActorPersonId);
                Set(parameters, "ActorName", entry.ActorName);
                Set(parameters, "Reason", entry.Reason);
                await command.ExecuteNonQueryAsync(ct);
            }

            await transaction.CommitAsync(ct);
            await progress.WriteLineAsync($"  {Math.Min(rows.Count, start + Chunk):N0} ledger entries written");
        }
    }

    private static void Set(Dictionary<string, DbParameter> parameters, string name, object? value) => parameters[name].Value = value ?? DBNull.Value;
}
