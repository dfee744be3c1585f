using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Tickets;
using ServiceMark.Web.Infrastructure.Auth;
using ServiceMark.Web.Infrastructure.Errors;

namespace ServiceMark.Web.Features.Tickets;

public sealed record AmendmentRequest(string? Text);

/// <summary>The three-guarantee (三包) verdict for a unit: under warranty, not, or unknown (null), why, and its product model.</summary>
public sealed record WarrantyCheckView(bool? UnderWarranty, string Reason, string? ProductModel);

public static class TicketEndpoints
{
    public static IEndpointRouteBuilder MapTicketEndpoints(this IEndpointRouteBuilder app)
    {
        var tickets = app.MapGroup("/api/v1/tickets").WithTags("Tickets");
        tickets.MapGet("/", async (TicketListing h, ClaimsPrincipal user, CancellationToken ct, string? search, TicketStatus? status, bool openOnly = false, bool mine = false,
                    int page = 1, int pageSize = 25, int? after = null, DateOnly? from = null, TicketDue? due = null, bool dueFirst = false, int? engineerId = null,
                    int? teamId = null) =>
                (await h.SearchAsync(new TicketQuery(search, status, openOnly, mine, page, pageSize, after, from, due, dueFirst, engineerId, teamId), user, ct))
                .ToHttp(TypedResults.Ok))
            .WithName("SearchTickets").RequireAuthorization(Policies.WorkOnTickets);
        tickets.MapGet("/{id:int}", async (int id, TicketHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                Problems.OkOrNotFound(await h.GetAsync(id, user, ct), "Ticket"))
            .WithName("GetTicket").RequireAuthorization(Policies.WorkOnTickets);
        // Clients that may retry send an Idempotency-Key: the same key gives back the ticket it first created.
        // On the request's own DbContext, the one that checked the session: one context per request (docs/decisions/0005).
        tickets.MapPost("/", async (CreateTicketRequest r, TicketCreation h, Data.AppDbContext db, ClaimsPrincipal user, HttpRequest http, CancellationToken ct) =>
                (await h.CreateAsync(db, r, user, http.Headers.TryGetValue("Idempotency-Key", out var key) ? key.ToString() : null, ct))
                    .ToHttp(t => TypedResults.Created($"/api/v1/tickets/{t.Id}", t)))
            .WithName("CreateTicket").RequireAuthorization(Policies.DispatchTickets);
        tickets.MapGet("/warranty-check", async (TicketCreation h, CancellationToken ct, string? serialNumber, decimal? mileageKm, decimal? runningHours, string? faultCategory) =>
            {
                var (under, reason, model) = await h.CheckWarrantyAsync(serialNumber, mileageKm, runningHours, faultCategory, ct);
                return TypedResults.Ok(new WarrantyCheckView(under, reason, model));
            })
            .WithName("CheckWarranty").RequireAuthorization(Policies.DispatchTickets);
        tickets.MapPost("/{id:int}/actions/{action}", async (int id, string action, TicketActionRequest r, TicketHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                ParseAction(action) is { } parsed
                    ? (await h.ApplyAsync(id, parsed, r, user, ct)).ToHttp(TypedResults.Ok)
                    : Answer<Ok<TicketView>>.Refused(Refusal.Invalid("action", "unknown", $"action must be one of: {string.Join(", ", Enum.GetNames<TicketAction>())}.")))
            .WithName("ApplyTicketAction").RequireAuthorization(Policies.WorkOnTickets);
        tickets.MapPut("/{id:int}/report", async (int id, ReportRequest r, TicketHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.RecordReportAsync(id, r, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("RecordServiceReport").RequireAuthorization(Policies.WorkOnTickets);
        tickets.MapPost("/{id:int}/report/sign", async (int id, SignRequest r, TicketHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.SignAsync(id, r, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("SignServiceReport").RequireAuthorization(Policies.WorkOnTickets);
        tickets.MapPost("/{id:int}/report/amendments", async (int id, AmendmentRequest r, TicketHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.AmendReportAsync(id, r.Text, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("AmendServiceReport").RequireAuthorization(Policies.WorkOnTickets);
        tickets.MapGet("/{id:int}/dispatch-suggestions", async (int id, TicketHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                Problems.OkOrNotFound(await h.SuggestEngineersAsync(id, user, ct), "Ticket"))
            .WithName("SuggestEngineers").RequireAuthorization(Policies.DispatchTickets);
        return app;
    }

    /// <summary>Accepts "approve-report" as well as "ApproveReport".</summary>
    public static TicketAction? ParseAction(string value)
    {
        var compact = value.Replace("-", "", StringComparison.Ordinal);
        return Enum.TryParse<TicketAction>(compact, ignoreCase: true, out var action) && !int.TryParse(compact, out _) ? action : null;
    }
}
