using ServiceMark.Domain.Installations;

namespace ServiceMark.Domain.Tests.Installations;

/// <summary>安装调试计划 (R-EXP-3): the state machine exhaustively, the terms, the crew led by the person answering for it, and on time.</summary>
[Trait("Rule", "R-EXP-3")]
public sealed class InstallationPlanTests
{
    private static readonly DateTime Now = new(2026, 12, 7, 2, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Start = new(2026, 12, 10);
    private const int Lead = 11;

    private static InstallationTerms Terms(int[]? units = null, int days = 3, int[]? crew = null, string? note = " 带调试仪 ") =>
        new(1, units ?? [5, 3, 5], Start, Start.AddDays(days), Lead, crew ?? [17, Lead, 17], note);

    private static InstallationPlan Planned() => InstallationPlan.Plan(Now, 8, Terms()).Value!;

    public static TheoryData<InstallationStatus, InstallationAction> Pairs()
    {
        var data = new TheoryData<InstallationStatus, InstallationAction>();
        foreach (var s in Enum.GetValues<InstallationStatus>())
        {
            foreach (var a in Enum.GetValues<InstallationAction>())
            {
                data.Add(s, a);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Only_a_planned_plan_is_edited_released_or_cancelled(InstallationStatus from, InstallationAction action)
    {
        InstallationStatus? expected = (from, action) switch
        {
            (InstallationStatus.Planned, InstallationAction.Edit) => InstallationStatus.Planned,
            (InstallationStatus.Planned, InstallationAction.Release) => InstallationStatus.Released,
            (InstallationStatus.Planned, InstallationAction.Cancel) => InstallationStatus.Cancelled,
            _ => null,
        };
        Assert.Equal(expected, InstallationTransitions.Next(from, action));
    }

    [Fact]
    public void A_plan_keeps_its_units_once_and_its_lead_first_in_the_crew()
    {
        var plan = Planned();
        Assert.Equal([3, 5], plan.UnitIds);
        Assert.Equal([Lead, 17], plan.EngineerIds);
        Assert.Equal("带调试仪", plan.Note);
        Assert.Equal("installation-0", plan.TicketKey);
    }

    [Fact]
    public void Terms_name_their_fields()
    {
        var bad = InstallationPlan.Plan(Now, 8, Terms(units: [], days: -1, crew: [.. Enumerable.Range(100, 10)], note: new string('x', 501)));
        Assert.Equal(["note", "unitIds", "plannedFinish", "engineerIds"], bad.Refusal!.Errors.Select(e => e.Field));
        Assert.Equal("plannedFinish", Assert.Single(InstallationPlan.Plan(Now, 8, Terms(days: 91)).Refusal!.Errors).Field);
    }

    [Fact]
    public void Released_it_keeps_its_ticket_and_terms_and_cancelled_it_says_why()
    {
        var plan = Planned();
        Assert.Null(plan.Release(Now, 8, 42));
        Assert.Equal((InstallationStatus.Released, 42), (plan.Status, plan.TicketId));
        Assert.Equal("invalid_transition", plan.Edit(Terms())!.Code);
        Assert.Equal("invalid_transition", plan.Cancel("客户推迟")!.Code);

        var other = Planned();
        Assert.Equal("reason", Assert.Single(other.Cancel(" ")!.Errors).Field);
        Assert.Null(other.Cancel("客户推迟"));
        Assert.Equal("invalid_transition", other.Release(Now, 8, 43)!.Code);
    }

    [Fact]
    public void It_is_on_time_when_the_report_was_signed_by_the_planned_finish()
    {
        var plan = Planned();
        Assert.True(plan.CommissionedOnTime(Start.AddDays(3)));
        Assert.False(plan.CommissionedOnTime(Start.AddDays(4)));
        Assert.False(plan.CommissionedOnTime(null));
    }
}
