using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Tickets;

/// <summary>
/// One service request from report to follow-up (服务工单, R-TKT-2/R-TKT-3). Every action is one method that takes
/// the time and the actor, checks <see cref="TicketTransitions"/> first, then its data, and changes nothing when it
/// refuses. Each accepted action appends one <see cref="TicketEvent"/>; the service report is changed only through
/// the ticket so that signing and approval cannot drift from the status.
/// </summary>
public sealed class ServiceTicket : IVersioned, IAudited
{
    public const int NumberMaxLength = 20;
    public const int ContactNameMaxLength = 50;
    public const int ContactPhoneMaxLength = 30;
    public const int SiteAddressMaxLength = 200;
    public const int SerialNumberMaxLength = 50;
    public const int FaultDescriptionMaxLength = 2000;
    public const int WarrantyReasonMaxLength = 200;
    public const int ReasonMaxLength = 500;
    public const int NoteMaxLength = 2000;
    public const decimal MaxDistanceKm = 5000m;
    public const decimal MaxMileageKm = 10_000_000m;
    public const decimal MaxRunningHours = 1_000_000m;

    private readonly List<TicketAssignment> assignments = [];
    private readonly List<TicketEvent> events = [];
    private readonly List<ServiceReport> reports = [];

    private ServiceTicket()
    {
    }

    public int Id { get; private set; }

    /// <summary>The human-readable number (e.g. T202611250001), assigned by the caller, who knows the sequence.</summary>
    public string Number { get; private set; } = "";

    public int CustomerId { get; private set; }
    public string ContactName { get; private set; } = "";
    public string ContactPhone { get; private set; } = "";
    public string? SiteAddress { get; private set; }

    /// <summary>From the nearest service point; with the fault category it selects the service level (R-SLA-1).</summary>
    public decimal DistanceKm { get; private set; }

    public int? ProductModelId { get; private set; }
    public string? SerialNumber { get; private set; }
    public decimal? RunningHours { get; private set; }
    public decimal? MileageKm { get; private set; }
    public FaultCategory FaultCategory { get; private set; }
    public string FaultDescription { get; private set; } = "";
    public Urgency Urgency { get; private set; }
    public IntakeChannel Channel { get; private set; }

    /// <summary>The call or letter this ticket came from (R-TKT-1), when it was logged.</summary>
    public int? ContactLogEntryId { get; private set; }

    /// <summary>Three-guarantee warranty (三包) as checked at registration; <see langword="null"/> until known.</summary>
    public bool? UnderWarranty { get; private set; }

    /// <summary>How <see cref="UnderWarranty"/> was decided (sale date, terms), so the decision can be reviewed.</summary>
    public string? WarrantyReason { get; private set; }

    public TicketStatus Status { get; private set; }

    /// <summary>While waiting, the status the ticket returns to; <see langword="null"/> otherwise.</summary>
    public TicketStatus? ReturnStatus { get; private set; }

    public int? ServiceLevelPolicyId { get; private set; }

    /// <summary>The engineers currently dispatched; exactly one is the lead (临时负责人) when there are any.</summary>
    public IReadOnlyList<TicketAssignment> Assignments => assignments;

    public int? LeadEngineerId => assignments.Find(a => a.IsLead)?.EngineerId;

    /// <summary>Set on a ticket opened by <see cref="Reopen"/>: the ticket whose fault came back.</summary>
    public int? OriginalTicketId { get; private set; }

    public string? OriginalTicketNumber { get; private set; }

    public bool IsEscalated { get; private set; }

    public DateTime ReportedAtUtc { get; private set; }
    public int? ReportedByPersonId { get; private set; }
    public string ReportedByUserName { get; private set; } = "";

    /// <summary>When an engineer first accepted and contacted the customer; kept across later re-dispatches.</summary>
    public DateTime? FirstResponseAtUtc { get; private set; }

    /// <summary>The visit time agreed with the customer on acceptance.</summary>
    public DateTime? AgreedVisitAtUtc { get; private set; }

    public DateTime? ArrivedAtUtc { get; private set; }
    public DateTime? ResolvedAtUtc { get; private set; }

    /// <summary>How the ticket was resolved without a visit; null when it was resolved on site or is not resolved (R-TKT-7).</summary>
    public RemoteMethod? RemoteMethod { get; private set; }
    public DateTime? ClosedAtUtc { get; private set; }

    /// <summary>When the follow-up (回访) of the closed ticket is due: its own service level, fixed at closing.</summary>
    public DateTime? FollowUpDueAtUtc { get; private set; }

    /// <summary>
    /// When the customer first signed a service report: kept on the ticket so that reports on many tickets (the
    /// service facts) need not read every report revision.
    /// </summary>
    public DateTime? ReportSignedAtUtc { get; private set; }

    /// <summary>
    /// The business calendar (id and revision) the ticket's service-level clocks were last measured under (R-SLA-2).
    /// Set by the application when it stores the measured outcomes; a closed ticket keeps it, so a later calendar edit
    /// does not silently re-measure it. Null until first measured.
    /// </summary>
    public int? ServiceLevelCalendarId { get; private set; }

    /// <inheritdoc cref="ServiceLevelCalendarId"/>
    public int? ServiceLevelCalendarVersion { get; private set; }

    /// <summary>
    /// While the ticket is open, the earliest due time of its service-level targets not met yet, as last measured (null when
    /// none is pending). Derived and set by the application beside the calendar stamp, so that the list finds overdue and
    /// due-today tickets through an index instead of re-reading every open ticket's clocks.
    /// </summary>
    public DateTime? NextDueAtUtc { get; private set; }

    public IReadOnlyList<TicketEvent> Events => events;

    /// <summary>Every revision of the service report, the rejected ones included.</summary>
    public IReadOnlyList<ServiceReport> Reports => reports;

    /// <summary>The latest revision of the service report, or <see langword="null"/> before work is recorded.</summary>
    public ServiceReport? Report => reports.Count == 0 ? null : reports.MaxBy(r => r.Revision);

    public int Version { get; set; }

    /// <summary>The time of the latest step; a new step may not be earlier.</summary>
    public DateTime LastStepAtUtc => events.Count == 0 ? ReportedAtUtc : events.Max(e => e.AtUtc);

    public bool IsAssigned(int personId) => assignments.Exists(a => a.EngineerId == personId);

    /// <summary>Checks the intake details; existence of the customer, product model etc. is checked by the caller.</summary>
    public static FieldErrors Check(string number, TicketDetails d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var errors = new FieldErrors();
        errors.RequiredText("number", number, NumberMaxLength);
        if (d.CustomerId <= 0)
        {
            errors.Add("customerId", "required", "customerId is required.");
        }

        errors.RequiredText("contactName", d.ContactName, ContactNameMaxLength);
        errors.RequiredText("contactPhone", d.ContactPhone, ContactPhoneMaxLength);
        if (!string.IsNullOrWhiteSpace(d.ContactPhone) && d.ContactPhone.Trim().Length <= ContactPhoneMaxLength)
        {
            PhoneRules.Check(errors, "contactPhone", d.ContactPhone);
        }

        // A consultation is answered by phone and a walk-in customer is already at the station: no site to visit.
        if (d.FaultCategory is FaultCategory.Consultation || d.Channel is IntakeChannel.WalkIn)
        {
            errors.MaxLength("siteAddress", d.SiteAddress, SiteAddressMaxLength);
        }
        else
        {
            errors.RequiredText("siteAddress", d.SiteAddress, SiteAddressMaxLength);
        }

        Amounts.CheckQuantity(errors, "distanceKm", d.DistanceKm, MaxDistanceKm);
        Amounts.CheckQuantity(errors, "runningHours", d.RunningHours, MaxRunningHours);
        Amounts.CheckQuantity(errors, "mileageKm", d.MileageKm, MaxMileageKm);
        PositiveIdIfAny(errors, "productModelId", d.ProductModelId);
        PositiveIdIfAny(errors, "contactLogEntryId", d.ContactLogEntryId);
        errors.MaxLength("serialNumber", d.SerialNumber, SerialNumberMaxLength);
        Defined(errors, "faultCategory", d.FaultCategory);
        Defined(errors, "urgency", d.Urgency);
        Defined(errors, "channel", d.Channel);
        errors.RequiredText("faultDescription", d.FaultDescription, FaultDescriptionMaxLength);
        return errors;
    }

    /// <summary>A newly reported ticket (报修), in status <see cref="TicketStatus.Reported"/>.</summary>
    public static Result<ServiceTicket> Create(DateTime now, TicketActor actor, string number, TicketDetails details)
    {
        RequireUtc(now);
        ArgumentNullException.ThrowIfNull(actor);
        var errors = Check(number, details);
        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        var ticket = new ServiceTicket
        {
            Number = number.Trim(),
            CustomerId = details.CustomerId,
            ContactName = details.ContactName.Trim(),
            ContactPhone = details.ContactPhone.Trim(),
            SiteAddress = Clean(details.SiteAddress),
            DistanceKm = details.DistanceKm,
            ProductModelId = details.ProductModelId,
            SerialNumber = Clean(details.SerialNumber),
            RunningHours = details.RunningHours,
            MileageKm = details.MileageKm,
            FaultCategory = details.FaultCategory,
            FaultDescription = details.FaultDescription.Trim(),
            Urgency = details.Urgency,
            Channel = details.Channel,
            ContactLogEntryId = details.ContactLogEntryId,
        };
        ticket.MarkReported(now, actor);
        return ticket;
    }

    /// <summary>登记: a specialist takes the ticket in, with the warranty check of its serial number (R-TKT-2).</summary>
    public Result<TicketEvent> Register(DateTime now, TicketActor actor, bool? underWarranty, string? warrantyReason)
    {
        if (Refuse(now, actor, TicketAction.Register) is { } refused)
        {
            return refused;
        }

        var errors = new FieldErrors();
        if (underWarranty is not null)
        {
            errors.Required("warrantyReason", warrantyReason);
        }

        errors.MaxLength("warrantyReason", warrantyReason?.Trim(), WarrantyReasonMaxLength);
        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        UnderWarranty = underWarranty;
        WarrantyReason = Clean(warrantyReason);
        return Commit(now, actor, TicketAction.Register);
    }

    /// <summary>分类分级: category and urgency decide the service level that applies (R-SLA-1).</summary>
    public Result<TicketEvent> Classify(DateTime now, TicketActor actor, FaultCategory category, Urgency urgency,
        int? serviceLevelPolicyId)
    {
        if (Refuse(now, actor, TicketAction.Classify) is { } refused)
        {
            return refused;
        }

        var errors = new FieldErrors();
        Defined(errors, "faultCategory", category);
        Defined(errors, "urgency", urgency);
        PositiveIdIfAny(errors, "serviceLevelPolicyId", serviceLevelPolicyId);
        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        FaultCategory = category;
        Urgency = urgency;
        ServiceLevelPolicyId = serviceLevelPolicyId;
        return Commit(now, actor, TicketAction.Classify);
    }

    /// <summary>
    /// 派工: to one engineer, or to several with one named lead (临时负责人), who answers for the team on site.
    /// With one engineer the lead may be omitted: that engineer leads. Repeated ids count once.
    /// </summary>
    public Result<TicketEvent> Dispatch(DateTime now, TicketActor actor, IReadOnlyList<int> engineerIds, int? leadId)
    {
        if (Refuse(now, actor, TicketAction.Dispatch) is { } refused)
        {
            return refused;
        }

        var engineers = (engineerIds ?? []).Distinct().ToList();
        if (engineers.Count == 0)
        {
            return Refusal.Invalid("engineerIds", TicketRefusal.NoEngineers, "engineerIds must name at least one engineer.");
        }

        if (engineers.Exists(id => id <= 0))
        {
            return Refusal.Invalid("engineerIds", "invalid", "engineerIds may contain only existing person ids.");
        }

        if (engineers.Count > 1 && leadId is null)
        {
            return Refusal.Invalid("leadId", TicketRefusal.LeadRequired,
                "leadId is required: with two or more engineers one of them must lead.");
        }

        var lead = leadId ?? engineers[0];
        if (!engineers.Contains(lead))
        {
            return Refusal.Invalid("leadId", TicketRefusal.LeadNotAssigned, "leadId must be one of the dispatched engineers.");
        }

        assignments.Clear();
        assignments.AddRange(engineers.Select(id => new TicketAssignment(id, id == lead, now)));
        PoolUnitId = null;
        return Commit(now, actor, TicketAction.Dispatch, engineerId: lead);
    }

    /// <summary>The team whose job pool holds the ticket while it is <see cref="TicketStatus.InPool"/>.</summary>
    public int? PoolUnitId { get; private set; }

    /// <summary>放入工单池: the ticket waits in a team's pool for one of its engineers to take it (R-TKT-6).</summary>
    public Result<TicketEvent> OfferToPool(DateTime now, TicketActor actor, int unitId)
    {
        if (Refuse(now, actor, TicketAction.OfferToPool) is { } refused)
        {
            return refused;
        }

        if (unitId <= 0)
        {
            return Refusal.Invalid("orgUnitId", "invalid", "orgUnitId must name the team whose pool gets the ticket.");
        }

        assignments.Clear();
        PoolUnitId = unitId;
        return Commit(now, actor, TicketAction.OfferToPool);
    }

    /// <summary>抢单: an engineer of the pool's team takes the ticket; they lead it and it counts as accepted (first response).</summary>
    public Result<TicketEvent> TakeFromPool(DateTime now, TicketActor actor, int engineerId)
    {
        if (Refuse(now, actor, TicketAction.TakeFromPool) is { } refused)
        {
            return refused;
        }

        if (engineerId <= 0)
        {
            return Refusal.Invalid("engineerId", "invalid", "engineerId must name the engineer taking the ticket.");
        }

        assignments.Clear();
        assignments.Add(new TicketAssignment(engineerId, true, now));
        PoolUnitId = null;
        FirstResponseAtUtc ??= now;
        return Commit(now, actor, TicketAction.TakeFromPool, engineerId: engineerId);
    }

    /// <summary>An engineer turns the ticket down; it goes back to the dispatcher with no one assigned.</summary>
    public Result<TicketEvent> Decline(DateTime now, TicketActor actor, int engineerId, string reason)
    {
        if (Refuse(now, actor, TicketAction.Decline) is { } refused)
        {
            return refused;
        }

        if ((RequireAssigned(engineerId) ?? TicketRefusal.ForMissingReason(reason)) is { } invalid)
        {
            return invalid;
        }

        assignments.Clear();
        return Commit(now, actor, TicketAction.Decline, engineerId: engineerId, note: reason);
    }

    /// <summary>接单: the engineer takes the ticket and agrees a visit time with the customer; the first response.</summary>
    public Result<TicketEvent> Accept(DateTime now, TicketActor actor, int engineerId, DateTime? agreedVisitAtUtc)
    {
        if (Refuse(now, actor, TicketAction.Accept) is { } refused)
        {
            return refused;
        }

        if (RequireAssigned(engineerId) is { } invalid)
        {
            return invalid;
        }

        FirstResponseAtUtc ??= now;
        AgreedVisitAtUtc = agreedVisitAtUtc;
        return Commit(now, actor, TicketAction.Accept, engineerId: engineerId);
    }

    public Result<TicketEvent> StartTravel(DateTime now, TicketActor actor) =>
        Refuse(now, actor, TicketAction.StartTravel) is { } refused ? refused : Commit(now, actor, TicketAction.StartTravel);

    /// <summary>到场. The first arrival is what the on-site service level measures.</summary>
    public Result<TicketEvent> Arrive(DateTime now, TicketActor actor)
    {
        if (Refuse(now, actor, TicketAction.Arrive) is { } refused)
        {
            return refused;
        }

        ArrivedAtUtc ??= now;
        return Commit(now, actor, TicketAction.Arrive);
    }

    /// <summary>听/看/查 done; the findings themselves belong in the service report.</summary>
    public Result<TicketEvent> Diagnose(DateTime now, TicketActor actor, string? note) =>
        (Refuse(now, actor, TicketAction.Diagnose) ?? NoteTooLong(note)) is { } refused
            ? refused
            : Commit(now, actor, TicketAction.Diagnose, note: note);

    /// <summary>处理完毕: the resolution time the service level measures.</summary>
    public Result<TicketEvent> Resolve(DateTime now, TicketActor actor, string? note)
    {
        if ((Refuse(now, actor, TicketAction.Resolve) ?? NoteTooLong(note)) is { } refused)
        {
            return refused;
        }

        ResolvedAtUtc = now;
        return Commit(now, actor, TicketAction.Resolve, note: note);
    }

    /// <summary>
    /// 远程解决 (R-TKT-7): solved by phone or remote connection without a visit. What was done is required — it is the only
    /// record of the work until the report is written — and the resolution time is measured against the remote target.
    /// </summary>
    public Result<TicketEvent> ResolveRemotely(DateTime now, TicketActor actor, RemoteMethod? method, string? note)
    {
        if ((Refuse(now, actor, TicketAction.ResolveRemotely) ?? NoteTooLong(note)) is { } refused)
        {
            return refused;
        }

        var errors = new FieldErrors();
        if (method is not { } m || !Enum.IsDefined(m))
        {
            errors.Add("remoteMethod", method is null ? "required" : "invalid",
                $"remoteMethod must be one of: {string.Join(", ", Enum.GetNames<RemoteMethod>())}.");
        }

        errors.RequiredText("note", note?.Trim(), NoteMaxLength);
        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        ResolvedAtUtc = now;
        RemoteMethod = method;
        return Commit(now, actor, TicketAction.ResolveRemotely, note: note);
    }

    /// <summary>
    /// Saves the engineer's draft of the service report (replacing the previous draft). Allowed from arrival on site
    /// until the customer signs; after a rejection at approval it starts the next revision.
    /// </summary>
    public Result<ServiceReport> RecordReport(DateTime now, TicketActor actor, ServiceReportContent content)
    {
        RequireUtc(now);
        ArgumentNullException.ThrowIfNull(actor);
        var current = Report;
        if (current is { IsSigned: true, IsRejected: false })
        {
            return TicketRefusal.ForReportSigned(current.Revision);
        }

        if (!WorkCanBeRecorded)
        {
            return TicketRefusal.ForReportNotEditable(Status);
        }

        if (OutOfOrder(now) is { } outOfOrder)
        {
            return outOfOrder;
        }

        var errors = ServiceReport.Check(content);
        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        if (current is null || current.IsRejected)
        {
            current = ServiceReport.Start((current?.Revision ?? 0) + 1);
            reports.Add(current);
        }

        current.Record(content, now, actor);
        return current;
    }

    /// <summary>客户签字确认: only once findings and work done are recorded; from then on the report is immutable.</summary>
    public Result<TicketEvent> SignReport(DateTime now, TicketActor actor, CustomerSignature signature)
    {
        if (Refuse(now, actor, TicketAction.SignReport) is { } refused)
        {
            return refused;
        }

        var errors = new FieldErrors();
        errors.RequiredText("attachmentId", signature?.AttachmentId, ServiceReport.AttachmentIdMaxLength);
        errors.RequiredText("signerName", signature?.SignerName, ServiceReport.SignerNameMaxLength);
        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        var report = Report;
        if (report is null || report.IsRejected || !report.IsWorkRecorded)
        {
            return TicketRefusal.ForWorkNotRecorded(report?.IsRejected ?? false);
        }

        report.Sign(signature!, now);
        ReportSignedAtUtc ??= now;
        return Commit(now, actor, TicketAction.SignReport, note: signature!.SignerName);
    }

    /// <summary>领导审批 by the actor, who must be staff and not one of the engineers whose work it is.</summary>
    public Result<TicketEvent> ApproveReport(DateTime now, TicketActor actor, string? comment)
    {
        if ((Refuse(now, actor, TicketAction.ApproveReport) ?? NoteTooLong(comment, "comment") ?? CheckApprover(actor)) is { } refused)
        {
            return refused;
        }

        Report!.Approve(actor.PersonId!.Value, now, comment);
        return Commit(now, actor, TicketAction.ApproveReport, note: comment);
    }

    /// <summary>The leader sends the signed report back; it stays as signed, and a new revision must be recorded.</summary>
    public Result<TicketEvent> RejectReport(DateTime now, TicketActor actor, string reason)
    {
        if ((Refuse(now, actor, TicketAction.RejectReport) ?? TicketRefusal.ForMissingReason(reason) ?? CheckApprover(actor)) is { } refused)
        {
            return refused;
        }

        Report!.Reject(actor.PersonId!.Value, now, reason);
        return Commit(now, actor, TicketAction.RejectReport, note: reason);
    }

    /// <summary>Adds a correction to the latest signed report, at any later time (R-TKT-4).</summary>
    public Result<ServiceReportAmendment> AmendReport(DateTime now, TicketActor actor, string text)
    {
        RequireUtc(now);
        ArgumentNullException.ThrowIfNull(actor);
        var signed = reports.Where(r => r.IsSigned).MaxBy(r => r.Revision);
        if (signed is null)
        {
            return TicketRefusal.ForReportNotSigned();
        }

        if (OutOfOrder(now) is { } outOfOrder)
        {
            return outOfOrder;
        }

        var errors = new FieldErrors();
        errors.RequiredText("text", text?.Trim(), ServiceReport.TextMaxLength);
        return errors.Any ? errors.ToRefusal() : signed.Amend(text!, now, actor);
    }

    /// <summary>结案, after the leader approved the signed report; the follow-up becomes due at <paramref name="followUpDueUtc"/>.</summary>
    public Result<TicketEvent> Close(DateTime now, TicketActor actor, DateTime? followUpDueUtc = null)
    {
        if (followUpDueUtc is { } due && (due.Kind != DateTimeKind.Utc || due < now))
        {
            throw new ArgumentOutOfRangeException(nameof(followUpDueUtc), due, "The follow-up is due at a UTC instant not before the closing.");
        }

        if (Refuse(now, actor, TicketAction.Close) is { } refused)
        {
            return refused;
        }

        // The table only reaches ReportApproved through approval; this guards rows changed outside the domain.
        if (Report is not { IsApproved: true, IsRejected: false })
        {
            return TicketRefusal.ForReportNotApproved();
        }

        ClosedAtUtc = now;
        FollowUpDueAtUtc = followUpDueUtc;
        return Commit(now, actor, TicketAction.Close);
    }

    /// <summary>回访 done; the survey answers themselves live with the survey (R-CMP-2).</summary>
    public Result<TicketEvent> RecordFollowUp(DateTime now, TicketActor actor, string? note) =>
        (Refuse(now, actor, TicketAction.RecordFollowUp) ?? NoteTooLong(note)) is { } refused
            ? refused
            : Commit(now, actor, TicketAction.RecordFollowUp, note: note);

    /// <summary>较大问题上报: flags the ticket for the leader; the work goes on in the same status.</summary>
    public Result<TicketEvent> Escalate(DateTime now, TicketActor actor, string reason)
    {
        if ((Refuse(now, actor, TicketAction.Escalate) ?? TicketRefusal.ForMissingReason(reason)) is { } refused)
        {
            return refused;
        }

        IsEscalated = true;
        return Commit(now, actor, TicketAction.Escalate, note: reason);
    }

    /// <summary>需与配套厂家联系: the clock pauses until the supplier replies (R-SLA-3).</summary>
    public Result<TicketEvent> TransferToSupplier(DateTime now, TicketActor actor, string reason) =>
        (Refuse(now, actor, TicketAction.TransferToSupplier) ?? TicketRefusal.ForMissingReason(reason)) is { } refused
            ? refused
            : Commit(now, actor, TicketAction.TransferToSupplier, note: reason);

    public Result<TicketEvent> SupplierReplied(DateTime now, TicketActor actor, string? note) =>
        (Refuse(now, actor, TicketAction.SupplierReplied) ?? NoteTooLong(note)) is { } refused
            ? refused
            : Commit(now, actor, TicketAction.SupplierReplied, note: note);

    /// <summary>The clock pauses until the customer responds (R-SLA-3).</summary>
    public Result<TicketEvent> WaitForCustomer(DateTime now, TicketActor actor, string reason) =>
        (Refuse(now, actor, TicketAction.WaitForCustomer) ?? TicketRefusal.ForMissingReason(reason)) is { } refused
            ? refused
            : Commit(now, actor, TicketAction.WaitForCustomer, note: reason);

    public Result<TicketEvent> CustomerResponded(DateTime now, TicketActor actor, string? note) =>
        (Refuse(now, actor, TicketAction.CustomerResponded) ?? NoteTooLong(note)) is { } refused
            ? refused
            : Commit(now, actor, TicketAction.CustomerResponded, note: note);

    public Result<TicketEvent> Cancel(DateTime now, TicketActor actor, string reason) =>
        (Refuse(now, actor, TicketAction.Cancel) ?? TicketRefusal.ForMissingReason(reason)) is { } refused
            ? refused
            : Commit(now, actor, TicketAction.Cancel, note: reason);

    /// <summary>
    /// The fault came back (repeat fault): returns a new ticket for the same customer and unit, linked to this one.
    /// This ticket keeps its status and measurements and only records that it was reopened.
    /// </summary>
    public Result<ServiceTicket> Reopen(DateTime now, TicketActor actor, string newNumber, string faultDescription)
    {
        if (Refuse(now, actor, TicketAction.Reopen) is { } refused)
        {
            return refused;
        }

        var errors = new FieldErrors();
        errors.RequiredText("newNumber", newNumber?.Trim(), NumberMaxLength);
        errors.RequiredText("faultDescription", faultDescription?.Trim(), FaultDescriptionMaxLength);
        if (newNumber is not null && string.Equals(newNumber.Trim(), Number, StringComparison.Ordinal))
        {
            errors.Add("newNumber", "same_number", "newNumber must differ from the original ticket's number.");
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        // Warranty and running time are left to be checked again: both may have changed since the first visit.
        var repeat = new ServiceTicket
        {
            Number = newNumber!.Trim(),
            CustomerId = CustomerId,
            ContactName = ContactName,
            ContactPhone = ContactPhone,
            SiteAddress = SiteAddress,
            DistanceKm = DistanceKm,
            ProductModelId = ProductModelId,
            SerialNumber = SerialNumber,
            FaultCategory = FaultCategory,
            FaultDescription = faultDescription!.Trim(),
            Urgency = Urgency,
            Channel = Channel,
            OriginalTicketId = Id,
            OriginalTicketNumber = Number,
        };
        repeat.MarkReported(now, actor);
        Commit(now, actor, TicketAction.Reopen, note: repeat.Number);
        return repeat;
    }

    private bool WorkCanBeRecorded =>
        IsWorkStatus(Status) || (TicketTransitions.IsWaiting(Status) && ReturnStatus is { } back && IsWorkStatus(back));

    private static bool IsWorkStatus(TicketStatus s) => s is TicketStatus.OnSite or TicketStatus.Diagnosed or TicketStatus.Resolved;

    private void MarkReported(DateTime now, TicketActor actor)
    {
        Status = TicketStatus.Reported;
        ReportedAtUtc = now;
        ReportedByPersonId = actor.PersonId;
        ReportedByUserName = actor.UserName;
    }

    /// <summary>The checks every action shares: the lifecycle table, then time order.</summary>
    private Refusal? Refuse(DateTime now, TicketActor actor, TicketAction action)
    {
        RequireUtc(now);
        ArgumentNullException.ThrowIfNull(actor);
        return TicketTransitions.IsAllowed(Status, action)
            ? OutOfOrder(now)
            : TicketRefusal.ForInvalidTransition(Status, action);
    }

    private Refusal? OutOfOrder(DateTime now)
    {
        var last = LastStepAtUtc;
        return now < last ? TicketRefusal.ForTimeOutOfOrder(now, last) : null;
    }

    private Refusal? RequireAssigned(int engineerId) =>
        IsAssigned(engineerId)
            ? null
            : Refusal.Invalid("engineerId", TicketRefusal.EngineerNotAssigned, $"Engineer {engineerId} is not assigned to this ticket.");

    private Refusal? CheckApprover(TicketActor actor)
    {
        if (actor.PersonId is not { } approverId)
        {
            return TicketRefusal.ForApproverNotStaff();
        }

        if (IsAssigned(approverId))
        {
            return TicketRefusal.ForApproverIsAssignedEngineer(approverId);
        }

        // ReportSigned is reached only by signing; this guards rows changed outside the domain.
        return Report is { IsSigned: true, IsRejected: false } ? null : TicketRefusal.ForReportNotSigned();
    }

    private static Refusal? NoteTooLong(string? note, string field = "note") =>
        note is not null && note.Trim().Length > NoteMaxLength
            ? Refusal.Invalid(field, "too_long", $"{field} must be at most {NoteMaxLength} characters.")
            : null;

    /// <summary>Moves the ticket per the table and appends the event; called only after every check passed.</summary>
    private TicketEvent Commit(DateTime now, TicketActor actor, TicketAction action, int? engineerId = null, string? note = null)
    {
        var from = Status;
        var to = TicketTransitions.Next(from, action, ReturnStatus)
            ?? throw new InvalidOperationException($"Ticket {Number} is {from} with no status to return to.");
        if (!TicketTransitions.IsWaiting(to))
        {
            ReturnStatus = null;
        }
        else if (!TicketTransitions.IsWaiting(from))
        {
            ReturnStatus = from;
        }

        Status = to;
        var sequence = events.Count == 0 ? 1 : events.Max(e => e.Sequence) + 1;
        var e = new TicketEvent(sequence, now, actor, action, from, to, engineerId, Clean(note));
        events.Add(e);
        return e;
    }

    private static void RequireUtc(DateTime now)
    {
        if (now.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException("Ticket times are UTC instants; pass TimeProvider.GetUtcNow().UtcDateTime.", nameof(now));
        }
    }

    private static void PositiveIdIfAny(FieldErrors errors, string field, int? id)
    {
        if (id <= 0)
        {
            errors.Add(field, "invalid", $"{field} must be an existing id.");
        }
    }

    private static void Defined<TEnum>(FieldErrors errors, string field, TEnum value)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            errors.Add(field, "invalid", $"{field} must be one of: {string.Join(", ", Enum.GetNames<TEnum>())}.");
        }
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>What the specialist records when a ticket is reported (R-TKT-2).</summary>
public sealed record TicketDetails(
    int CustomerId,
    string ContactName,
    string ContactPhone,
    string? SiteAddress,
    decimal DistanceKm,
    int? ProductModelId,
    string? SerialNumber,
    decimal? RunningHours,
    decimal? MileageKm,
    FaultCategory FaultCategory,
    string FaultDescription,
    Urgency Urgency,
    IntakeChannel Channel,
    int? ContactLogEntryId);

/// <summary>An engineer dispatched to a ticket.</summary>
public sealed class TicketAssignment
{
    private TicketAssignment()
    {
    }

    internal TicketAssignment(int engineerId, bool isLead, DateTime assignedAtUtc)
    {
        EngineerId = engineerId;
        IsLead = isLead;
        AssignedAtUtc = assignedAtUtc;
    }

    public int Id { get; private set; }
    public int EngineerId { get; private set; }
    public bool IsLead { get; private set; }
    public DateTime AssignedAtUtc { get; private set; }
}
