using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Organisation;
using ServiceMark.Domain.Tickets;
using Microsoft.EntityFrameworkCore.Infrastructure;
using ServiceMark.Web.Data;
using ServiceMark.Web.Infrastructure.Audit;

namespace ServiceMark.Web.Features.Demo;

/// <summary>
/// Generates a large, plausible ticket history for the demo company (`seed-demo --tickets N`), so that list pages,
/// facts and benchmarks can be tried on a realistic volume, and optionally a large organisation (`--people N`) to
/// score. Tickets go through the real lifecycle rules; on SQLite, beyond <see cref="LifecycleTickets"/> of them the
/// rest are copies of those made in SQL (see <see cref="ReplicateAsync"/>), because the lifecycle path writes ~17 rows
/// per ticket through the change tracker and manages only ~700 tickets/s on the 2-core build machine.
/// </summary>
public sealed class DemoHistory(IDbContextFactory<AppDbContext> contexts, TimeProvider time, Tickets.TicketOutcomes outcomes, Calendars.CalendarStore calendars,
    Infrastructure.CompanyClock clock)
{
    private const int BatchSize = 1000;

    /// <summary>How many tickets go through the lifecycle before the rest are copied (enough variety per engineer).</summary>
    public const int LifecycleTickets = 50_000;

    /// <summary>The units the extra engineers are spread over (the demo's teams and stations that have engineers).</summary>
    private static readonly string[] EngineerUnits = ["T-BODY", "T-CHASSIS", "S-ZZ", "S-CD"];

    /// <summary>
    /// Adds regular engineers (position ENG, so the quarterly plan D applies) until the organisation has
    /// <paramref name="total"/> people, spread over the teams and stations and reporting to the supervisor of the
    /// engineers already there. They get no sign-in accounts: they exist to be scored. Returns how many were added.
    /// </summary>
    public async Task<int> AddEngineersAsync(int total, TextWriter progress, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var existing = await db.People.CountAsync(ct);
        if (existing >= total)
        {
            return 0;
        }

        var engineerPosition = await db.Positions.Where(p => p.Code == "ENG").Select(p => p.Id).SingleAsync(ct);
        var units = await db.OrgUnits.Where(u => EngineerUnits.Contains(u.Code)).Select(u => new { u.Id, u.Code }).ToListAsync(ct);
        var superiors = await db.People.Where(p => p.PositionId == engineerPosition && p.SuperiorId != null)
            .Select(p => new { p.OrgUnitId, SuperiorId = p.SuperiorId!.Value }).ToListAsync(ct);
        var superiorOf = superiors.GroupBy(s => s.OrgUnitId).ToDictionary(g => g.Key, g => g.GroupBy(s => s.SuperiorId).MaxBy(x => x.Count())!.Key);
        if (units.Count == 0 || superiorOf.Count == 0)
        {
            throw new InvalidOperationException("Seed the demo company first: no teams or supervised engineers to add people to.");
        }

        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.Actor = Actor.System;
        db.ChangeReason = "demo organisation";
        var added = total - existing;
        var hired = new DateOnly(2020, 1, 6);
        for (var i = 0; i < added; i++)
        {
            var unit = units[i % units.Count];
            var superior = superiorOf.TryGetValue(unit.Id, out var s) ? s : superiorOf.Values.First();
            var number = 5001 + i;
            db.People.Add(Person.Create(new PersonDetails($"E{number:D5}", $"工程师{number}", $"139{number:D8}", null, engineerPosition, unit.Id, superior,
                EmploymentStatus.Regular, hired, null)));
        }

        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        await progress.WriteLineAsync($"{added:N0} engineers added ({total:N0} people in all).");
        return added;
    }

    /// <summary>
    /// Generates <paramref name="count"/> tickets; on SQLite at most <paramref name="lifecycleTickets"/> (default
    /// <see cref="LifecycleTickets"/>) through the lifecycle and the rest as copies of those.
    /// </summary>
    public async Task<int> GenerateAsync(int count, TextWriter progress, int lifecycleTickets = LifecycleTickets, CancellationToken ct = default)
    {
        await using var lookup = await contexts.CreateDbContextAsync(ct);
        var units = await lookup.ProductUnits.AsNoTracking().ToListAsync(ct);
        var sites = await lookup.Set<Domain.Customers.CustomerSite>().AsNoTracking().ToListAsync(ct);
        var engineers = await (from p in lookup.People
                               join pos in lookup.Positions on p.PositionId equals pos.Id
                               where p.IsActive && pos.Role == RoleNames.Engineer
                               orderby p.Id
                               select p.Id).ToListAsync(ct);
        var policies = await lookup.ServiceLevelPolicies.AsNoTracking().Where(p => p.IsActive).ToListAsync(ct);
        var approver = await PersonWithRoleAsync(lookup, RoleNames.Supervisor, ct) ?? throw new InvalidOperationException("No supervisor to approve reports.");
        var specialistPerson = await PersonWithRoleAsync(lookup, RoleNames.Specialist, ct);
        var headPerson = await PersonWithRoleAsync(lookup, RoleNames.DepartmentHead, ct);
        var specialistAccount = specialistPerson is { } sp
            ? await lookup.Users.Where(u => u.PersonId == sp).OrderBy(u => u.UserName).Select(u => u.UserName).FirstOrDefaultAsync(ct) ?? "demo-history"
            : "demo-history";
        var followUps = await Surveys.FollowUpHandlers.CurrentAsync(lookup, ct);
        var calendar = await calendars.GetDefaultAsync(ct);
        DateTime FollowUpDue(DateTime closedUtc) => followUps.DueAt(closedUtc, calendar);
        var existing = await lookup.Tickets.CountAsync(ct);
        var firstNewId = (await lookup.Tickets.MaxAsync(t => (int?)t.Id, ct) ?? 0) + 1;
        if (units.Count == 0 || engineers.Count == 0)
        {
            throw new InvalidOperationException("Seed the demo company first: no units or engineers to build a history from.");
        }

        var lifecycle = Math.Min(count, Math.Max(1, lifecycleTickets));
        var random = new Random(20261125);
        var records = new Random(20261206); // the records around the tickets, drawn apart so the tickets stay as they were
        var end = time.GetUtcNow().UtcDateTime;
        var start = end.AddDays(-365);
        var specialist = new TicketActor(null, "demo-history");

        // Reported in time order, as tickets arrive: ids follow the report time, so a period's tickets lie together in
        // the table and its indexes, as in a real history (random order made every period span the whole file).
        var reported = Enumerable.Range(0, lifecycle).Select(_ => start.AddMinutes(random.NextDouble() * (end - start).TotalMinutes)).Order().ToList();
        var watch = Stopwatch.StartNew();
        var made = 0;
        while (made < lifecycle)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.Actor = Actor.System;
            db.ChangeReason = "demo history";
            var batch = Math.Min(BatchSize, lifecycle - made);
            var built = new List<ServiceTicket>(batch);
            for (var i = 0; i < batch; i++)
            {
                var n = existing + made + i + 1;
                built.Add(Build(HistoryNumber(n, reported[made + i]), random, reported[made + i], end, units, sites, engineers, policies, specialist, new TicketActor(approver, "demo-history"), FollowUpDue));
            }

            db.Tickets.AddRange(built);
            db.ChangeTracker.DetectChanges();

            // The tickets and their measured service-level outcomes commit together, as a ticket change in the app does.
            await using (var transaction = await db.Database.BeginTransactionAsync(ct))
            {
                await db.SaveChangesAsync(ct);
                AddRecords(db, built, records, end, specialistPerson, specialistAccount, headPerson);
                db.ChangeTracker.DetectChanges();
                await db.SaveChangesAsync(ct);
                await outcomes.MeasureAsync(db, built, ct);
                await transaction.CommitAsync(ct);
            }
            made += batch;
            await progress.WriteLineAsync($"{made:N0} / {count:N0} tickets ({made / Math.Max(watch.Elapsed.TotalSeconds, 0.001):N0}/s)");
        }

        if (made < count)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            made += await ReplicateAsync(db, firstNewId, firstNewId + made - 1, count - made, engineers, progress, ct);
            await progress.WriteLineAsync($"{made:N0} tickets in {watch.Elapsed.TotalSeconds:N0} s ({made / Math.Max(watch.Elapsed.TotalSeconds, 0.001):N0}/s)");
        }

        return made;
    }

    /// <summary>
    /// Adds <paramref name="count"/> copies of the lifecycle tickets <paramref name="firstId"/>..<paramref name="lastId"/>
    /// with INSERT … SELECT, round after round: each copy keeps the original's times, status, report, events and measured
    /// outcomes, gets a new id and the number "original-round", and goes to another engineer (a rotation over the
    /// engineers' positions in <paramref name="engineers"/>, so every engineer keeps a varied share). Copies have no audit
    /// rows of their own; one audit entry records the copying. The copies take explicit ids; on PostgreSQL the identity
    /// sequences are moved past them afterwards, so the app's own inserts continue after the last copy.
    /// </summary>
    // The statements are built from the model's table and column names and integers computed here, never from input;
    // values that vary run as parameters.
#pragma warning disable EF1002, EF1003
    private async Task<int> ReplicateAsync(AppDbContext db, int firstId, int lastId, int count, List<int> engineers, TextWriter progress,
        CancellationToken ct)
    {
        var sql = db.GetService<Microsoft.EntityFrameworkCore.Storage.ISqlGenerationHelper>();
        string Q(string identifier) => sql.DelimitIdentifier(identifier);
        var tables = db.Model.GetRelationalModel();
        string Columns(Type entity) => tables.FindTable(db.Model.FindEntityType(entity)!.GetTableName()!, null)!.Columns
            .Where(c => c.ComputedColumnSql is null) // generated by the database (the tickets' durations): never inserted
            .Select(c => c.Name).Aggregate((a, b) => $"{a}, {b}");

        // A temporary map from each engineer to the one a copy of round r goes to: the engineer r places further on.
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        await db.Database.OpenConnectionAsync(ct); // the temporary table lives as long as the connection
        await db.Database.ExecuteSqlRawAsync("CREATE TEMP TABLE DemoEngineers (Place INTEGER NOT NULL PRIMARY KEY, PersonId INTEGER NOT NULL UNIQUE)", ct);
        foreach (var chunk in engineers.Select((id, i) => (id, i)).Chunk(400))
        {
            await db.Database.ExecuteSqlRawAsync("INSERT INTO DemoEngineers (Place, PersonId) VALUES " +
                string.Join(", ", chunk.Select(e => FormattableString.Invariant($"({e.i}, {e.id})"))), ct);
        }

        string Rotated(string column) => $"COALESCE((SELECT b.PersonId FROM DemoEngineers a JOIN DemoEngineers b ON b.Place = (a.Place + {{2}}) % {engineers.Count} WHERE a.PersonId = {column}), {column})";

        var ticketTable = Q(db.Model.FindEntityType(typeof(ServiceTicket))!.GetTableName()!);
        var copies = new (Type Entity, Func<string, string> Expression, bool OwnId)[]
        {
            (typeof(ServiceTicket), c => c switch
            {
                "Id" => $"{Q(c)} + {{0}}",
                "Number" => $"{Q(c)} || '-' || {{2}}",
                _ => Q(c),
            }, true),
            (typeof(TicketAssignment), c => c switch
            {
                "TicketId" => $"{Q(c)} + {{0}}",
                "EngineerId" => Rotated(Q(c)),
                _ => Q(c),
            }, true),
            (typeof(TicketEvent), c => c switch
            {
                "TicketId" => $"{Q(c)} + {{0}}",
                "EngineerId" or "ActorPersonId" => Rotated(Q(c)),
                _ => Q(c),
            }, true),
            (typeof(ServiceReport), c => c switch
            {
                "TicketId" => $"{Q(c)} + {{0}}",
                "RecordedByPersonId" => Rotated(Q(c)),
                _ => Q(c),
            }, true),
            (typeof(Tickets.TicketServiceLevelOutcome), c => c == "TicketId" ? $"{Q(c)} + {{0}}" : Q(c), false),
        };

        var watch = Stopwatch.StartNew();
        var made = 0;
        var round = 0;
        while (made < count)
        {
            round++;
            var last = Math.Min(lastId, firstId + (count - made) - 1);
            var ticketOffset = await MaxIdAsync(db, ticketTable, ct) - firstId + 1;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            foreach (var (entity, expression, ownId) in copies)
            {
                var table = Q(db.Model.FindEntityType(entity)!.GetTableName()!);
                var names = Columns(entity).Split(", ");
                var key = entity == typeof(ServiceTicket) ? Q("Id") : Q("TicketId");
                var select = names.Select(c => ownId && c == "Id" && entity != typeof(ServiceTicket) ? $"{Q(c)} + {{1}}" : expression(c));
                var rowOffset = ownId && entity != typeof(ServiceTicket)
                    ? await MaxIdAsync(db, table, ct) - await MinIdAsync(db, table, key, firstId, lastId, ct) + 1
                    : 0;
                await db.Database.ExecuteSqlRawAsync(
                    $"INSERT INTO {table} ({string.Join(", ", names.Select(Q))}) SELECT {string.Join(", ", select)} FROM {table} WHERE {key} BETWEEN {{3}} AND {{4}}",
                    [ticketOffset, rowOffset, round, firstId, last], ct);
            }

            await transaction.CommitAsync(ct);
            made += last - firstId + 1;
            await progress.WriteLineAsync($"copied {made:N0} / {count:N0} tickets ({made / Math.Max(watch.Elapsed.TotalSeconds, 0.001):N0}/s)");
        }

        await db.Database.ExecuteSqlRawAsync("DROP TABLE DemoEngineers", ct);
        if (db.Database.IsNpgsql())
        {
            foreach (var (entity, _, ownId) in copies.Where(c => c.OwnId))
            {
                var table = db.Model.FindEntityType(entity)!.GetTableName()!;
                await db.Database.ExecuteSqlRawAsync(
                    $"SELECT setval(pg_get_serial_sequence('{Q(table)}', 'Id'), (SELECT MAX({Q("Id")}) FROM {Q(table)}))", ct);
            }
        }

        db.Actor = Actor.System;
        db.AuditEntries.Add(new AuditEntry
        {
            OccurredAtUtc = time.GetUtcNow().UtcDateTime, ActorName = Actor.System.Name, EntityType = nameof(ServiceTicket), EntityId = "*",
            Action = "DemoCopies", Reason = $"demo history: {made} copies of tickets {firstId}–{lastId}",
        });
        await db.SaveChangesAsync(ct);
        return made;
    }

    private static async Task<int?> PersonWithRoleAsync(AppDbContext db, string role, CancellationToken ct) =>
        await (from p in db.People
               join pos in db.Positions on p.PositionId equals pos.Id
               where p.IsActive && pos.Role == role
               orderby p.Id
               select (int?)p.Id).FirstOrDefaultAsync(ct);

    /// <summary>
    /// What happens around saved tickets, so that every indicator of the shipped plans has data and people differ: the
    /// call that opened most tickets (来电登记, linked), a few calls that were only questions, the customer's survey
    /// answers on followed-up tickets (each engineer with a quality of their own, so satisfaction differs), and
    /// complaints — some decided valid and attributable to service, some not — handled through investigation to closing.
    /// Nothing is dated after <paramref name="end"/>: a step that would be is left undone.
    /// </summary>
    private static void AddRecords(AppDbContext db, List<ServiceTicket> tickets, Random random, DateTime end, int? specialist, string specialistAccount,
        int? head)
    {
        foreach (var ticket in tickets)
        {
            if (random.NextDouble() < 0.6)
            {
                var call = Domain.ContactLog.ContactLogEntry.Create(ticket.ReportedAtUtc.AddMinutes(-2 - random.Next(9)), Domain.ContactLog.ContactChannel.Phone,
                    "车队调度", "13800000000", ticket.CustomerId, "报修", ticket.FaultDescription, specialist);
                call.RecordHandling($"已建工单 {ticket.Number}", "已受理，安排工程师", ticket.ReportedAtUtc);
                call.LinkTicket(ticket.Id);
                db.ContactLog.Add(call);
            }

            if (random.NextDouble() < 0.08 && ticket.ReportedAtUtc.AddHours(1) is var askedAt && askedAt <= end)
            {
                var question = Domain.ContactLog.ContactLogEntry.Create(askedAt, Domain.ContactLog.ContactChannel.Phone, "车队调度", "13800000000",
                    ticket.CustomerId, "咨询", Questions[random.Next(Questions.Length)], specialist);
                question.RecordHandling("电话答复", "已按保养手册答复", askedAt.AddMinutes(5) > end ? askedAt : askedAt.AddMinutes(5));
                db.ContactLog.Add(question);
            }

            var engineer = ticket.Assignments.Count > 0 ? ticket.Assignments[0].EngineerId : (int?)null;
            if (engineer is null || ticket.ClosedAtUtc is not { } closed)
            {
                continue;
            }

            // An engineer's own level, between 6.5 and 9.5 out of 10, fixed by who they are.
            var quality = 6.5 + (engineer.Value * 7919 % 31 / 10.0);
            var followUp = ticket.Events.LastOrDefault(e => e.Action == TicketAction.RecordFollowUp);
            if (followUp is not null && random.NextDouble() < 0.85)
            {
                int Rating() => Math.Clamp((int)Math.Round(quality + ((random.NextDouble() - 0.5) * 4)), 1, 10);
                var repair = Rating();
                var satisfaction = Rating();
                var overall = satisfaction >= 9 ? Domain.Surveys.FourPointRating.VerySatisfied
                    : satisfaction >= 7 ? Domain.Surveys.FourPointRating.Satisfied
                    : satisfaction >= 5 ? Domain.Surveys.FourPointRating.Unsatisfied : Domain.Surveys.FourPointRating.VeryUnsatisfied;
                var answers = new Domain.Surveys.SurveyAnswers(
                [
                    new(Domain.Surveys.SurveyQuestions.RepairQuality, Domain.Surveys.SurveyScale.TenPoint, repair),
                    new(Domain.Surveys.SurveyQuestions.Satisfaction, Domain.Surveys.SurveyScale.TenPoint, satisfaction),
                    new(Surveys.SurveyAnswersRequest.OverallQuestion, Domain.Surveys.SurveyScale.FourPoint, (int)overall),
                ], satisfaction >= 5, satisfaction >= 9 ? "师傅很专业" : satisfaction < 6 ? "到场太慢" : null);
                db.SatisfactionSurveys.Add(Surveys.SatisfactionSurvey.Record(ticket.Id, Surveys.SurveyMethod.Phone, answers,
                    Domain.Surveys.SurveyThresholds.Default, followUp.AtUtc, specialist, specialistAccount, null));
            }

            // Complaints: rarer for the better engineers.
            if (specialist is not { } by || head is not { } decider || random.NextDouble() >= 0.01 + ((9.5 - quality) * 0.012))
            {
                continue;
            }

            var at = closed.AddHours(2 + (random.NextDouble() * 70));
            if (at > end)
            {
                continue;
            }

            var category = random.NextDouble() switch
            {
                < 0.6 => Domain.Complaints.ComplaintCategory.Service,
                < 0.85 => Domain.Complaints.ComplaintCategory.ProductQuality,
                _ => Domain.Complaints.ComplaintCategory.TechnicalUse,
            };
            var received = Domain.Complaints.Complaint.Receive(new Domain.Complaints.ComplaintDetails(Domain.Complaints.ComplaintSource.Phone, "车队调度",
                ticket.Id, engineer, category, random.NextDouble() < 0.8 ? Domain.Complaints.ComplaintSeverity.Minor : Domain.Complaints.ComplaintSeverity.Major,
                ComplaintTexts[(int)category], at.AddDays(3)), by, at);
            if (received.Value is not { } complaint)
            {
                continue;
            }

            db.Complaints.Add(complaint);
            var valid = random.NextDouble() < (category == Domain.Complaints.ComplaintCategory.Service ? 0.6 : 0.25);
            var steps = new Func<DateTime, Domain.Common.Refusal?>[]
            {
                now => complaint.Assign(by, decider, now),
                now => complaint.StartInvestigation(by, now),
                now => complaint.DecideValidity(valid, valid && category == Domain.Complaints.ComplaintCategory.Service,
                    valid ? "经调查属实" : "经调查与服务无关，已向客户解释", decider, true, now),
                now => complaint.Resolve(valid ? "工程师未按约定时间到场" : "客户对保修条款理解有误", valid ? "对工程师进行约时培训，向客户致歉" : "向客户解释保修条款",
                    0m, by, now),
                now => complaint.ConfirmByCustomer(by, now),
                now => complaint.Close(by, now),
            };
            foreach (var step in steps)
            {
                at = at.AddHours(1 + (random.NextDouble() * 20));
                if (at > end || step(at) is not null)
                {
                    break;
                }
            }
        }
    }

    private static async Task<int> MaxIdAsync(AppDbContext db, string table, CancellationToken ct) =>
        await db.Database.SqlQueryRaw<int>($"SELECT COALESCE(MAX(\"Id\"), 0) AS \"Value\" FROM {table}").SingleAsync(ct);

    private static async Task<int> MinIdAsync(AppDbContext db, string table, string key, int firstId, int lastId, CancellationToken ct) =>
        await db.Database.SqlQueryRaw<int>($"SELECT COALESCE(MIN(\"Id\"), 0) AS \"Value\" FROM {table} WHERE {key} BETWEEN {{0}} AND {{1}}", firstId, lastId).SingleAsync(ct);

    /// <summary>
    /// A history ticket's number: H, the local day it was reported, and its place in the whole history (unique across
    /// repeated seeding). Shaped like the app's own numbers (T + day + sequence), so that searching a number or a past
    /// day's prefix meets the digits real numbers have — a run of zeros ("H000012345") made every number share trigrams.
    /// </summary>
    private string HistoryNumber(int n, DateTime reportedUtc) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"H{TimeZoneInfo.ConvertTimeFromUtc(reportedUtc, clock.Zone):yyyyMMdd}{n:D6}");

    private static ServiceTicket Build(string number, Random random, DateTime at, DateTime end, List<Domain.Customers.ProductUnit> units,
        List<Domain.Customers.CustomerSite> sites, List<int> engineers, List<Domain.ServiceLevels.ServiceLevelPolicy> policies, TicketActor actor,
        TicketActor approver, Func<DateTime, DateTime> followUpDue)
    {
        var unit = units[random.Next(units.Count)];
        var site = sites.FirstOrDefault(s => s.CustomerId == unit.CustomerId);
        var category = (FaultCategory)random.Next(0, 4);
        var details = new TicketDetails(unit.CustomerId, "车队调度", "13800000000", site?.Address ?? "客户车场", site?.DistanceKm ?? 30m, unit.ProductModelId,
            unit.SerialNumber, null, random.Next(10_000, 400_000), category, Faults[random.Next(Faults.Length)], (Urgency)random.Next(0, 4), IntakeChannel.Phone, null);
        var ticket = ServiceTicket.Create(at, actor, number, details).Value!;
        var engineer = engineers[random.Next(engineers.Count)];
        var engineerActor = new TicketActor(engineer, "demo-history");

        // Each step happens some minutes to hours after the last; a step that would lie after the moment of seeding
        // does not happen, so the ticket stays where it is (open, travelling, waiting …) as a real one would be now.
        DateTime? Next(double maxHours)
        {
            var next = at.AddMinutes(5 + (random.NextDouble() * maxHours * 60));
            return next > end ? null : at = next;
        }

        var policy = Domain.ServiceLevels.ServiceLevelSelector.Choose(policies,
            new Domain.ServiceLevels.TicketFacts(category.ToString(), details.DistanceKm, false, details.Urgency.ToString()))?.Policy;
        if (Next(0.5) is not { } t)
        {
            return ticket;
        }

        ticket.Register(t, actor, true, "demo history");
        if (Next(0.5) is not { } classified)
        {
            return ticket;
        }

        ticket.Classify(classified, actor, category, details.Urgency, policy?.Id);
        var fate = random.NextDouble();
        if (fate < 0.03)
        {
            if (Next(2) is { } cancelled)
            {
                ticket.Cancel(cancelled, actor, "客户取消");
            }

            return ticket;
        }

        if (Next(2) is not { } dispatched)
        {
            return ticket;
        }

        ticket.Dispatch(dispatched, actor, [engineer], engineer);
        if (fate < 0.08 || Next(6) is not { } accepted)
        {
            return ticket; // still open
        }

        ticket.Accept(accepted, engineerActor, engineer, null);
        if (fate is >= 0.08 and < 0.14)
        {
            // 6 %: solved by phone guidance or a remote connection without a visit (R-TKT-7), the report written afterwards.
            if (Next(4) is not { } remote)
            {
                return ticket;
            }

            ticket.ResolveRemotely(remote, engineerActor, fate < 0.12 ? RemoteMethod.Phone : RemoteMethod.RemoteConnection,
                fate < 0.12 ? "电话指导客户排除故障" : "远程连接车载终端排除故障");
            if (Next(3) is not { } written)
            {
                return ticket;
            }

            ticket.RecordReport(written, engineerActor, new ServiceReportContent("远程诊断", "设置错误", "三包", "远程指导处理", [], 0, false, null, "按说明书操作", 0, null));
            return Concluded();
        }

        if (Next(30) is not { } arrived)
        {
            return ticket;
        }

        ticket.Arrive(arrived, engineerActor);
        var turn = random.NextDouble();
        if (turn < 0.04)
        {
            // 较大问题上报: the supervisor raises it; the ticket goes on.
            if (Next(1) is not { } escalated)
            {
                return ticket;
            }

            ticket.Escalate(escalated, approver, Escalations[random.Next(Escalations.Length)]);
        }

        if (Next(2) is not { } diagnosed)
        {
            return ticket;
        }

        ticket.Diagnose(diagnosed, engineerActor, null);
        if (turn is >= 0.04 and < 0.12)
        {
            // The clock pauses while the customer or the supplier owes the next step (R-SLA-3).
            var supplier = turn >= 0.09;
            if (Next(1) is not { } paused)
            {
                return ticket;
            }

            if (supplier)
            {
                ticket.TransferToSupplier(paused, engineerActor, "发动机内部故障，转供应商处理");
            }
            else
            {
                ticket.WaitForCustomer(paused, engineerActor, "等待客户确认维修方案和停车时间");
            }

            if (Next(supplier ? 72 : 24) is not { } resumed)
            {
                return ticket;
            }

            if (supplier)
            {
                ticket.SupplierReplied(resumed, engineerActor, "供应商已给出处理方案");
            }
            else
            {
                ticket.CustomerResponded(resumed, engineerActor, "客户已确认");
            }
        }

        if (Next(3) is not { } reported)
        {
            return ticket;
        }

        ticket.RecordReport(reported, engineerActor, new ServiceReportContent("检查发现故障", "部件老化", "三包", "更换部件", [], 0, true, null, "定期保养", 0, null));
        if (Next(2) is not { } resolved)
        {
            return ticket;
        }

        ticket.Resolve(resolved, engineerActor, null);
        return Concluded();

        // The customer signs, the supervisor approves, the specialist closes and follows up: visits and remote resolutions alike.
        ServiceTicket Concluded()
        {
            if (Next(1) is not { } signed)
            {
                return ticket;
            }

            ticket.SignReport(signed, engineerActor, new CustomerSignature("demo-history", "客户"));
            if (Next(24) is not { } approved)
            {
                return ticket;
            }

            ticket.ApproveReport(approved, approver, null);
            if (random.NextDouble() < 0.03 && Next(4) is { } amended)
            {
                ticket.AmendReport(amended, approver, "补记：客户要求加装车门防夹条，已另行报价");
            }

            if (Next(12) is not { } closedAt)
            {
                return ticket;
            }

            ticket.Close(closedAt, actor, followUpDue(closedAt));
            if (random.NextDouble() < 0.7 && Next(72) is { } followedUp)
            {
                ticket.RecordFollowUp(followedUp, actor, "电话回访");
            }

            return ticket;
        }
    }

#pragma warning restore EF1002, EF1003

    private static readonly string[] Escalations = ["较大问题上报：同批次车辆多发", "客户要求主管到场", "涉及安全隐患，上报部长"];

    private static readonly string[] Questions = ["咨询保养周期", "咨询三包期限", "咨询配件价格", "咨询空调使用方法"];

    /// <summary>By <see cref="Domain.Complaints.ComplaintCategory"/>: product quality, technical use, service.</summary>
    private static readonly string[] ComplaintTexts = ["同一故障维修后再次出现", "客户对车辆操作说明不清楚", "工程师未按约定时间到场"];

    private static readonly string[] Faults =
    [
        "前门气泵漏气，车门无法关闭", "空调不制冷", "仪表盘报警灯常亮", "发动机水温过高", "刹车异响", "后视镜松动", "车窗玻璃破裂", "CAN 总线通讯故障",
        "转向沉重", "离合器打滑", "车身漆面起泡", "座椅固定螺栓松动",
    ];
}
