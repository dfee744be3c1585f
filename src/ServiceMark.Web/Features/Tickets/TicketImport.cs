using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.ServiceLevels;
using ServiceMark.Domain.Tickets;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.Surveys;
using ServiceMark.Web.Infrastructure;
using ServiceMark.Web.Infrastructure.Audit;
using ServiceMark.Web.Infrastructure.Auth;

namespace ServiceMark.Web.Features.Tickets;

/// <summary>One problem in an import: which ticket (and step, or its survey), which field, why.</summary>
/// <param name="Part">"ticket", "step" or "survey".</param>
public sealed record TicketImportError(int Ticket, int? Step, string Part, string Field, string Code, string Message)
{
    /// <summary>The field as a JSON path of the request, e.g. tickets[0].steps[2].at.</summary>
    public string Path => Part switch
    {
        "step" => $"tickets[{Ticket}].steps[{Step}].{Field}",
        "survey" => $"tickets[{Ticket}].survey.{Field}",
        _ => $"tickets[{Ticket}].{Field}",
    };
}

/// <summary>
/// Imports historical tickets (issue 12 point 9): each ticket is replayed through the same lifecycle rules as a live one, at the
/// times given, so an imported ticket has the events, pauses, report and outcomes a live one would; its service levels are
/// measured by <see cref="TicketOutcomes"/> and the facts count it like any other. All or nothing, in one transaction; the
/// audit rows say "Imported" and who imported.
/// </summary>
public sealed class TicketImport(
    IDbContextFactory<AppDbContext> contexts,
    TimeProvider time,
    CompanyClock clock,
    TicketCreation creation,
    TicketServiceLevels serviceLevels,
    TicketOutcomes outcomes)
{
    public const int MaxTickets = 5000;

    /// <summary>Nothing older is history a department brings (and the calendars and clocks need a sane range).</summary>
    public const int MinYear = 2000;

    /// <summary>The signature stands for the paper one: there is no image to show.</summary>
    public const string PaperSignature = "imported-paper";

    /// <summary>Whether the signature is an image stored here (imported and demo tickets were signed on paper).</summary>
    public static bool IsSignatureImage(string? attachmentId) => attachmentId is not null and not PaperSignature and not "demo-history";

    /// <summary>Report actions that are not <see cref="TicketAction"/> members (they append no event of their own).</summary>
    public const string RecordReport = "RecordReport";

    public const string AmendReport = "AmendReport";

    /// <summary>The code of a number a parallel import took between the check and the write (409, not 400).</summary>
    public const string Raced = Refusal.DuplicateCode;

    private static readonly TicketAction[] NotImported =
        [TicketAction.Register, TicketAction.Classify, TicketAction.Reopen, TicketAction.OfferToPool, TicketAction.TakeFromPool];

    private static readonly TicketAction[] EngineerSteps =
        [TicketAction.Decline, TicketAction.Accept, TicketAction.StartTravel, TicketAction.Arrive, TicketAction.Diagnose, TicketAction.Resolve,
         TicketAction.SignReport, TicketAction.TransferToSupplier, TicketAction.SupplierReplied, TicketAction.WaitForCustomer, TicketAction.CustomerResponded];

    /// <summary>The actions a step may name.</summary>
    public static IReadOnlyList<string> StepActions { get; } =
        [.. Enum.GetNames<TicketAction>().Where(a => !NotImported.Contains(Enum.Parse<TicketAction>(a))), RecordReport, AmendReport];

    public async Task<Result<TicketImportResult>> ImportAsync(TicketImportRequest request, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var (result, errors) = await RunAsync(request, user, ct);
        if (errors.Count == 0)
        {
            return result!;
        }

        if (errors.All(e => e.Code == Raced))
        {
            return Refusal.Duplicate(errors.Select(e => e.Path).ToList(), "A parallel import brought in the same ticket numbers a moment earlier; nothing was imported.");
        }

        var fields = new FieldErrors();
        foreach (var e in errors)
        {
            fields.Add(e.Path, e.Code, e.Message);
        }

        return fields.ToRefusal();
    }

    /// <summary>Checks every ticket, then writes all of them or none; the errors name ticket, step and field.</summary>
    public async Task<(TicketImportResult? Result, IReadOnlyList<TicketImportError> Errors)> RunAsync(TicketImportRequest request, ClaimsPrincipal user,
        CancellationToken ct = default)
    {
        var tickets = request.Tickets ?? [];
        if (tickets.Count == 0 || tickets.Count > MaxTickets)
        {
            return (null, [new TicketImportError(0, null, "file", "tickets", tickets.Count == 0 ? "required" : "too_many",
                tickets.Count == 0 ? "Give at least one ticket." : $"At most {MaxTickets} tickets can be imported at once.")]);
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var lookup = await Lookup.LoadAsync(db, tickets, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var importer = (Id: user.PersonId(), Name: user.Identity?.Name ?? "import");
        var errors = new List<TicketImportError>();
        var built = new List<(ServiceTicket Ticket, ImportedSurvey? Survey, int Index)>();
        var numbers = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < tickets.Count; i++)
        {
            var given = tickets[i] ?? new ImportedTicket(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
            if (await new Replay(this, lookup, i, now, importer, errors).BuildAsync(db, given, numbers, ct) is { } ticket)
            {
                built.Add((ticket, given.Survey, i));
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        db.Actor = Actor.From(user);
        db.ChangeReason = $"Imported {built.Count} historical tickets";
        db.AddedAs = "Imported";
        try
        {
            await WriteAsync(db, built, lookup, importer, ct);
        }
        catch (DbUpdateException)
        {
            // Checked free a moment ago, taken by a parallel request since: its numbers are named, nothing of this one is written.
            db.ChangeTracker.Clear();
            var numbersNow = built.Select(b => b.Ticket.Number).ToList();
            var taken = (await db.Tickets.Where(t => numbersNow.Contains(t.Number)).Select(t => t.Number).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
            if (taken.Count == 0)
            {
                throw;
            }

            return (null, built.Where(b => taken.Contains(b.Ticket.Number))
                .Select(b => new TicketImportError(b.Index, null, "ticket", "number", Raced, $"Ticket number {b.Ticket.Number} was imported a moment ago.")).ToList());
        }

        return (new TicketImportResult(built.Count, built.Select(b => new ImportedTicketRef(b.Ticket.Id, b.Ticket.Number, b.Ticket.Status.ToString())).ToList()), []);
    }

    /// <summary>The tickets, then their surveys (they need the tickets' ids), then the measured outcomes: one transaction.</summary>
    private async Task WriteAsync(AppDbContext db, List<(ServiceTicket Ticket, ImportedSurvey? Survey, int Index)> built, Lookup lookup,
        (int? Id, string Name) importer, CancellationToken ct)
    {
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            db.Tickets.AddRange(built.Select(b => b.Ticket));
            await db.SaveChangesAsync(ct);
            foreach (var (ticket, survey, _) in built.Where(b => b.Survey is not null))
            {
                var answers = new SurveyAnswersRequest(survey!.RepairQuality, survey.Satisfaction, survey.Overall, survey.ProblemSolved, survey.Comment).ToAnswers();
                var (byId, by) = lookup.ActorOf(survey.By, importer.Id, importer.Name);
                db.SatisfactionSurveys.Add(SatisfactionSurvey.Record(ticket.Id, SurveyMethod.Phone, answers, Domain.Surveys.SurveyThresholds.Default,
                    ParseInstant(survey.At)!.Value, byId, by, null));
            }

            await db.SaveChangesAsync(ct);
            await outcomes.MeasureAsync(db, built.Select(b => b.Ticket).ToList(), ct);
            await transaction.CommitAsync(ct);
        }
    }

    /// <summary>ISO 8601 (or as Excel and people write it): with an offset as given, without one in the company's zone; whole microseconds.</summary>
    internal DateTime? ParseInstant(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var s = text.Trim();
        DateTime utc;
        if (DateTimeOffset.TryParseExact(s, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mmK"],
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset) && HasOffset(s))
        {
            utc = withOffset.UtcDateTime;
        }
        else if (DateTime.TryParseExact(s, ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm",
                     "yyyy/M/d H:mm:ss", "yyyy/M/d H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) && local.Year >= MinYear)
        {
            utc = clock.ToUtc(local);
        }
        else
        {
            return null;
        }

        return utc.Year < MinYear ? null : DateTime.SpecifyKind(utc.AddTicks(-(utc.Ticks % 10)), DateTimeKind.Utc);
    }

    private static bool HasOffset(string s) => s.EndsWith('Z') || s.EndsWith('z') || (s.Length > 6 && s[^6] is '+' or '-' && s[^3] == ':');

    internal Task<DateTime> FollowUpDueAsync(AppDbContext db, DateTime closedUtc, CancellationToken ct) => serviceLevels.FollowUpDueAsync(db, closedUtc, ct);

    internal Task<(bool? UnderWarranty, string Reason)> WarrantyAsync(AppDbContext db, TicketDetails details, DateOnly asOf, CancellationToken ct) =>
        creation.WarrantyAsOfAsync(db, details, asOf, ct);

    internal DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(clock.ToLocal(utc));

    internal static ServiceLevelPolicy? PolicyFor(IReadOnlyList<ServiceLevelPolicy> active, TicketDetails d) =>
        ServiceLevelSelector.Choose(active, new TicketFacts(d.FaultCategory.ToString(), d.DistanceKm, false, d.Urgency.ToString()))?.Policy;

    internal static bool IsEngineerStep(TicketAction action) => EngineerSteps.Contains(action);

    internal static bool IsImportable(TicketAction action) => !NotImported.Contains(action);
}
