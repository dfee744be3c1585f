using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.ServiceLevels;
using ServiceMark.Domain.Tickets;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.Surveys;

namespace ServiceMark.Web.Features.Tickets;

/// <summary>What an import resolves its business keys against, read once for the whole file.</summary>
internal sealed class Lookup
{
    public required Dictionary<string, (int Id, bool IsActive)> People { get; init; }
    public required Dictionary<int, string> EmployeeNumberOf { get; init; }
    public required Dictionary<string, (int Id, bool IsActive)> Customers { get; init; }
    public required Dictionary<string, int> ModelOfSerial { get; init; }
    public required HashSet<string> ExistingNumbers { get; init; }
    public required List<ServiceLevelPolicy> Policies { get; init; }

    public static async Task<Lookup> LoadAsync(AppDbContext db, IReadOnlyList<ImportedTicket> tickets, CancellationToken ct)
    {
        var people = await db.People.AsNoTracking().Select(p => new { p.Id, p.EmployeeNumber, p.IsActive }).ToListAsync(ct);
        var customers = await db.Customers.AsNoTracking().Select(c => new { c.Id, c.Code, c.IsActive }).ToListAsync(ct);
        var serials = tickets.Select(t => t?.SerialNumber?.Trim().ToUpperInvariant()).OfType<string>().Where(s => s.Length > 0).Distinct().ToList();
        var numbers = tickets.Select(t => t?.Number?.Trim()).OfType<string>().Where(s => s.Length > 0).Distinct().ToList();
        var models = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var chunk in serials.Chunk(500))
        {
            foreach (var u in await db.ProductUnits.AsNoTracking().Where(u => chunk.Contains(u.SerialNumber)).Select(u => new { u.SerialNumber, u.ProductModelId }).ToListAsync(ct))
            {
                models[u.SerialNumber] = u.ProductModelId;
            }
        }

        var existing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in numbers.Chunk(500))
        {
            existing.UnionWith(await db.Tickets.Where(t => chunk.Contains(t.Number)).Select(t => t.Number).ToListAsync(ct));
        }

        return new Lookup
        {
            People = people.ToDictionary(p => p.EmployeeNumber, p => (p.Id, p.IsActive), StringComparer.OrdinalIgnoreCase),
            EmployeeNumberOf = people.ToDictionary(p => p.Id, p => p.EmployeeNumber),
            Customers = customers.ToDictionary(c => c.Code, c => (c.Id, c.IsActive), StringComparer.OrdinalIgnoreCase),
            ModelOfSerial = models,
            ExistingNumbers = existing,
            Policies = await db.ServiceLevelPolicies.AsNoTracking().Where(p => p.IsActive).ToListAsync(ct),
        };
    }

    /// <summary>The person an employee number names, or the importing user's own person when none is given.</summary>
    public (int? Id, string UserName) ActorOf(string? employeeNumber, int? importer, string importerName) =>
        !string.IsNullOrWhiteSpace(employeeNumber) && People.TryGetValue(employeeNumber.Trim(), out var p)
            ? (p.Id, employeeNumber.Trim())
            : (importer, importerName);

    public (int Id, string UserName) Person(int id) =>
        (id, EmployeeNumberOf.GetValueOrDefault(id, "import"));
}

/// <summary>Builds one imported ticket by replaying its report and steps through the domain's rules at the given times.</summary>
internal sealed class Replay(TicketImport import, Lookup lookup, int index, DateTime now, (int? Id, string Name) importer, List<TicketImportError> errors)
{
    private const string ImportedWarranty = "原系统记录";
    private int? reporter;
    private string reporterName = "import";

    private void Error(string field, string code, string message) => errors.Add(new TicketImportError(index, null, "ticket", field, code, message));

    public async Task<ServiceTicket?> BuildAsync(AppDbContext db, ImportedTicket t, HashSet<string> numbers, CancellationToken ct)
    {
        var before = errors.Count;
        var number = t.Number?.Trim();
        if (!string.IsNullOrEmpty(number) && !numbers.Add(number))
        {
            Error("number", "duplicate", $"Ticket number {number} repeats in this import.");
        }
        else if (!string.IsNullOrEmpty(number) && lookup.ExistingNumbers.Contains(number))
        {
            Error("number", "duplicate", $"Ticket number {number} already exists.");
        }

        int customerId = 0;
        if (string.IsNullOrWhiteSpace(t.CustomerCode))
        {
            Error("customerCode", "required", "customerCode is required.");
        }
        else if (!lookup.Customers.TryGetValue(t.CustomerCode.Trim(), out var customer) || !customer.IsActive)
        {
            Error("customerCode", "unknown", $"No active customer has code {t.CustomerCode.Trim()}.");
        }
        else
        {
            customerId = customer.Id;
        }

        var reported = Instant(t.ReportedAt, "reportedAt", required: true, Error);
        if (!string.IsNullOrWhiteSpace(t.ReportedBy) && !lookup.People.ContainsKey(t.ReportedBy.Trim()))
        {
            Error("reportedBy", "unknown", $"No person has employee number {t.ReportedBy.Trim()}.");
        }

        (reporter, reporterName) = lookup.ActorOf(t.ReportedBy, importer.Id, importer.Name);
        var category = Parse<FaultCategory>(t.FaultCategory, "faultCategory", required: true);
        var urgency = Parse<Urgency>(t.Urgency, "urgency", required: false) ?? Urgency.Normal;
        var channel = Parse<IntakeChannel>(t.Channel, "channel", required: false) ?? IntakeChannel.Phone;
        var serial = string.IsNullOrWhiteSpace(t.SerialNumber) ? null : t.SerialNumber.Trim().ToUpperInvariant();
        var details = new TicketDetails(customerId, t.ContactName ?? "", t.ContactPhone ?? "", t.SiteAddress, t.DistanceKm ?? 0,
            serial is not null && lookup.ModelOfSerial.TryGetValue(serial, out var model) ? model : null, serial, t.RunningHours, t.MileageKm,
            category ?? FaultCategory.Other, t.FaultDescription ?? "", urgency, channel, null);
        foreach (var e in ServiceTicket.Check(number ?? "", details).All.Where(e => e.Field != "customerId"))
        {
            Error(e.Field, e.Code, e.Message);
        }

        if (errors.Count > before || reported is not { } at)
        {
            return null; // the steps would only repeat what is wrong with the ticket itself
        }

        var actor = new TicketActor(reporter, reporterName);
        var ticket = ServiceTicket.Create(at, actor, number!, details).Value!;
        var warranty = t.UnderWarranty is { } under
            ? (under, string.IsNullOrWhiteSpace(t.WarrantyReason) ? ImportedWarranty : t.WarrantyReason)
            : await import.WarrantyAsync(db, details, import.LocalDate(at), ct);
        if (ticket.Register(at, actor, warranty.Item1, warranty.Item2).Refusal is { } refused)
        {
            Refused(refused, null, "warrantyReason");
            return null;
        }

        ticket.Classify(at, actor, details.FaultCategory, details.Urgency, TicketImport.PolicyFor(lookup.Policies, details)?.Id);
        var last = at;
        var steps = t.Steps ?? [];
        for (var j = 0; j < steps.Count; j++)
        {
            if (await StepAsync(db, ticket, steps[j] ?? new ImportedStep(null, null), j, last, ct) is not { } stepAt)
            {
                return null; // later steps would fail only because this one did
            }

            last = stepAt;
        }

        if (t.Survey is { } survey)
        {
            CheckSurvey(ticket, survey);
        }

        return errors.Count == before ? ticket : null;
    }

    private async Task<DateTime?> StepAsync(AppDbContext db, ServiceTicket ticket, ImportedStep s, int j, DateTime last, CancellationToken ct)
    {
        var before = errors.Count;
        void StepError(string field, string code, string message) => errors.Add(new TicketImportError(index, j, "step", field, code, message));

        string? action = null;
        if (string.IsNullOrWhiteSpace(s.Action))
        {
            StepError("action", "required", "action is required.");
        }
        else if (TicketImport.StepActions.FirstOrDefault(a => string.Equals(a, s.Action.Replace("-", "", StringComparison.Ordinal).Trim(), StringComparison.OrdinalIgnoreCase)) is { } known)
        {
            action = known;
        }
        else
        {
            StepError("action", "unknown", $"action must be one of: {string.Join(", ", TicketImport.StepActions)}.");
        }

        var at = Instant(s.At, "at", required: true, StepError);
        if (at < last)
        {
            StepError("at", TicketRefusal.TimeOutOfOrder, $"The step is dated before the one before it ({last:O}); steps are listed in time order.");
        }

        if (!string.IsNullOrWhiteSpace(s.By) && !lookup.People.ContainsKey(s.By.Trim()))
        {
            StepError("by", "unknown", $"No person has employee number {s.By.Trim()}.");
        }

        if (errors.Count > before)
        {
            return null;
        }

        var parsed = Enum.TryParse<TicketAction>(action, out var a) ? a : (TicketAction?)null;
        var byEngineer = parsed is { } p && TicketImport.IsEngineerStep(p) || action == TicketImport.RecordReport;
        var (byId, byName) = !string.IsNullOrWhiteSpace(s.By) ? lookup.ActorOf(s.By, null, "")
            : byEngineer && ticket.LeadEngineerId is { } lead ? lookup.Person(lead)
            : (reporter, reporterName);
        var actor = new TicketActor(byId, byName);
        var engineer = byId is { } id && ticket.IsAssigned(id) ? id : ticket.LeadEngineerId ?? byId ?? 0;
        var when = at!.Value;
        var refusal = action switch
        {
            TicketImport.RecordReport => s.Report is { } r
                ? ticket.RecordReport(when, actor, new ServiceReportContent(r.Findings, r.Cause, r.Responsibility, r.WorkDone,
                    r.PartsReplaced?.Select(x => new ReplacedPartLine(null, x?.Name ?? "", x?.Quantity ?? 0, x?.Reason ?? "")).ToList() ?? [],
                    r.CompensationAmount ?? 0, r.OldPartsReturned ?? false, r.OldPartsNote, r.AdviceGiven, r.PaidServiceAmount ?? 0, r.PaidServiceApprovalReference)).Refusal
                : Refusal.Invalid("report", "required", "A RecordReport step carries the report."),
            TicketImport.AmendReport => ticket.AmendReport(when, actor, s.Reason ?? s.Note ?? "").Refusal,
            _ => await ActAsync(db, ticket, parsed!.Value, s, actor, engineer, when, StepError, ct),
        };
        if (refusal is not null)
        {
            Refused(refusal, j, "action");
            return null;
        }

        return errors.Count > before ? null : when;
    }

    private async Task<Refusal?> ActAsync(AppDbContext db, ServiceTicket ticket, TicketAction action, ImportedStep s, TicketActor actor, int engineer,
        DateTime at, Action<string, string, string> stepError, CancellationToken ct)
    {
        switch (action)
        {
            case TicketAction.Dispatch:
                var ids = new List<int>();
                foreach (var number in s.Engineers ?? [])
                {
                    if (number is not null && lookup.People.TryGetValue(number.Trim(), out var p))
                    {
                        if (p.Id == importer.Id)
                        {
                            // The imported work feeds its engineers' scores: nobody brings in their own.
                            stepError("engineers", "self", "You cannot import tickets on which you are one of the engineers.");
                        }

                        ids.Add(p.Id);
                    }
                    else
                    {
                        stepError("engineers", "unknown", $"No person has employee number {number}.");
                    }
                }

                int? leadId = null;
                if (!string.IsNullOrWhiteSpace(s.Lead))
                {
                    if (lookup.People.TryGetValue(s.Lead.Trim(), out var lead))
                    {
                        leadId = lead.Id;
                    }
                    else
                    {
                        stepError("lead", "unknown", $"No person has employee number {s.Lead.Trim()}.");
                    }
                }

                return ticket.Dispatch(at, actor, ids, leadId ?? ids.FirstOrDefault()).Refusal;
            case TicketAction.Accept:
                var visit = Instant(s.AgreedVisitAt, "agreedVisitAt", required: false, stepError);
                return ticket.Accept(at, actor, engineer, visit).Refusal;
            case TicketAction.Decline: return ticket.Decline(at, actor, engineer, s.Reason ?? "").Refusal;
            case TicketAction.StartTravel: return ticket.StartTravel(at, actor).Refusal;
            case TicketAction.Arrive: return ticket.Arrive(at, actor).Refusal;
            case TicketAction.Diagnose: return ticket.Diagnose(at, actor, s.Note).Refusal;
            case TicketAction.Resolve: return ticket.Resolve(at, actor, s.Note).Refusal;
            case TicketAction.SignReport: return ticket.SignReport(at, actor, new CustomerSignature(TicketImport.PaperSignature, s.SignerName ?? "")).Refusal;
            case TicketAction.ApproveReport: return ticket.ApproveReport(at, actor, s.Note).Refusal;
            case TicketAction.RejectReport: return ticket.RejectReport(at, actor, s.Reason ?? "").Refusal;
            case TicketAction.Close: return ticket.Close(at, actor, await import.FollowUpDueAsync(db, at, ct)).Refusal;
            case TicketAction.RecordFollowUp: return ticket.RecordFollowUp(at, actor, s.Note).Refusal;
            case TicketAction.Escalate: return ticket.Escalate(at, actor, s.Reason ?? "").Refusal;
            case TicketAction.TransferToSupplier: return ticket.TransferToSupplier(at, actor, s.Reason ?? "").Refusal;
            case TicketAction.SupplierReplied: return ticket.SupplierReplied(at, actor, s.Note).Refusal;
            case TicketAction.WaitForCustomer: return ticket.WaitForCustomer(at, actor, s.Reason ?? "").Refusal;
            case TicketAction.CustomerResponded: return ticket.CustomerResponded(at, actor, s.Note).Refusal;
            case TicketAction.Cancel: return ticket.Cancel(at, actor, s.Reason ?? "").Refusal;
            default: return Refusal.Invalid("action", "unknown", $"{action} cannot be imported.");
        }
    }

    private void CheckSurvey(ServiceTicket ticket, ImportedSurvey survey)
    {
        void SurveyError(string field, string code, string message) => errors.Add(new TicketImportError(index, null, "survey", field, code, message));
        var at = Instant(survey.At, "at", required: true, SurveyError);
        if (ticket.ClosedAtUtc is not { } closed)
        {
            SurveyError("at", "not_closed", "A satisfaction survey follows a closed ticket: the steps do not close it.");
        }
        else if (at < closed)
        {
            SurveyError("at", "before_close", $"The survey is dated before the ticket was closed ({closed:O}).");
        }

        if (!string.IsNullOrWhiteSpace(survey.By) && !lookup.People.ContainsKey(survey.By.Trim()))
        {
            SurveyError("by", "unknown", $"No person has employee number {survey.By.Trim()}.");
        }

        foreach (var e in new SurveyAnswersRequest(survey.RepairQuality, survey.Satisfaction, survey.Overall, survey.ProblemSolved, survey.Comment).Check().All)
        {
            SurveyError(e.Field, e.Code, e.Message);
        }
    }

    /// <summary>A domain refusal as errors of the ticket or step: its field errors as they are, otherwise against <paramref name="field"/>.</summary>
    private void Refused(Refusal refusal, int? step, string field)
    {
        var part = step is null ? "ticket" : "step";
        if (refusal.Errors.Count > 0)
        {
            foreach (var e in refusal.Errors)
            {
                var name = e.Field switch
                {
                    "engineerIds" => "engineers",
                    "leadId" => "lead",
                    "engineerId" => "by",
                    "text" => "reason",
                    "findings" or "cause" or "responsibility" or "workDone" or "compensationAmount" or "oldPartsNote" or "adviceGiven" or "paidServiceAmount"
                        or "paidServiceApprovalReference" or "oldPartsReturned" => $"report.{e.Field}",
                    var f when f.StartsWith("partsReplaced", StringComparison.Ordinal) => $"report.{f}",
                    var f => f,
                };
                errors.Add(new TicketImportError(index, step, part, name, e.Code, e.Message));
            }

            return;
        }

        errors.Add(new TicketImportError(index, step, part, refusal.Code == TicketRefusal.TimeOutOfOrder ? "at" : field, refusal.Code, refusal.Message));
    }

    private DateTime? Instant(string? text, string field, bool required, Action<string, string, string> error)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                error(field, "required", $"{field} is required.");
            }

            return null;
        }

        if (import.ParseInstant(text) is not { } at)
        {
            error(field, "format", $"'{text}' is not a time from the year {TicketImport.MinYear} on (use 2025-03-01T08:30:00+08:00, or 2025-03-01 08:30 in the company's time zone).");
            return null;
        }

        if (at > now)
        {
            error(field, "future", $"{field} lies in the future: an import brings in what has happened.");
            return null;
        }

        return at;
    }

    private T? Parse<T>(string? text, string field, bool required)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                Error(field, "required", $"{field} is required.");
            }

            return null;
        }

        if (Enum.TryParse<T>(text.Trim(), ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _))
        {
            return value;
        }

        Error(field, "unknown", $"{field} must be one of: {string.Join(", ", Enum.GetNames<T>())}.");
        return null;
    }
}
