using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Contracts;
using ServiceMark.Domain.Tickets;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.Parts;
using ServiceMark.Web.Features.Tickets;
using ServiceMark.Web.Infrastructure.Auth;

namespace ServiceMark.Web.Features.Contracts;

public sealed record ChecklistRequest(IReadOnlyList<string?>? Items, int Version);

/// <summary>A model's checklist; <see cref="ProductModelId"/> 0 is the department's own, for units of a model without one.</summary>
public sealed record ChecklistView(int ProductModelId, string ModelName, IReadOnlyList<string> Items, int Version);

public sealed record MaintenanceRecordRequest(IReadOnlyList<CheckResult?>? Results, int Version);

/// <summary>A visit's record: the checklist that applies (empty: none is kept), the results so far and whether they complete it.</summary>
public sealed record MaintenanceRecordView(int TicketId, IReadOnlyList<string> Items, IReadOnlyList<CheckResult> Results, string? RecordedBy,
    DateTime? RecordedAtUtc, bool Complete, bool Editable, int Version);

/// <summary>
/// 维保记录 (R-EXP-2, issue 14 point 5): the checklist per product model the service office keeps, and the record form a
/// planned maintenance visit's engineer fills in — required, complete, before the customer signs the visit's report.
/// </summary>
public sealed class MaintenanceRecords(IDbContextFactory<AppDbContext> contexts, TimeProvider time)
{
    /// <summary>The department's own checklist, for units whose model has none.</summary>
    public const int DepartmentChecklist = 0;

    public async Task<IReadOnlyList<ChecklistView>> ChecklistsAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var models = await db.ProductModels.AsNoTracking().OrderBy(m => m.Name).Select(m => new { m.Id, m.Name }).ToListAsync(ct);
        var lists = await db.MaintenanceChecklists.AsNoTracking().ToDictionaryAsync(c => c.ProductModelId, ct);
        return models.Prepend(new { Id = DepartmentChecklist, Name = "" })
            .Select(m => lists.TryGetValue(m.Id, out var c) ? new ChecklistView(m.Id, m.Name, c.Items, c.Version) : new ChecklistView(m.Id, m.Name, [], 0))
            .ToList();
    }

    public async Task<Result<ChecklistView>> SaveChecklistAsync(int productModelId, ChecklistRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var model = productModelId == DepartmentChecklist ? "" : await db.ProductModels.Where(m => m.Id == productModelId).Select(m => m.Name).FirstOrDefaultAsync(ct);
        if (model is null)
        {
            return Refusal.NotFound("Product model");
        }

        var checklist = await db.MaintenanceChecklists.FirstOrDefaultAsync(c => c.ProductModelId == productModelId, ct);
        if ((checklist?.Version ?? 0) != r.Version)
        {
            return Refusal.StaleVersion();
        }

        if (checklist is null)
        {
            var created = MaintenanceChecklist.Create(productModelId, r.Items);
            if (created.Refusal is { } refused)
            {
                return refused;
            }

            checklist = created.Value!;
            checklist.Version = 1; // a second "first" checklist of the model is a 409 (unique model), not an overwrite
            db.MaintenanceChecklists.Add(checklist);
        }
        else
        {
            db.Entry(checklist).Property(c => c.Version).OriginalValue = r.Version;
            if (checklist.Change(r.Items) is { } refused)
            {
                return refused;
            }
        }

        return await db.TrySaveAsync(user, ct) ? new ChecklistView(productModelId, model, checklist.Items, checklist.Version) : Refusal.StaleVersion();
    }

    public async Task<Result<MaintenanceRecordView>> GetAsync(int ticketId, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var ticket = await TicketHandlers.Visible(db, user).AsNoTracking().Include(t => t.Assignments).Include(t => t.Reports).FirstOrDefaultAsync(t => t.Id == ticketId, ct);
        if (ticket is null || ticket.FaultCategory != FaultCategory.Maintenance)
        {
            return Refusal.NotFound("Maintenance visit");
        }

        var items = await ChecklistOfAsync(db, ticket, ct);
        var record = await db.MaintenanceRecords.AsNoTracking().FirstOrDefaultAsync(m => m.TicketId == ticketId, ct);
        return new MaintenanceRecordView(ticketId, items, record?.Results ?? [], record?.RecordedBy, record?.RecordedAtUtc, record?.Completes(items) ?? items.Count == 0,
            Editable(user, ticket), record?.Version ?? 0);
    }

    public async Task<Result<MaintenanceRecordView>> SaveAsync(int ticketId, MaintenanceRecordRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var ticket = await TicketHandlers.Visible(db, user).AsNoTracking().Include(t => t.Assignments).Include(t => t.Reports).FirstOrDefaultAsync(t => t.Id == ticketId, ct);
        if (ticket is null || ticket.FaultCategory != FaultCategory.Maintenance)
        {
            return Refusal.NotFound("Maintenance visit");
        }

        if (!TicketHandlers.MayAct(user, ticket, TicketAction.SignReport))
        {
            return Refusal.Forbidden("Only an assigned engineer or a dispatcher records the maintenance done.");
        }

        if (!Editable(user, ticket))
        {
            return Refusal.Conflict("invalid_transition", "The record is kept once the customer has signed the visit's report.");
        }

        var items = await ChecklistOfAsync(db, ticket, ct);
        var record = await db.MaintenanceRecords.FirstOrDefaultAsync(m => m.TicketId == ticketId, ct);
        if ((record?.Version ?? 0) != r.Version)
        {
            return Refusal.StaleVersion();
        }

        if (record is null)
        {
            record = MaintenanceRecord.For(ticketId);
            record.Version = 1;
            db.MaintenanceRecords.Add(record);
        }
        else
        {
            db.Entry(record).Property(m => m.Version).OriginalValue = r.Version;
        }

        if (record.Record(items, r.Results, user.Identity?.Name ?? "", time.StoredUtcNow()) is { } refused)
        {
            return refused;
        }

        return await db.TrySaveAsync(user, ct) ? (await GetAsync(ticketId, user, ct)).Value! : Refusal.StaleVersion();
    }

    /// <summary>Null when the ticket may be signed as far as its maintenance record goes; a visit whose checklist is not all answered may not.</summary>
    internal static async Task<Refusal?> CheckBeforeSigningAsync(AppDbContext db, ServiceTicket ticket, CancellationToken ct)
    {
        if (ticket.FaultCategory != FaultCategory.Maintenance)
        {
            return null;
        }

        var items = await ChecklistOfAsync(db, ticket, ct);
        if (items.Count == 0)
        {
            return null;
        }

        var record = await db.MaintenanceRecords.AsNoTracking().FirstOrDefaultAsync(m => m.TicketId == ticket.Id, ct);
        return record?.Completes(items) == true
            ? null
            : Refusal.Conflict("maintenance_record_incomplete", "Fill in the maintenance record — every checklist item — before the customer signs.");
    }

    private static async Task<IReadOnlyList<string>> ChecklistOfAsync(AppDbContext db, ServiceTicket ticket, CancellationToken ct)
    {
        var model = ticket.ProductModelId ?? DepartmentChecklist;
        var lists = await db.MaintenanceChecklists.AsNoTracking().Where(c => c.ProductModelId == model || c.ProductModelId == DepartmentChecklist)
            .ToListAsync(ct);
        return (lists.FirstOrDefault(c => c.ProductModelId == model) ?? lists.FirstOrDefault())?.Items ?? [];
    }

    private static bool Editable(ClaimsPrincipal user, ServiceTicket ticket) =>
        ticket.Status is not (TicketStatus.Closed or TicketStatus.Cancelled) && ticket.Report is not { IsSigned: true }
        && TicketHandlers.MayAct(user, ticket, TicketAction.SignReport);
}
