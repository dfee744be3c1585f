using ServiceMark.Domain.Common;
using ServiceMark.Domain.Tickets;

namespace ServiceMark.Domain.Tests.Tickets;

/// <summary>What an attempted action produced: the refusal, or (for Reopen) the new ticket.</summary>
internal sealed record Outcome(Refusal? Refusal, ServiceTicket? Reopened)
{
    public static Outcome From<T>(Result<T> result) =>
        new(result.Refusal, result.Value as ServiceTicket);
}

/// <summary>Everything an action may change, in a form that compares by value.</summary>
internal sealed record TicketSnapshot(
    TicketStatus Status,
    TicketStatus? ReturnStatus,
    int EventCount,
    string Assignments,
    bool IsEscalated,
    bool? UnderWarranty,
    string? WarrantyReason,
    FaultCategory FaultCategory,
    Urgency Urgency,
    int? ServiceLevelPolicyId,
    DateTime? FirstResponseAtUtc,
    DateTime? AgreedVisitAtUtc,
    DateTime? ArrivedAtUtc,
    DateTime? ResolvedAtUtc,
    DateTime? ClosedAtUtc,
    RemoteMethod? RemoteMethod,
    string Reports,
    int Version)
{
    public static TicketSnapshot Of(ServiceTicket t) => new(
        t.Status,
        t.ReturnStatus,
        t.Events.Count,
        string.Join(",", t.Assignments.Select(a => $"{a.EngineerId}{(a.IsLead ? "*" : "")}")),
        t.IsEscalated,
        t.UnderWarranty,
        t.WarrantyReason,
        t.FaultCategory,
        t.Urgency,
        t.ServiceLevelPolicyId,
        t.FirstResponseAtUtc,
        t.AgreedVisitAtUtc,
        t.ArrivedAtUtc,
        t.ResolvedAtUtc,
        t.ClosedAtUtc,
        t.RemoteMethod,
        string.Join(";", t.Reports.Select(r =>
            $"{r.Revision}|{r.Findings}|{r.WorkDone}|{r.PartsReplaced.Count}|{r.SignedAtUtc:O}|{r.ApprovedAtUtc:O}|{r.RejectedAtUtc:O}|{r.Amendments.Count}")),
        t.Version);
}

/// <summary>Builds tickets in any status through legal transitions, and performs any action with valid data.</summary>
internal static class TicketBuilder
{
    public static readonly DateTime T0 = new(2026, 11, 25, 1, 30, 0, DateTimeKind.Utc);
    public const int Engineer1 = 11;
    public const int Engineer2 = 12;
    public static readonly TicketActor Specialist = new(5, "specialist");
    public static readonly TicketActor Engineer = new(Engineer1, "engineer");
    public static readonly TicketActor Leader = new(90, "head");

    public static readonly TicketDetails Details = new(
        CustomerId: 7,
        ContactName: "王建国",
        ContactPhone: "13912345678",
        SiteAddress: "郑州市管城区公交三公司停车场",
        DistanceKm: 35.5m,
        ProductModelId: 3,
        SerialNumber: "LZYTBTD69G1012345",
        RunningHours: null,
        MileageKm: 120_450m,
        FaultCategory: FaultCategory.Body,
        FaultDescription: "前门密封条脱落，雨天漏水",
        Urgency: Urgency.Normal,
        Channel: IntakeChannel.Phone,
        ContactLogEntryId: 42);

    public static readonly ServiceReportContent Work = new(
        Findings: "前门密封条老化开裂",
        Cause: "密封条材质老化",
        Responsibility: "质量问题，三包范围内",
        WorkDone: "更换前门密封条，淋水试验无渗漏",
        PartsReplaced: [new ReplacedPartLine(null, "前门密封条", 1, "老化开裂")],
        CompensationAmount: 0m,
        OldPartsReturned: true,
        OldPartsNote: null,
        AdviceGiven: "每月检查车门密封条",
        PaidServiceAmount: 0m,
        PaidServiceApprovalReference: null);

    private static readonly TicketStatus[] HappyPath =
    [
        TicketStatus.Reported, TicketStatus.Registered, TicketStatus.Classified, TicketStatus.Dispatched, TicketStatus.Accepted,
        TicketStatus.Travelling, TicketStatus.OnSite, TicketStatus.Diagnosed, TicketStatus.Resolved, TicketStatus.ReportSigned,
        TicketStatus.ReportApproved, TicketStatus.Closed, TicketStatus.FollowedUp,
    ];

    /// <summary>The actions that lead from Reported to each status, work recorded on arrival where it matters.</summary>
    public static IReadOnlyList<TicketAction> PathTo(TicketStatus status)
    {
        TicketAction[] main =
        [
            TicketAction.Register, TicketAction.Classify, TicketAction.Dispatch, TicketAction.Accept, TicketAction.StartTravel,
            TicketAction.Arrive, TicketAction.Diagnose, TicketAction.Resolve, TicketAction.SignReport, TicketAction.ApproveReport,
            TicketAction.Close, TicketAction.RecordFollowUp,
        ];
        return status switch
        {
            TicketStatus.Cancelled => [TicketAction.Register, TicketAction.Cancel],
            TicketStatus.WaitingForCustomer => [.. PathTo(TicketStatus.Diagnosed), TicketAction.WaitForCustomer],
            TicketStatus.WaitingForSupplier => [.. PathTo(TicketStatus.Diagnosed), TicketAction.TransferToSupplier],
            TicketStatus.InPool => [.. PathTo(TicketStatus.Classified), TicketAction.OfferToPool],
            _ => main[..Array.IndexOf(HappyPath, status)],
        };
    }

    public static ServiceTicket NewTicket(DateTime? at = null) =>
        ServiceTicket.Create(at ?? T0, Specialist, "T202611250001", Details).Value!;

    /// <summary>A ticket in <paramref name="status"/>; with <paramref name="recordWork"/> the report's work is recorded on arrival.</summary>
    public static ServiceTicket InStatus(TicketStatus status, bool recordWork = true)
    {
        var ticket = NewTicket();
        foreach (var action in PathTo(status))
        {
            var outcome = Attempt(ticket, action, Later(ticket));
            Assert.True(outcome.Refusal is null, $"{action} on the way to {status} was refused: {outcome.Refusal}");
            if (action == TicketAction.Arrive && recordWork)
            {
                Assert.True(ticket.RecordReport(Later(ticket), Engineer, Work).Succeeded);
            }
        }

        Assert.Equal(status, ticket.Status);
        return ticket;
    }

    /// <summary>Ten minutes after the ticket's latest step.</summary>
    public static DateTime Later(ServiceTicket ticket) => ticket.LastStepAtUtc.AddMinutes(10);

    /// <summary>Performs <paramref name="action"/> with data that passes every check except the lifecycle's own.</summary>
    public static Outcome Attempt(ServiceTicket t, TicketAction action, DateTime now) => action switch
    {
        TicketAction.Register => Outcome.From(t.Register(now, Specialist, true, "2026-03-01 售出，三包期 2 年")),
        TicketAction.Classify => Outcome.From(t.Classify(now, Specialist, FaultCategory.Body, Urgency.High, 1)),
        TicketAction.Dispatch => Outcome.From(t.Dispatch(now, Specialist, [Engineer1, Engineer2], Engineer1)),
        TicketAction.Decline => Outcome.From(t.Decline(now, Engineer, Engineer1, "在外地处理另一单")),
        TicketAction.Accept => Outcome.From(t.Accept(now, Engineer, Engineer1, now.AddHours(4))),
        TicketAction.StartTravel => Outcome.From(t.StartTravel(now, Engineer)),
        TicketAction.Arrive => Outcome.From(t.Arrive(now, Engineer)),
        TicketAction.Diagnose => Outcome.From(t.Diagnose(now, Engineer, "听/看/查：密封条开裂")),
        TicketAction.Resolve => Outcome.From(t.Resolve(now, Engineer, null)),
        TicketAction.SignReport => Outcome.From(t.SignReport(now, Engineer, new CustomerSignature("sig-attachment-1", "王建国"))),
        TicketAction.ApproveReport => Outcome.From(t.ApproveReport(now, Leader, "同意")),
        TicketAction.RejectReport => Outcome.From(t.RejectReport(now, Leader, "原因分析不完整")),
        TicketAction.Close => Outcome.From(t.Close(now, Leader)),
        TicketAction.RecordFollowUp => Outcome.From(t.RecordFollowUp(now, Specialist, "客户满意")),
        TicketAction.Escalate => Outcome.From(t.Escalate(now, Specialist, "车队 10 辆车停运")),
        TicketAction.TransferToSupplier => Outcome.From(t.TransferToSupplier(now, Engineer, "发动机 ECU 故障，需配套厂家处理")),
        TicketAction.SupplierReplied => Outcome.From(t.SupplierReplied(now, Engineer, "厂家已寄出 ECU")),
        TicketAction.WaitForCustomer => Outcome.From(t.WaitForCustomer(now, Engineer, "车辆出车，周一回场")),
        TicketAction.CustomerResponded => Outcome.From(t.CustomerResponded(now, Specialist, null)),
        TicketAction.Cancel => Outcome.From(t.Cancel(now, Specialist, "重复报修")),
        TicketAction.Reopen => Outcome.From(t.Reopen(now, Specialist, "T202612010001", "前门再次漏水")),
        TicketAction.OfferToPool => Outcome.From(t.OfferToPool(now, Specialist, 4)),
        TicketAction.TakeFromPool => Outcome.From(t.TakeFromPool(now, Engineer, Engineer1)),
        TicketAction.ResolveRemotely => Outcome.From(t.ResolveRemotely(now, Engineer, RemoteMethod.Phone, "电话指导客户复位车门控制器，车门恢复正常")),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    /// <summary>
    /// Performs <paramref name="action"/> with data its own checks refuse; actions that take no data are performed
    /// as with <see cref="Attempt"/>. Returns whether the action has data to get wrong.
    /// </summary>
    public static (Outcome Outcome, bool HasData) AttemptWithBadData(ServiceTicket t, TicketAction action, DateTime now)
    {
        var tooLong = new string('x', ServiceTicket.NoteMaxLength + 1);
        Outcome? outcome = action switch
        {
            TicketAction.Register => Outcome.From(t.Register(now, Specialist, true, null)),
            TicketAction.Classify => Outcome.From(t.Classify(now, Specialist, (FaultCategory)99, Urgency.High, null)),
            TicketAction.Dispatch => Outcome.From(t.Dispatch(now, Specialist, [], null)),
            TicketAction.Decline => Outcome.From(t.Decline(now, Engineer, Engineer1, "")),
            TicketAction.Accept => Outcome.From(t.Accept(now, Engineer, 999, null)),
            TicketAction.Diagnose => Outcome.From(t.Diagnose(now, Engineer, tooLong)),
            TicketAction.Resolve => Outcome.From(t.Resolve(now, Engineer, tooLong)),
            TicketAction.SignReport => Outcome.From(t.SignReport(now, Engineer, new CustomerSignature("sig", " "))),
            TicketAction.ApproveReport => Outcome.From(t.ApproveReport(now, new TicketActor(null, "admin"), null)),
            TicketAction.RejectReport => Outcome.From(t.RejectReport(now, Leader, " ")),
            TicketAction.RecordFollowUp => Outcome.From(t.RecordFollowUp(now, Specialist, tooLong)),
            TicketAction.Escalate => Outcome.From(t.Escalate(now, Specialist, "")),
            TicketAction.TransferToSupplier => Outcome.From(t.TransferToSupplier(now, Engineer, " ")),
            TicketAction.SupplierReplied => Outcome.From(t.SupplierReplied(now, Engineer, tooLong)),
            TicketAction.WaitForCustomer => Outcome.From(t.WaitForCustomer(now, Engineer, "")),
            TicketAction.CustomerResponded => Outcome.From(t.CustomerResponded(now, Specialist, tooLong)),
            TicketAction.Cancel => Outcome.From(t.Cancel(now, Specialist, null!)),
            TicketAction.Reopen => Outcome.From(t.Reopen(now, Specialist, "", "再次漏水")),
            TicketAction.OfferToPool => Outcome.From(t.OfferToPool(now, Specialist, 0)),
            TicketAction.TakeFromPool => Outcome.From(t.TakeFromPool(now, Engineer, 0)),
            TicketAction.ResolveRemotely => Outcome.From(t.ResolveRemotely(now, Engineer, null, "电话指导")),
            _ => null,
        };
        return outcome is null ? (Attempt(t, action, now), false) : (outcome, true);
    }
}
