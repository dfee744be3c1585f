using ServiceMark.Domain.Common;
using ServiceMark.Domain.Tickets;
using static ServiceMark.Domain.Tests.Tickets.TicketBuilder;

namespace ServiceMark.Domain.Tests.Tickets;

public sealed class TicketGuardTests
{
    [Theory]
    [Trait("Rule", "R-TKT-3")]
    [InlineData(new int[0], null, "engineerIds", TicketRefusal.NoEngineers)]
    [InlineData(new[] { Engineer1, Engineer2 }, null, "leadId", TicketRefusal.LeadRequired)]
    [InlineData(new[] { Engineer1, Engineer2 }, 99, "leadId", TicketRefusal.LeadNotAssigned)]
    [InlineData(new[] { Engineer1 }, Engineer2, "leadId", TicketRefusal.LeadNotAssigned)]
    [InlineData(new[] { Engineer1, 0 }, Engineer1, "engineerIds", "invalid")]
    public void Dispatch_needs_engineers_and_a_lead_among_them(int[] engineers, int? lead, string field, string code)
    {
        var ticket = InStatus(TicketStatus.Classified);
        var before = TicketSnapshot.Of(ticket);

        var result = ticket.Dispatch(Later(ticket), Specialist, engineers, lead);

        AssertInvalid(result.Refusal, field, code);
        Assert.Equal(before, TicketSnapshot.Of(ticket));
    }

    [Fact]
    [Trait("Rule", "R-TKT-3")]
    public void A_single_engineer_leads_without_being_named_and_repeated_ids_count_once()
    {
        var ticket = InStatus(TicketStatus.Classified);

        Assert.True(ticket.Dispatch(Later(ticket), Specialist, [Engineer2, Engineer2], null).Succeeded);

        var only = Assert.Single(ticket.Assignments);
        Assert.True(only.IsLead);
        Assert.Equal(Engineer2, ticket.LeadEngineerId);
        Assert.Equal(Engineer2, ticket.Events[^1].EngineerId);
    }

    [Fact]
    [Trait("Rule", "R-TKT-3")]
    public void Dispatching_again_before_acceptance_replaces_the_engineers()
    {
        var ticket = InStatus(TicketStatus.Dispatched);

        Assert.True(ticket.Dispatch(Later(ticket), Specialist, [Engineer2, 13], 13).Succeeded);

        Assert.Equal([(Engineer2, false), (13, true)], ticket.Assignments.Select(a => (a.EngineerId, a.IsLead)));
    }

    [Theory]
    [Trait("Rule", "R-TKT-3")]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Decline_needs_a_reason(string? reason)
    {
        var ticket = InStatus(TicketStatus.Dispatched);
        var before = TicketSnapshot.Of(ticket);

        AssertInvalid(ticket.Decline(Later(ticket), Engineer, Engineer1, reason!).Refusal, "reason", TicketRefusal.ReasonRequired);
        Assert.Equal(before, TicketSnapshot.Of(ticket));
    }

    [Fact]
    [Trait("Rule", "R-TKT-3")]
    public void Only_an_assigned_engineer_accepts_or_declines()
    {
        var ticket = InStatus(TicketStatus.Dispatched);
        var before = TicketSnapshot.Of(ticket);

        AssertInvalid(ticket.Accept(Later(ticket), Engineer, 77, null).Refusal, "engineerId", TicketRefusal.EngineerNotAssigned);
        AssertInvalid(ticket.Decline(Later(ticket), Engineer, 77, "忙").Refusal, "engineerId", TicketRefusal.EngineerNotAssigned);
        Assert.Equal(before, TicketSnapshot.Of(ticket));
    }

    [Fact]
    [Trait("Rule", "R-TKT-3")]
    public void Decline_returns_the_ticket_to_the_dispatcher_with_nobody_assigned()
    {
        var ticket = InStatus(TicketStatus.Dispatched);

        var declined = ticket.Decline(Later(ticket), Specialist, Engineer2, "在外地").Value!;

        Assert.Equal(TicketStatus.Classified, ticket.Status);
        Assert.Empty(ticket.Assignments);
        Assert.Equal((Engineer2, "在外地", Specialist.UserName), (declined.EngineerId, declined.Note, declined.ActorUserName));
    }

    [Theory]
    [Trait("Rule", "R-TKT-3")]
    [InlineData(TicketStatus.Accepted, TicketAction.Cancel)]
    [InlineData(TicketStatus.OnSite, TicketAction.Escalate)]
    [InlineData(TicketStatus.Diagnosed, TicketAction.TransferToSupplier)]
    [InlineData(TicketStatus.OnSite, TicketAction.WaitForCustomer)]
    [InlineData(TicketStatus.ReportSigned, TicketAction.RejectReport)]
    public void Cancel_escalate_transfer_wait_and_reject_need_a_reason(TicketStatus status, TicketAction action)
    {
        var ticket = InStatus(status);
        var before = TicketSnapshot.Of(ticket);
        var now = Later(ticket);

        var refusal = action switch
        {
            TicketAction.Cancel => ticket.Cancel(now, Specialist, " ").Refusal,
            TicketAction.Escalate => ticket.Escalate(now, Specialist, "").Refusal,
            TicketAction.TransferToSupplier => ticket.TransferToSupplier(now, Engineer, null!).Refusal,
            TicketAction.WaitForCustomer => ticket.WaitForCustomer(now, Engineer, "\t").Refusal,
            _ => ticket.RejectReport(now, Leader, "").Refusal,
        };

        AssertInvalid(refusal, "reason", TicketRefusal.ReasonRequired);
        Assert.Equal(before, TicketSnapshot.Of(ticket));
    }

    [Fact]
    [Trait("Rule", "R-TKT-3")]
    public void A_reason_longer_than_the_limit_is_refused()
    {
        var ticket = InStatus(TicketStatus.Registered);
        AssertInvalid(ticket.Cancel(Later(ticket), Specialist, new string('x', ServiceTicket.ReasonMaxLength + 1)).Refusal, "reason", "too_long");
    }

    [Fact]
    [Trait("Rule", "R-TKT-3")]
    public void Escalation_keeps_the_status_raises_the_flag_and_may_be_repeated()
    {
        var ticket = InStatus(TicketStatus.OnSite);

        Assert.True(ticket.Escalate(Later(ticket), Engineer, "整车电气故障，需技术部支持").Succeeded);
        Assert.True(ticket.Escalate(Later(ticket), Engineer, "客户要求换车").Succeeded);

        Assert.Equal(TicketStatus.OnSite, ticket.Status);
        Assert.True(ticket.IsEscalated);
        Assert.Equal(2, ticket.Events.Count(e => e.Action == TicketAction.Escalate));
    }

    [Theory]
    [Trait("Rule", "R-SLA-3")]
    [InlineData(TicketStatus.Registered, TicketAction.WaitForCustomer)]
    [InlineData(TicketStatus.Accepted, TicketAction.WaitForCustomer)]
    [InlineData(TicketStatus.Diagnosed, TicketAction.WaitForCustomer)]
    [InlineData(TicketStatus.Classified, TicketAction.TransferToSupplier)]
    [InlineData(TicketStatus.OnSite, TicketAction.TransferToSupplier)]
    public void A_wait_remembers_where_the_ticket_was_and_resuming_returns_there(TicketStatus status, TicketAction wait)
    {
        var ticket = InStatus(status);
        Assert.Null(ticket.ReturnStatus);

        Assert.Null(Attempt(ticket, wait, Later(ticket)).Refusal);
        Assert.True(TicketTransitions.IsWaiting(ticket.Status));
        Assert.Equal(status, ticket.ReturnStatus);

        Assert.True(ticket.Escalate(Later(ticket), Specialist, "等待超时").Succeeded);
        Assert.Equal(status, ticket.ReturnStatus);

        var resume = wait == TicketAction.WaitForCustomer ? TicketAction.CustomerResponded : TicketAction.SupplierReplied;
        Assert.Null(Attempt(ticket, resume, Later(ticket)).Refusal);
        Assert.Equal(status, ticket.Status);
        Assert.Null(ticket.ReturnStatus);
        Assert.Equal((ticket.Events[^3].ToStatus, status), (ticket.Events[^1].FromStatus, ticket.Events[^1].ToStatus));
    }

    [Fact]
    [Trait("Rule", "R-SLA-3")]
    public void Cancelling_while_waiting_forgets_the_return_status()
    {
        var ticket = InStatus(TicketStatus.WaitingForCustomer);

        Assert.True(ticket.Cancel(Later(ticket), Specialist, "客户已自行修复").Succeeded);

        Assert.Equal((TicketStatus.Cancelled, (TicketStatus?)null), (ticket.Status, ticket.ReturnStatus));
    }

    [Fact]
    [Trait("Rule", "R-TKT-3")]
    public void Milestones_are_time_stamped_once_and_the_first_response_is_the_acceptance()
    {
        var ticket = InStatus(TicketStatus.FollowedUp);
        DateTime At(TicketAction a) => ticket.Events.Single(e => e.Action == a).AtUtc;

        Assert.Equal(T0, ticket.ReportedAtUtc);
        Assert.Equal(At(TicketAction.Accept), ticket.FirstResponseAtUtc);
        Assert.Equal(At(TicketAction.Accept).AddHours(4), ticket.AgreedVisitAtUtc);
        Assert.Equal(At(TicketAction.Arrive), ticket.ArrivedAtUtc);
        Assert.Equal(At(TicketAction.Resolve), ticket.ResolvedAtUtc);
        Assert.Equal(At(TicketAction.Close), ticket.ClosedAtUtc);
        Assert.Equal(Enumerable.Range(1, ticket.Events.Count), ticket.Events.Select(e => e.Sequence));
        Assert.All(ticket.Events, e => Assert.False(string.IsNullOrEmpty(e.ActorUserName)));
    }

    [Fact]
    [Trait("Rule", "R-TKT-2")]
    public void Registration_records_the_warranty_check_with_its_reason()
    {
        var ticket = NewTicket();
        var before = TicketSnapshot.Of(ticket);

        AssertInvalid(ticket.Register(Later(ticket), Specialist, false, " ").Refusal, "warrantyReason", "required");
        Assert.Equal(before, TicketSnapshot.Of(ticket));

        Assert.True(ticket.Register(Later(ticket), Specialist, false, "售出于 2022-05-01，三包期已过").Succeeded);
        Assert.Equal((false, "售出于 2022-05-01，三包期已过"), (ticket.UnderWarranty, ticket.WarrantyReason));
    }

    [Fact]
    [Trait("Rule", "R-TKT-2")]
    public void Registration_may_leave_the_warranty_undetermined_when_the_serial_number_is_unknown()
    {
        var ticket = NewTicket();
        Assert.True(ticket.Register(Later(ticket), Specialist, null, null).Succeeded);
        Assert.Null(ticket.UnderWarranty);
    }

    [Fact]
    [Trait("Rule", "R-TKT-3")]
    public void A_step_earlier_than_the_last_one_is_refused_and_changes_nothing()
    {
        var ticket = InStatus(TicketStatus.Registered);
        var before = TicketSnapshot.Of(ticket);

        var refusal = ticket.Cancel(ticket.LastStepAtUtc.AddSeconds(-1), Specialist, "重复报修").Refusal;

        Assert.Equal((RefusalKind.Conflict, TicketRefusal.TimeOutOfOrder), (refusal?.Kind, refusal?.Code));
        Assert.Equal(before, TicketSnapshot.Of(ticket));
        Assert.True(ticket.Cancel(ticket.LastStepAtUtc, Specialist, "重复报修").Succeeded);
    }

    [Fact]
    public void Times_that_are_not_utc_are_a_programming_error()
    {
        var ticket = NewTicket();
        Assert.Throws<ArgumentException>(() => ticket.Register(DateTime.SpecifyKind(Later(ticket), DateTimeKind.Local), Specialist, null, null));
        Assert.Throws<ArgumentException>(() => ServiceTicket.Create(new DateTime(2026, 11, 25), Specialist, "T1", Details));
    }

    [Fact]
    [Trait("Rule", "R-TKT-3")]
    public void Reopen_creates_a_linked_ticket_and_leaves_the_original_closed()
    {
        var original = InStatus(TicketStatus.Closed);
        var before = TicketSnapshot.Of(original);
        var now = Later(original);

        var repeat = original.Reopen(now, Specialist, "T202612010001", "前门再次漏水").Value!;

        Assert.Equal(TicketStatus.Reported, repeat.Status);
        Assert.Equal((original.Id, original.Number), (repeat.OriginalTicketId, repeat.OriginalTicketNumber));
        Assert.Equal(
            (original.CustomerId, original.ProductModelId, original.SerialNumber, original.SiteAddress, original.FaultCategory),
            (repeat.CustomerId, repeat.ProductModelId, repeat.SerialNumber, repeat.SiteAddress, repeat.FaultCategory));
        Assert.Equal(("T202612010001", "前门再次漏水", now), (repeat.Number, repeat.FaultDescription, repeat.ReportedAtUtc));
        Assert.Null(repeat.UnderWarranty);
        Assert.Empty(repeat.Events);
        Assert.Empty(repeat.Assignments);
        Assert.Null(repeat.Report);

        Assert.Equal(before with { EventCount = before.EventCount + 1 }, TicketSnapshot.Of(original));
        var reopened = original.Events[^1];
        Assert.Equal((TicketAction.Reopen, TicketStatus.Closed, TicketStatus.Closed, "T202612010001"),
            (reopened.Action, reopened.FromStatus, reopened.ToStatus, reopened.Note));
    }

    [Fact]
    [Trait("Rule", "R-TKT-3")]
    public void Reopen_needs_a_new_number_and_a_description()
    {
        var original = InStatus(TicketStatus.FollowedUp);
        var before = TicketSnapshot.Of(original);

        var refusal = original.Reopen(Later(original), Specialist, original.Number, " ").Refusal;

        Assert.Equal(["faultDescription:required", "newNumber:same_number"], refusal!.Errors.Select(e => $"{e.Field}:{e.Code}").Order());
        Assert.Equal(before, TicketSnapshot.Of(original));
    }

    [Theory]
    [Trait("Rule", "R-TKT-2")]
    [InlineData("customerId", "required")]
    [InlineData("contactName", "required")]
    [InlineData("siteAddress", "required")]
    [InlineData("distanceKm", "negative")]
    [InlineData("faultDescription", "required")]
    [InlineData("number", "too_long")]
    [InlineData("channel", "invalid")]
    public void Intake_details_are_checked(string field, string code)
    {
        var number = "T202611250001";
        var d = Details;
        switch (field)
        {
            case "customerId": d = d with { CustomerId = 0 }; break;
            case "contactName": d = d with { ContactName = " " }; break;
            case "siteAddress": d = d with { SiteAddress = null }; break;
            case "distanceKm": d = d with { DistanceKm = -1 }; break;
            case "faultDescription": d = d with { FaultDescription = "" }; break;
            case "number": number = new string('T', ServiceTicket.NumberMaxLength + 1); break;
            default: d = d with { Channel = (IntakeChannel)9 }; break;
        }

        AssertInvalid(ServiceTicket.Create(T0, Specialist, number, d).Refusal, field, code);
    }

    [Theory]
    [Trait("Rule", "R-TKT-2")]
    [InlineData(FaultCategory.Consultation, IntakeChannel.Phone)]
    [InlineData(FaultCategory.Body, IntakeChannel.WalkIn)]
    public void Consultations_and_walk_ins_need_no_site_address(FaultCategory category, IntakeChannel channel) =>
        Assert.True(ServiceTicket.Create(T0, Specialist, "T1",
            Details with { SiteAddress = null, FaultCategory = category, Channel = channel }).Succeeded);

    internal static void AssertInvalid(Refusal? refusal, string field, string code)
    {
        Assert.NotNull(refusal);
        Assert.Equal(RefusalKind.Validation, refusal.Kind);
        Assert.Contains(refusal.Errors, e => e.Field == field && e.Code == code);
    }
}
