using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.ContactLog;
using ServiceMark.Domain.Customers;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.Organisation;
using ServiceMark.Web.Infrastructure.Auth;
using ServiceMark.Web.Infrastructure.Errors;

namespace ServiceMark.Web.Features.ContactLog;

public sealed record ContactLogRequest(DateTime? ReceivedAt, string? Channel, string? CallerName, string? CallerPhone, int? CustomerId, string? Subject, string? Content);

public sealed record HandlingRequest(string? Handling, string? Reply, int Version);

public sealed record ContactLogView(int Id, DateTime ReceivedAtUtc, ContactChannel Channel, string CallerName, string? CallerPhone, int? CustomerId, string? CustomerName,
    string Subject, string Content, string? Handling, string? Reply, DateTime? RepliedAtUtc, int? TicketId, int Version);

/// <summary>The call & letter log (R-TKT-1): every inbound contact in time order with its handling and reply.</summary>
public sealed class ContactLogHandlers(IDbContextFactory<AppDbContext> contexts, TimeProvider time)
{
    public async Task<PageOf<ContactLogView>> SearchAsync(string? search, DateTime? fromUtc, DateTime? toUtc, bool openOnly, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var entries = db.ContactLog.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            entries = entries.Where(e => e.CallerName.Contains(term) || e.Subject.Contains(term) || (e.CallerPhone != null && e.CallerPhone.Contains(term)));
        }

        if (fromUtc is { } from)
        {
            entries = entries.Where(e => e.ReceivedAtUtc >= from);
        }

        if (toUtc is { } to)
        {
            entries = entries.Where(e => e.ReceivedAtUtc < to);
        }

        if (openOnly)
        {
            entries = entries.Where(e => e.Reply == null && e.TicketId == null);
        }

        pageSize = Math.Clamp(pageSize, 1, 200);
        page = Math.Max(page, 1);
        var total = await entries.CountAsync(ct);
        var items = await Project(db, entries.OrderByDescending(e => e.ReceivedAtUtc).ThenByDescending(e => e.Id).Skip((page - 1) * pageSize).Take(pageSize)).ToListAsync(ct);
        return new PageOf<ContactLogView>(items, total, page, pageSize);
    }

    public async Task<ContactLogView?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await Project(db, db.ContactLog.AsNoTracking().Where(e => e.Id == id)).FirstOrDefaultAsync(ct);
    }

    public async Task<Result<ContactLogView>> CreateAsync(ContactLogRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        // Logged as it happens unless the specialist enters when a letter or call actually came in.
        var receivedAt = r.ReceivedAt is { } at ? DateTime.SpecifyKind(at.ToUniversalTime(), DateTimeKind.Utc) : now;
        var errors = ContactLogEntry.Check(receivedAt, now, r.Channel, r.CallerName, r.CallerPhone, r.Subject, r.Content);
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (r.CustomerId is { } customerId && !await db.Customers.AnyAsync(c => c.Id == customerId, ct))
        {
            errors.Add("customerId", "unknown", "customerId does not name a customer.");
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        var entry = ContactLogEntry.Create(receivedAt, Enum.Parse<ContactChannel>(r.Channel!, ignoreCase: true), r.CallerName!, r.CallerPhone,
            r.CustomerId, r.Subject!, r.Content!, user.PersonId());
        db.ContactLog.Add(entry);
        await db.TrySaveAsync(user, ct);
        return (await GetAsync(entry.Id, ct))!;
    }

    public async Task<Result<ContactLogView>> RecordHandlingAsync(int id, HandlingRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        errors.MaxLength("handling", r.Handling, ContactLogEntry.TextMaxLength);
        errors.MaxLength("reply", r.Reply, ContactLogEntry.TextMaxLength);
        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var entry = await db.ContactLog.FirstOrDefaultAsync(e => e.Id == id, ct);
        if (entry is null)
        {
            return Refusal.NotFound("Contact");
        }

        db.Entry(entry).Property(e => e.Version).OriginalValue = r.Version;
        entry.RecordHandling(r.Handling, r.Reply, time.GetUtcNow().UtcDateTime);
        return await db.TrySaveAsync(user, ct) ? (await GetAsync(id, ct))! : Refusal.StaleVersion();
    }

    private static IQueryable<ContactLogView> Project(AppDbContext db, IQueryable<ContactLogEntry> entries) =>
        from e in entries
        join c in db.Customers on e.CustomerId equals c.Id into customers
        from customer in customers.DefaultIfEmpty()
        select new ContactLogView(e.Id, e.ReceivedAtUtc, e.Channel, e.CallerName, e.CallerPhone, e.CustomerId, customer != null ? customer.Name : null,
            e.Subject, e.Content, e.Handling, e.Reply, e.RepliedAtUtc, e.TicketId, e.Version);
}

internal sealed class ContactLogEntryConfiguration : IEntityTypeConfiguration<ContactLogEntry>
{
    public void Configure(EntityTypeBuilder<ContactLogEntry> b)
    {
        b.ToTable("ContactLog");
        b.HasIndex(e => e.ReceivedAtUtc);
        b.Property(e => e.CallerName).HasMaxLength(50);
        b.Property(e => e.CallerPhone).HasMaxLength(30);
        b.Property(e => e.Subject).HasMaxLength(100);
        b.Property(e => e.Content).HasMaxLength(ContactLogEntry.TextMaxLength);
        b.Property(e => e.Handling).HasMaxLength(ContactLogEntry.TextMaxLength);
        b.Property(e => e.Reply).HasMaxLength(ContactLogEntry.TextMaxLength);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasOne<Customer>().WithMany().HasForeignKey(e => e.CustomerId).OnDelete(DeleteBehavior.Restrict);
    }
}

public static class ContactLogEndpoints
{
    public static IEndpointRouteBuilder MapContactLogEndpoints(this IEndpointRouteBuilder app)
    {
        var log = app.MapGroup("/api/v1/contact-log").WithTags("Contact log");
        log.MapGet("/", (ContactLogHandlers h, CancellationToken ct, string? search, DateTime? fromUtc, DateTime? toUtc, bool openOnly = false, int page = 1, int pageSize = 25) =>
                h.SearchAsync(search, fromUtc, toUtc, openOnly, page, pageSize, ct))
            .WithName("SearchContactLog").RequireAuthorization(Policies.ReadCustomers);
        log.MapGet("/{id:int}", async (int id, ContactLogHandlers h, CancellationToken ct) =>
                Problems.OkOrNotFound(await h.GetAsync(id, ct), "Contact"))
            .WithName("GetContact").RequireAuthorization(Policies.ReadCustomers);
        log.MapPost("/", async (ContactLogRequest r, ContactLogHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.CreateAsync(r, user, ct)).ToHttp(e => TypedResults.Created($"/api/v1/contact-log/{e.Id}", e)))
            .WithName("LogContact").RequireAuthorization(Policies.ManageCustomers);
        log.MapPut("/{id:int}/handling", async (int id, HandlingRequest r, ContactLogHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.RecordHandlingAsync(id, r, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("RecordContactHandling").RequireAuthorization(Policies.ManageCustomers);
        return app;
    }
}
