using ServiceMark.Domain.Common;
using ServiceMark.Domain.Complaints;

namespace ServiceMark.Domain.Tests.Complaints;

[Trait("Rule", "R-CMP-1")]
public sealed class ComplaintTests
{
    private const int Specialist = 11;
    private const int Handler = 12;
    private const int Head = 1;
    private static readonly DateTime T0 = new(2026, 4, 1, 2, 0, 0, DateTimeKind.Utc);

    private static ComplaintDetails Details(DateTime? deadline = null) => new(
        ComplaintSource.Phone, "郑州公交集团", TicketId: 501, EngineerPersonId: 21, ComplaintCategory.Service,
        ComplaintSeverity.Major, "工程师未按约定时间到场", deadline ?? ComplaintRules.DefaultDeadline(T0));

    private static Complaint NewComplaint() => Complaint.Receive(Details(), Specialist, T0).Value!;

    /// <summary>
    /// Brings a new complaint to <paramref name="status"/> along the normal path; once customer-confirmed the validity is
    /// decided (unless <paramref name="decided"/> is false), so that closing is possible.
    /// </summary>
    private static Complaint At(ComplaintStatus status, bool decided = true)
    {
        var c = NewComplaint();
        var t = T0;
        var steps = new Func<Refusal?>[]
        {
            () => c.Assign(Handler, Specialist, t = t.AddHours(1)),
            () => c.StartInvestigation(Handler, t = t.AddHours(1)),
            () => c.Resolve("约定时间未同步给工程师", "派工时短信通知工程师与客户", 0m, Handler, t = t.AddHours(1)),
            () => c.ConfirmByCustomer(Specialist, t = t.AddHours(1)),
            () => c.Close(Head, t = t.AddHours(1)),
        };
        foreach (var step in steps.Take((int)status))
        {
            if (decided && c.Status == ComplaintStatus.CustomerConfirmed)
            {
                Assert.Null(c.DecideValidity(true, true, "服务责任", Head, isDepartmentHead: true, t));
            }

            Assert.Null(step());
        }

        if (decided && c.Status == ComplaintStatus.CustomerConfirmed)
        {
            Assert.Null(c.DecideValidity(true, true, "服务责任", Head, isDepartmentHead: true, t));
        }

        Assert.Equal(status, c.Status);
        return c;
    }

    private static Refusal? Apply(Complaint c, ComplaintAction action, DateTime now) => action switch
    {
        ComplaintAction.Assign => c.Assign(Handler, Specialist, now),
        ComplaintAction.StartInvestigation => c.StartInvestigation(Handler, now),
        ComplaintAction.Resolve => c.Resolve("原因", "措施", 100m, Handler, now),
        ComplaintAction.RejectResolution => c.RejectResolution("客户仍不满意", Specialist, now),
        ComplaintAction.ConfirmByCustomer => c.ConfirmByCustomer(Specialist, now),
        ComplaintAction.Close => c.Close(Head, now),
        ComplaintAction.DecideValidity => c.DecideValidity(false, false, "客户误解", Head, isDepartmentHead: true, now),
        ComplaintAction.Edit => c.Edit(Details() with { Severity = ComplaintSeverity.Critical }, Specialist, now),
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    /// <summary>The lifecycle as R-CMP-1 describes it, written out independently of the production table.</summary>
    private static readonly Dictionary<(ComplaintStatus, ComplaintAction), ComplaintStatus> Expected = new()
    {
        [(ComplaintStatus.Received, ComplaintAction.Assign)] = ComplaintStatus.Assigned,
        [(ComplaintStatus.Received, ComplaintAction.Edit)] = ComplaintStatus.Received,
        [(ComplaintStatus.Assigned, ComplaintAction.Assign)] = ComplaintStatus.Assigned,
        [(ComplaintStatus.Assigned, ComplaintAction.StartInvestigation)] = ComplaintStatus.Investigating,
        [(ComplaintStatus.Assigned, ComplaintAction.Edit)] = ComplaintStatus.Assigned,
        [(ComplaintStatus.Investigating, ComplaintAction.Assign)] = ComplaintStatus.Investigating,
        [(ComplaintStatus.Investigating, ComplaintAction.Resolve)] = ComplaintStatus.Resolved,
        [(ComplaintStatus.Investigating, ComplaintAction.DecideValidity)] = ComplaintStatus.Investigating,
        [(ComplaintStatus.Investigating, ComplaintAction.Edit)] = ComplaintStatus.Investigating,
        [(ComplaintStatus.Resolved, ComplaintAction.RejectResolution)] = ComplaintStatus.Investigating,
        [(ComplaintStatus.Resolved, ComplaintAction.ConfirmByCustomer)] = ComplaintStatus.CustomerConfirmed,
        [(ComplaintStatus.Resolved, ComplaintAction.DecideValidity)] = ComplaintStatus.Resolved,
        [(ComplaintStatus.Resolved, ComplaintAction.Edit)] = ComplaintStatus.Resolved,
        [(ComplaintStatus.CustomerConfirmed, ComplaintAction.Close)] = ComplaintStatus.Closed,
        [(ComplaintStatus.CustomerConfirmed, ComplaintAction.DecideValidity)] = ComplaintStatus.CustomerConfirmed,
        [(ComplaintStatus.CustomerConfirmed, ComplaintAction.Edit)] = ComplaintStatus.CustomerConfirmed,
    };

    public static TheoryData<ComplaintStatus, ComplaintAction> EveryStatusAndAction()
    {
        var data = new TheoryData<ComplaintStatus, ComplaintAction>();
        foreach (var s in Enum.GetValues<ComplaintStatus>())
        {
            foreach (var a in Enum.GetValues<ComplaintAction>())
            {
                data.Add(s, a);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStatusAndAction))]
    public void Every_status_and_action_follows_the_lifecycle(ComplaintStatus status, ComplaintAction action)
    {
        var c = At(status);
        var eventsBefore = c.Events.Count;
        var now = T0.AddDays(1);

        var refusal = Apply(c, action, now);

        if (Expected.TryGetValue((status, action), out var next))
        {
            Assert.Null(refusal);
            Assert.Equal(next, c.Status);
            Assert.Equal(eventsBefore + 1, c.Events.Count);
            Assert.Equal(new { At = now, Action = action.ToString(), From = status, To = next },
                new { At = c.Events[^1].AtUtc, c.Events[^1].Action, From = c.Events[^1].FromStatus, To = c.Events[^1].ToStatus });
        }
        else
        {
            Assert.NotNull(refusal);
            Assert.Equal((RefusalKind.Conflict, "invalid_transition"), (refusal.Kind, refusal.Code));
            Assert.Contains(status.ToString(), refusal.Message);
            Assert.Equal(status, c.Status);
            Assert.Equal(eventsBefore, c.Events.Count);
        }
    }

    [Fact]
    public void The_table_allows_exactly_the_expected_pairs()
    {
        foreach (var s in Enum.GetValues<ComplaintStatus>())
        {
            Assert.Equal(Expected.Keys.Where(k => k.Item1 == s).Select(k => k.Item2).Order(), ComplaintTransitions.AllowedActions(s).Order());
        }

        Assert.Empty(ComplaintTransitions.AllowedActions(ComplaintStatus.Closed));
    }

    [Fact]
    public void The_normal_path_leaves_a_complete_history()
    {
        var c = At(ComplaintStatus.Closed);
        Assert.Equal(["Receive", "Assign", "StartInvestigation", "Resolve", "ConfirmByCustomer", "DecideValidity", "Close"],
            c.Events.Select(e => e.Action));
        Assert.Equal(Specialist, c.Events[0].ActorPersonId);
        Assert.Equal(Head, c.Events[^1].ActorPersonId);
        Assert.Equal(c.Events[^1].AtUtc, c.ClosedAtUtc);
        Assert.True(c.Events.Zip(c.Events.Skip(1)).All(p => p.First.AtUtc <= p.Second.AtUtc));
    }

    [Fact]
    public void Receive_checks_every_field()
    {
        var result = Complaint.Receive(
            new ComplaintDetails((ComplaintSource)99, " ", 0, -1, (ComplaintCategory)9, (ComplaintSeverity)9, "", T0), Specialist, T0);
        Assert.False(result.Succeeded);
        Assert.Equal(["source", "complainant", "ticketId", "engineerPersonId", "category", "severity", "description", "deadlineUtc"],
            result.Refusal!.Errors.Select(e => e.Field));
    }

    [Fact]
    public void A_new_complaint_is_received_with_its_facts()
    {
        var c = NewComplaint();
        Assert.Equal((ComplaintStatus.Received, T0, Specialist, T0.AddDays(3)), (c.Status, c.ReceivedAtUtc, c.ReceivedByPersonId, c.DeadlineUtc));
        Assert.Equal((501, 21, ComplaintCategory.Service), (c.TicketId, c.EngineerPersonId, c.Category));
        Assert.Null(c.IsValid);
        Assert.False(c.CountsAgainstPeople);
    }

    [Fact]
    public void Resolve_requires_root_cause_and_corrective_action_and_a_proper_amount()
    {
        var c = At(ComplaintStatus.Investigating);
        var refusal = c.Resolve(" ", "", -1m, Handler, T0.AddHours(5));
        Assert.Equal(["rootCause", "correctiveAction", "compensationAmount"], refusal!.Errors.Select(e => e.Field));
        Assert.Equal(ComplaintStatus.Investigating, c.Status);
        Assert.Equal("too_precise", c.Resolve("a", "b", 1.005m, Handler, T0)!.Errors.Single().Code);

        Assert.Null(c.Resolve(" 约定时间未同步 ", "短信通知", 500m, Handler, T0.AddHours(5)));
        Assert.Equal(("约定时间未同步", "短信通知", 500m), (c.RootCause, c.CorrectiveAction, c.CompensationAmount));
        Assert.Equal("compensation 500.00", c.Events[^1].Note);
    }

    [Fact]
    public void Close_requires_the_validity_decision()
    {
        var c = At(ComplaintStatus.CustomerConfirmed, decided: false);
        var refusal = c.Close(Head, T0.AddDays(1));
        Assert.Equal((RefusalKind.Conflict, "validity_not_decided"), (refusal!.Kind, refusal.Code));
        Assert.Equal(ComplaintStatus.CustomerConfirmed, c.Status);

        Assert.Null(c.DecideValidity(false, false, "客户误解操作说明", Head, isDepartmentHead: true, T0.AddDays(1)));
        Assert.Null(c.Close(Head, T0.AddDays(1)));
    }

    [Theory]
    [InlineData(ComplaintStatus.Received)]
    [InlineData(ComplaintStatus.Assigned)]
    public void Validity_is_decided_only_after_the_investigation_has_started(ComplaintStatus status)
    {
        var c = At(status);
        var refusal = c.DecideValidity(true, true, "服务责任", Head, isDepartmentHead: true, T0.AddHours(4));
        Assert.Equal((RefusalKind.Conflict, "invalid_transition"), (refusal!.Kind, refusal.Code));
        Assert.False(c.ValidityDecided);
    }

    [Fact]
    public void Only_a_department_head_may_decide_validity()
    {
        var c = At(ComplaintStatus.Investigating);
        var refusal = c.DecideValidity(true, true, "服务责任", Handler, isDepartmentHead: false, T0.AddHours(4));
        Assert.Equal(RefusalKind.Forbidden, refusal!.Kind);
        Assert.Null(c.IsValid);
        Assert.DoesNotContain(c.Events, e => e.Action == "DecideValidity");
    }

    [Fact]
    public void The_decision_is_recorded_with_who_when_and_why_and_may_be_revised_until_closed()
    {
        var c = At(ComplaintStatus.Resolved);
        var when = T0.AddHours(6);
        Assert.Null(c.DecideValidity(true, false, "产品质量问题，非服务责任", Head, isDepartmentHead: true, when));
        Assert.Equal((true, false, Head, when, "产品质量问题，非服务责任"),
            (c.IsValid, c.AttributableToService, c.DecidedByPersonId, c.DecidedAtUtc, c.DecisionReason));
        Assert.False(c.CountsAgainstPeople);

        Assert.Null(c.DecideValidity(true, true, "复核：未按约定到场", Head, isDepartmentHead: true, when.AddHours(1)));
        Assert.True(c.CountsAgainstPeople);
        Assert.Contains("was valid=True, attributable=False", c.Events[^1].Note);
    }

    [Fact]
    public void The_decision_needs_a_reason_and_an_invalid_complaint_is_never_attributable()
    {
        var c = At(ComplaintStatus.Investigating);
        Assert.Equal(["reason", "attributableToService"],
            c.DecideValidity(false, true, " ", Head, isDepartmentHead: true, T0.AddHours(3))!.Errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData(null, null, false)]
    [InlineData(false, false, false)]
    [InlineData(true, false, false)]
    [InlineData(true, true, true)]
    public void Only_valid_and_attributable_complaints_count_against_people(bool? valid, bool? attributable, bool counts)
    {
        var c = At(ComplaintStatus.Investigating);
        if (valid is { } v)
        {
            Assert.Null(c.DecideValidity(v, attributable!.Value, "理由", Head, isDepartmentHead: true, T0.AddHours(3)));
        }

        Assert.Equal(counts, c.CountsAgainstPeople);
    }

    [Fact]
    public void Overdue_is_after_the_deadline_and_not_closed()
    {
        var c = At(ComplaintStatus.Investigating);
        Assert.False(c.IsOverdue(c.DeadlineUtc));
        Assert.True(c.IsOverdue(c.DeadlineUtc.AddTicks(1)));

        var closed = At(ComplaintStatus.Closed);
        Assert.False(closed.IsOverdue(closed.DeadlineUtc.AddDays(30)));
    }

    [Fact]
    public void Reassigning_keeps_the_status_and_notes_the_change()
    {
        var c = At(ComplaintStatus.Investigating);
        Assert.Null(c.Assign(99, Head, T0.AddHours(9)));
        Assert.Equal((ComplaintStatus.Investigating, 99), (c.Status, c.AssigneePersonId));
        Assert.Equal($"reassigned from {Handler} to 99", c.Events[^1].Note);
        Assert.Equal("required", c.Assign(0, Head, T0)!.Errors.Single().Code);
    }

    [Fact]
    public void A_rejected_resolution_goes_back_to_investigating_with_the_reason()
    {
        var c = At(ComplaintStatus.Resolved);
        Assert.Equal("reason", c.RejectResolution("", Specialist, T0)!.Errors.Single().Field);
        Assert.Null(c.RejectResolution("客户认为补偿不足", Specialist, T0.AddDays(1)));
        Assert.Equal(ComplaintStatus.Investigating, c.Status);
        Assert.Equal("客户认为补偿不足", c.Events[^1].Note);
    }

    [Fact]
    public void Edit_corrects_the_facts_and_a_new_deadline_must_be_in_the_future()
    {
        var c = At(ComplaintStatus.Assigned);
        var later = T0.AddDays(10);
        Assert.Null(c.Edit(Details() with { Category = ComplaintCategory.ProductQuality }, Specialist, later));
        Assert.Equal(ComplaintCategory.ProductQuality, c.Category);
        Assert.Equal("deadlineUtc", c.Edit(Details(deadline: later.AddTicks(-1)), Specialist, later)!.Errors.Single().Field);
        Assert.Null(c.Edit(Details(deadline: later.AddDays(1)), Specialist, later));
        Assert.Equal(later.AddDays(1), c.DeadlineUtc);
    }
}
