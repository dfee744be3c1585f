using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Surveys;
using ServiceMark.Domain.Tickets;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.Organisation;
using ServiceMark.Web.Infrastructure;
using ServiceMark.Web.Infrastructure.Audit;
using ServiceMark.Web.Infrastructure.Auth;
using ServiceMark.Web.Infrastructure.Errors;

namespace ServiceMark.Web.Features.Surveys;

/// <summary>
/// The answers as a form or API body: one field per question, so a validation error names the field the customer
/// or specialist sees. Null ratings are questions left unanswered; at least one must be answered.
/// </summary>
public sealed record SurveyAnswersRequest(int? RepairQuality, int? Satisfaction, int? Overall, bool? ProblemSolved, string? Comment)
{
    /// <summary>The four-point 很满意/较满意/不满意/很不满意 overall question.</summary>
    public const string OverallQuestion = "overall";

    private static readonly (string Question, SurveyScale Scale, string Field)[] Questions =
    [
        (SurveyQuestions.RepairQuality, SurveyScale.TenPoint, "repairQuality"),
        (SurveyQuestions.Satisfaction, SurveyScale.TenPoint, "satisfaction"),
        (OverallQuestion, SurveyScale.FourPoint, "overall"),
    ];

    public SurveyAnswers ToAnswers()
    {
        int?[] values = [RepairQuality, Satisfaction, Overall];
        var ratings = Questions.Zip(values).Where(p => p.Second is not null).Select(p => new SurveyRating(p.First.Question, p.First.Scale, p.Second!.Value)).ToList();
        return new SurveyAnswers(ratings, ProblemSolved, Comment);
    }

    /// <summary>The domain's checks with "ratings[i].value" turned back into the name of the field that holds rating i.</summary>
    public FieldErrors Check()
    {
        var answers = ToAnswers();
        var errors = new FieldErrors();
        foreach (var e in SurveyRules.Check(answers).All)
        {
            var field = e.Field;
            if (field.StartsWith("ratings[", StringComparison.Ordinal))
            {
                var index = int.Parse(field.AsSpan(8, field.IndexOf(']', StringComparison.Ordinal) - 8), System.Globalization.CultureInfo.InvariantCulture);
                field = Questions.First(q => q.Question == answers.Ratings[index].Question).Field;
            }

            errors.Add(field, e.Code, e.Message);
        }

        return errors;
    }
}

/// <summary>A freshly issued link. <see cref="Url"/> carries the secret and is shown this once: only its hash is stored.</summary>
public sealed record IssuedSurveyLink(int LinkId, int TicketId, string Url, DateTime ExpiresAtUtc);

/// <summary>All a link holder sees: the ticket number, its date and the customer's company — no people, no prices.</summary>
public sealed record PublicSurveyView(string TicketNumber, DateOnly ServiceDate, string CompanyName);

public sealed record SatisfactionSummary(SurveyMethod Method, int? RepairQuality, int? Satisfaction, int? Overall, bool ProblemSolved, string? Comment,
    DateTime AnsweredAtUtc, string AnsweredBy, bool IsLow, string? LowReasons);

public sealed record FollowUpTaskView(int Id, int TicketId, string TicketNumber, string CustomerName, string Reason, FollowUpTaskStatus Status,
    DateTime CreatedAtUtc, DateTime? DoneAtUtc, string? DoneBy, string? Note, int Version);

public sealed record CompleteTaskRequest(int Version, string? Note);

/// <summary>Satisfaction follow-up (回访, R-CMP-2): phone surveys, one-time customer links, and follow-up tasks for low answers.</summary>
public sealed partial class SurveyHandlers(IDbContextFactory<AppDbContext> contexts, TimeProvider time, CompanyClock clock, ILogger<SurveyHandlers> logger)
{
    /// <summary>The system actor that records a follow-up the customer answered through a link.</summary>
    private static readonly TicketActor SystemActor = new(null, "system");

    /// <summary>The same answer for an unknown, malformed or wrong token: it never tells whether a ticket exists.</summary>
    public static Refusal LinkNotValid { get; } = new(RefusalKind.NotFound, "link_not_valid", "This survey link is not valid.", []);

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>A specialist took the survey by phone: the answers are saved and the ticket is followed up, in one save.</summary>
    public async Task<Result<SatisfactionSummary>> RecordPhoneSurveyAsync(int ticketId, SurveyAnswersRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var errors = r.Check();
        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var ticket = await db.Tickets.Include(t => t.Events).FirstOrDefaultAsync(t => t.Id == ticketId, ct);
        if (ticket is null)
        {
            return Refusal.NotFound("Ticket");
        }

        if (await db.SatisfactionSurveys.AnyAsync(s => s.TicketId == ticketId, ct))
        {
            return Refusal.Conflict("already_answered", "The survey of this ticket has already been answered.");
        }

        var now = Now;
        var actor = new TicketActor(user.PersonId(), user.Identity?.Name ?? "unknown");
        if (ticket.RecordFollowUp(now, actor, "电话回访").Refusal is { } refused) // the note shows in the ticket history as written
        {
            return refused;
        }

        // A link still out for this ticket must not record a second survey.
        foreach (var open in await db.SurveyLinks.Where(l => l.TicketId == ticketId && l.UsedAtUtc == null).ToListAsync(ct))
        {
            db.SurveyLinks.Remove(open);
        }

        var survey = SatisfactionSurvey.Record(ticketId, SurveyMethod.Phone, r.ToAnswers(), SurveyThresholds.Default, now, user.PersonId(), actor.UserName, null);
        db.SatisfactionSurveys.Add(survey);
        OpenTaskIfLow(db, survey);
        return await db.TrySaveAsync(user, ct, "phone survey") ? Summarise(survey, user.DisplayName()) : Refusal.StaleVersion();
    }

    /// <summary>
    /// Issues a one-time link for a closed ticket: 256 random bits, only the hash stored, the URL returned this once.
    /// Issuing again withdraws the ticket's earlier unused link.
    /// </summary>
    public async Task<Result<IssuedSurveyLink>> IssueLinkAsync(int ticketId, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var ticket = await db.Tickets.AsNoTracking().Where(t => t.Id == ticketId).Select(t => new { t.Status }).FirstOrDefaultAsync(ct);
        if (ticket is null)
        {
            return Refusal.NotFound("Ticket");
        }

        if (ticket.Status != TicketStatus.Closed || await db.SatisfactionSurveys.AnyAsync(s => s.TicketId == ticketId, ct))
        {
            return Refusal.Conflict("not_due", "A survey link is issued only for a closed ticket that has not been followed up.");
        }

        db.SurveyLinks.RemoveRange(await db.SurveyLinks.Where(l => l.TicketId == ticketId && l.UsedAtUtc == null).ToListAsync(ct));
        var token = SurveyToken.Encode(RandomNumberGenerator.GetBytes(32));
        var link = SurveyLink.Issue(ticketId, token, Now, (await FollowUpHandlers.CurrentAsync(db, ct)).LinkValidFor);
        db.SurveyLinks.Add(link);
        await db.TrySaveAsync(user, ct, "survey link issued");
        LogLinkIssued(logger, link.Id, ticketId);
        return new IssuedSurveyLink(link.Id, ticketId, "/survey/" + token, link.ExpiresAtUtc);
    }

    /// <summary>The link for this token if it can still be used, or why not (unknown, expired, already used).</summary>
    private async Task<(SurveyLink? Link, Refusal? Refusal)> UsableLinkAsync(AppDbContext db, string? token, CancellationToken ct)
    {
        var link = await FindLinkAsync(db, token, ct);
        if (link is null)
        {
            return (null, LinkNotValid);
        }

        return (link, await RefuseUseAsync(db, link, ct));
    }

    /// <summary>What the customer sees before answering, or why the link cannot be used.</summary>
    public async Task<Result<PublicSurveyView>> OpenAsync(string? token, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var (link, refused) = await UsableLinkAsync(db, token, ct);
        if (link is null || refused is not null)
        {
            return refused ?? LinkNotValid;
        }

        var view = await (from t in db.Tickets
                          join c in db.Customers on t.CustomerId equals c.Id
                          where t.Id == link.TicketId
                          select new { t.Number, t.ClosedAtUtc, t.ReportedAtUtc, c.Name }).FirstOrDefaultAsync(ct);
        return view is null
            ? LinkNotValid
            : new PublicSurveyView(view.Number, DateOnly.FromDateTime(clock.ToLocal(view.ClosedAtUtc ?? view.ReportedAtUtc)), view.Name);
    }

    /// <summary>The customer answers: the link is used up, the survey saved and the ticket followed up by the system, in one save.</summary>
    public async Task<Result<PublicSurveyView>> SubmitAsync(string? token, SurveyAnswersRequest r, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var (link, refused) = await UsableLinkAsync(db, token, ct);
        if (link is null || refused is not null)
        {
            return refused ?? LinkNotValid;
        }

        var errors = r.Check();
        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        var shown = await OpenAsync(token, ct);
        var now = Now;
        if (link.TryUse(now) is { } used)
        {
            return used;
        }

        var ticket = await db.Tickets.Include(t => t.Events).FirstAsync(t => t.Id == link.TicketId, ct);

        // A ticket that has moved on (a reopened repeat fault is a new ticket; this one stays) keeps the answers anyway.
        ticket.RecordFollowUp(now, SystemActor, "客户通过调查链接填写");
        var survey = SatisfactionSurvey.Record(link.TicketId, SurveyMethod.Link, r.ToAnswers(), SurveyThresholds.Default, now, null,
            SatisfactionSurvey.Customer, link.Id);
        db.SatisfactionSurveys.Add(survey);
        OpenTaskIfLow(db, survey);
        db.Actor = Actor.System;
        db.ChangeReason = "survey answered through link";
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || UniqueViolations.Describe(e, db.Model) is not null)
        {
            // Two submissions raced for the same link: the first one won (the loser trips over the link's version or over
            // the one survey a ticket may have). Caught here, not only at the edge, because the survey page calls this too.
            return Refusal.Conflict("already_used", "This survey link has already been used. Thank you for your answers.");
        }

        LogSurveyAnswered(logger, link.Id, link.TicketId, survey.IsLow);
        return shown;
    }

    public async Task<IReadOnlyList<FollowUpTaskView>> ListTasksAsync(bool openOnly, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var tasks = db.FollowUpTasks.AsNoTracking();
        if (openOnly)
        {
            tasks = tasks.Where(t => t.Status == FollowUpTaskStatus.Open);
        }

        return await (from f in tasks
                      join t in db.Tickets on f.TicketId equals t.Id
                      join c in db.Customers on t.CustomerId equals c.Id
                      orderby f.CreatedAtUtc descending, f.Id descending
                      select new FollowUpTaskView(f.Id, f.TicketId, t.Number, c.Name, f.Reason, f.Status, f.CreatedAtUtc, f.DoneAtUtc, f.DoneBy, f.Note, f.Version))
            .Take(500).ToListAsync(ct);
    }

    public async Task<Result<FollowUpTaskView>> CompleteTaskAsync(int id, CompleteTaskRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        errors.MaxLength("note", r.Note, FollowUpTask.NoteMaxLength);
        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var task = await db.FollowUpTasks.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (task is null)
        {
            return Refusal.NotFound("Follow-up task");
        }

        db.Entry(task).Property(t => t.Version).OriginalValue = r.Version;
        if (task.Complete(Now, user.Identity?.Name ?? "unknown", r.Note) is { } refused)
        {
            return refused;
        }

        if (!await db.TrySaveAsync(user, ct))
        {
            return Refusal.StaleVersion();
        }

        return (await ListTasksAsync(false, ct)).First(t => t.Id == id);
    }

    /// <summary>The satisfaction shown with a ticket; null until the survey is answered.</summary>
    internal static async Task<SatisfactionSummary?> SummaryAsync(AppDbContext db, int ticketId, CancellationToken ct)
    {
        var survey = await db.SatisfactionSurveys.AsNoTracking().Include(s => s.Ratings).FirstOrDefaultAsync(s => s.TicketId == ticketId, ct);
        if (survey is null)
        {
            return null;
        }

        // The specialist who took it by name (the account name only for someone no longer on file); "customer" for a link.
        var name = survey.AnsweredByPersonId is { } by ? await db.People.Where(p => p.Id == by).Select(p => p.Name).FirstOrDefaultAsync(ct) : null;
        return Summarise(survey, name);
    }

    private static SatisfactionSummary Summarise(SatisfactionSurvey s, string? answeredByName = null) =>
        new(s.Method, s.ValueOf(SurveyQuestions.RepairQuality), s.ValueOf(SurveyQuestions.Satisfaction), s.ValueOf(SurveyAnswersRequest.OverallQuestion),
            s.ProblemSolved, s.Comment, s.AnsweredAtUtc, answeredByName ?? s.AnsweredBy, s.IsLow, s.LowReasons);

    private void OpenTaskIfLow(AppDbContext db, SatisfactionSurvey survey)
    {
        if (survey.IsLow)
        {
            db.FollowUpTasks.Add(FollowUpTask.Open(survey.TicketId, survey, survey.LowReasons!, Now));
        }
    }

    private static async Task<SurveyLink?> FindLinkAsync(AppDbContext db, string? token, CancellationToken ct)
    {
        if (!SurveyToken.IsWellFormed(token))
        {
            return null;
        }

        var hash = SurveyToken.Hash(token!);
        var link = await db.SurveyLinks.FirstOrDefaultAsync(l => l.TokenHash == hash, ct);

        // The lookup is by hash; the constant-time comparison keeps a near-miss from timing differently.
        return link is not null && SurveyToken.Matches(token!, link.TokenHash) ? link : null;
    }

    private async Task<Refusal?> RefuseUseAsync(AppDbContext db, SurveyLink link, CancellationToken ct)
    {
        if (link.CanUse(Now) is { } refused)
        {
            return refused;
        }

        // Answered meanwhile by phone: the link is spent.
        return await db.SatisfactionSurveys.AnyAsync(s => s.TicketId == link.TicketId, ct)
            ? Refusal.Conflict("already_used", "This survey link has already been used. Thank you for your answers.")
            : null;
    }

    // Links are logged by id, never by token (SECURITY.md: no survey tokens in logs).
    [LoggerMessage(Level = LogLevel.Information, Message = "Survey link {LinkId} issued for ticket {TicketId}")]
    private static partial void LogLinkIssued(ILogger logger, int linkId, int ticketId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Survey link {LinkId} answered for ticket {TicketId} (low: {IsLow})")]
    private static partial void LogSurveyAnswered(ILogger logger, int linkId, int ticketId, bool isLow);
}

internal sealed class SatisfactionSurveyConfiguration : IEntityTypeConfiguration<SatisfactionSurvey>
{
    public void Configure(EntityTypeBuilder<SatisfactionSurvey> b)
    {
        b.ToTable("SatisfactionSurveys");
        b.HasIndex(s => s.TicketId).IsUnique();
        b.Property(s => s.Comment).HasMaxLength(SurveyRules.CommentMaxLength);
        b.Property(s => s.AnsweredBy).HasMaxLength(256);
        b.Property(s => s.LowReasons).HasMaxLength(FollowUpTask.ReasonMaxLength);
        b.HasMany(s => s.Ratings).WithOne().HasForeignKey(r => r.SurveyId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ServiceTicket>().WithMany().HasForeignKey(s => s.TicketId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SurveyLink>().WithMany().HasForeignKey(s => s.SurveyLinkId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SurveyRatingRowConfiguration : IEntityTypeConfiguration<SurveyRatingRow>
{
    public void Configure(EntityTypeBuilder<SurveyRatingRow> b)
    {
        b.ToTable("SatisfactionSurveyRatings");
        b.Property(r => r.Question).HasMaxLength(40);
        b.HasIndex(r => new { r.SurveyId, r.Question }).IsUnique();
    }
}

internal sealed class SurveyLinkConfiguration : IEntityTypeConfiguration<SurveyLink>
{
    public void Configure(EntityTypeBuilder<SurveyLink> b)
    {
        b.ToTable("SurveyLinks");
        b.Property(l => l.TokenHash).HasMaxLength(64);
        b.HasIndex(l => l.TokenHash).IsUnique();
        b.HasIndex(l => l.TicketId);
        b.Property(l => l.Version).IsConcurrencyToken();
        b.HasOne<ServiceTicket>().WithMany().HasForeignKey(l => l.TicketId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FollowUpTaskConfiguration : IEntityTypeConfiguration<FollowUpTask>
{
    public void Configure(EntityTypeBuilder<FollowUpTask> b)
    {
        b.ToTable("FollowUpTasks");
        b.HasIndex(t => new { t.Status, t.CreatedAtUtc });
        b.HasIndex(t => t.TicketId);
        b.Property(t => t.Reason).HasMaxLength(FollowUpTask.ReasonMaxLength);
        b.Property(t => t.AssignedRole).HasMaxLength(40);
        b.Property(t => t.DoneBy).HasMaxLength(256);
        b.Property(t => t.Note).HasMaxLength(FollowUpTask.NoteMaxLength);
        b.Property(t => t.Version).IsConcurrencyToken();
        b.HasOne<ServiceTicket>().WithMany().HasForeignKey(t => t.TicketId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(t => t.Survey).WithMany().HasForeignKey(t => t.SurveyId).OnDelete(DeleteBehavior.Restrict);
    }
}

public static class SurveyEndpoints
{
    /// <summary>The rate-limit policy of the public survey page and API: a fixed window per client address.</summary>
    public const string RateLimitPolicy = "survey";

    public static IEndpointRouteBuilder MapSurveyEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/follow-ups", async (FollowUpHandlers h, CancellationToken ct, FollowUpState? state, bool? overdue, int? teamId, int? engineerId,
                    DateOnly? closedFrom, DateOnly? closedTo, string? search, int page = 1, int pageSize = 20) =>
                (await h.ListAsync(new FollowUpQuery(state ?? FollowUpState.Due, overdue, teamId, engineerId, closedFrom, closedTo, search, page, pageSize), ct))
                .ToHttp(TypedResults.Ok))
            .WithTags("Follow-up").WithName("ListFollowUps").RequireAuthorization(Policies.FollowUp);
        app.MapGet("/api/v1/follow-ups/{id:int}", async (int id, FollowUpHandlers h, CancellationToken ct) => (await h.GetAsync(id, ct)).ToHttp(TypedResults.Ok))
            .WithTags("Follow-up").WithName("GetFollowUp").RequireAuthorization(Policies.FollowUp);
        app.MapGet("/api/v1/follow-up-settings", (FollowUpHandlers h, CancellationToken ct) => h.GetSettingsAsync(ct))
            .WithTags("Follow-up").WithName("GetFollowUpSettings").RequireAuthorization(Policies.FollowUp);
        app.MapPut("/api/v1/follow-up-settings", async (FollowUpSettingsRequest r, FollowUpHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.SaveSettingsAsync(r, user, ct)).ToHttp(TypedResults.Ok))
            .WithTags("Follow-up").WithName("SaveFollowUpSettings").RequireAuthorization(Policies.ManageServiceLevels);
        app.MapPost("/api/v1/tickets/{id:int}/phone-survey", async (int id, SurveyAnswersRequest r, SurveyHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.RecordPhoneSurveyAsync(id, r, user, ct)).ToHttp(TypedResults.Ok))
            .WithTags("Follow-up").WithName("RecordPhoneSurvey").RequireAuthorization(Policies.FollowUp);
        app.MapPost("/api/v1/tickets/{id:int}/survey-link", async (int id, SurveyHandlers h, HttpRequest request, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.IssueLinkAsync(id, user, ct)).ToHttp(l => TypedResults.Ok(l with { Url = $"{request.Scheme}://{request.Host}{request.PathBase}{l.Url}" })))
            .WithTags("Follow-up").WithName("IssueSurveyLink").RequireAuthorization(Policies.FollowUp);
        app.MapGet("/api/v1/follow-up-tasks", (SurveyHandlers h, CancellationToken ct, bool openOnly = true) => h.ListTasksAsync(openOnly, ct))
            .WithTags("Follow-up").WithName("ListFollowUpTasks").RequireAuthorization(Policies.FollowUp);
        app.MapPost("/api/v1/follow-up-tasks/{id:int}/done", async (int id, CompleteTaskRequest r, SurveyHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.CompleteTaskAsync(id, r, user, ct)).ToHttp(TypedResults.Ok))
            .WithTags("Follow-up").WithName("CompleteFollowUpTask").RequireAuthorization(Policies.FollowUp);

        // The customer's side: no account, the token is the only key; rate-limited, and never cached (/api is no-store).
        var open = app.MapGroup("/api/v1/public/surveys").WithTags("Public survey").AllowAnonymous().RequireRateLimiting(RateLimitPolicy);
        open.MapGet("/{token}", async (string token, SurveyHandlers h, CancellationToken ct) => (await h.OpenAsync(token, ct)).ToHttp(TypedResults.Ok))
            .WithName("OpenPublicSurvey");
        open.MapPost("/{token}", async (string token, SurveyAnswersRequest r, SurveyHandlers h, CancellationToken ct) =>
                (await h.SubmitAsync(token, r, ct)).ToHttp(_ => TypedResults.NoContent()))
            .WithName("AnswerPublicSurvey");
        return app;
    }
}
