using CsCheck;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Contracts;

namespace ServiceMark.Domain.Tests.Contracts;

/// <summary>维保合同 (R-EXP-2): the state machine exhaustively, the terms, the visit schedule, payments against instalments and the collection rate.</summary>
[Trait("Rule", "R-EXP-2")]
public sealed class MaintenanceContractTests
{
    private static readonly DateTime Now = new(2026, 12, 7, 2, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = new(2026, 12, 7);
    private const int Responsible = 11;
    private const int Head = 3;
    private const int Finance = 25;

    private static ContractTerms Terms(decimal amount = 48_000m, int interval = 3, params InstalmentTerms[] instalments) => new(
        "wb-2027-001", 7, Responsible, new DateOnly(2026, 12, 1), new DateOnly(2027, 1, 1), new DateOnly(2027, 12, 31), amount, interval, 7, [4, 2, 4], instalments.Length > 0
            ? instalments
            : [new(new DateOnly(2027, 1, 15), 24_000m), new(new DateOnly(2027, 7, 15), 24_000m)], "  每季度巡检一次  ");

    private static MaintenanceContract Drafted(ContractTerms? terms = null) => MaintenanceContract.Draft(Now, Head, terms ?? Terms()).Value!;

    private static MaintenanceContract InState(ContractStatus status)
    {
        var c = Drafted();
        switch (status)
        {
            case ContractStatus.Active:
                Assert.Null(c.Activate(Now, Head));
                break;
            case ContractStatus.Terminated:
                Assert.Null(c.Activate(Now, Head));
                Assert.Null(c.Terminate(Now, Head, new DateOnly(2027, 6, 30), "客户设备出售"));
                break;
            case ContractStatus.Cancelled:
                Assert.Null(c.Cancel());
                break;
        }

        return c;
    }

    [Fact]
    public void Every_action_from_every_state_follows_the_table()
    {
        var expected = new Dictionary<(ContractStatus, ContractAction), ContractStatus>
        {
            [(ContractStatus.Draft, ContractAction.Activate)] = ContractStatus.Active,
            [(ContractStatus.Draft, ContractAction.Cancel)] = ContractStatus.Cancelled,
            [(ContractStatus.Active, ContractAction.Terminate)] = ContractStatus.Terminated,
        };
        foreach (var status in Enum.GetValues<ContractStatus>())
        {
            foreach (var action in Enum.GetValues<ContractAction>())
            {
                var c = InState(status);
                var refusal = action switch
                {
                    ContractAction.Activate => c.Activate(Now, Head),
                    ContractAction.Terminate => c.Terminate(Now, Head, new DateOnly(2027, 3, 1), "提前解约"),
                    _ => c.Cancel(),
                };
                if (expected.TryGetValue((status, action), out var to))
                {
                    Assert.Null(refusal);
                    Assert.Equal(to, c.Status);
                }
                else
                {
                    Assert.Equal("invalid_transition", refusal?.Code);
                    Assert.Equal(status, c.Status);
                }

                // Terms change only while drafted; payments are received only by a contract that was in force.
                Assert.Equal(status == ContractStatus.Draft, InState(status).Edit(Terms()) is null);
                Assert.Equal(ContractTransitions.WasInForce(status), InState(status).Receive(100m).Succeeded);
            }
        }
    }

    [Fact]
    public void A_draft_keeps_its_terms_cleaned_and_its_instalments_in_due_order()
    {
        var c = Drafted(Terms(30_000m, 3, new InstalmentTerms(new DateOnly(2027, 7, 1), 10_000m), new InstalmentTerms(new DateOnly(2027, 1, 1), 20_000m)));
        Assert.Equal("WB-2027-001", c.Number);
        Assert.Equal("每季度巡检一次", c.Note);
        Assert.Equal([2, 4], c.UnitIds);
        Assert.Equal([(1, new DateOnly(2027, 1, 1), 20_000m), (2, new DateOnly(2027, 7, 1), 10_000m)], c.Instalments.Select(i => (i.Sequence, i.DueOn, i.Amount)));
        Assert.Equal(30_000m, c.Outstanding);
    }

    [Theory]
    [InlineData("number", "")]
    [InlineData("endsOn", "before start")]
    [InlineData("amount", "0")]
    [InlineData("amount", "0.001")]
    [InlineData("visitIntervalMonths", "13")]
    [InlineData("visitLeadDays", "61")]
    [InlineData("instalments", "sum")]
    [InlineData("instalments", "none")]
    [InlineData("instalments[0].dueOn", "after end")]
    public void Bad_terms_name_their_field(string field, string what)
    {
        var good = Terms();
        var bad = (field, what) switch
        {
            ("number", _) => good with { Number = " " },
            ("endsOn", _) => good with { EndsOn = good.StartsOn },
            ("amount", "0") => good with { Amount = 0m },
            ("amount", _) => good with { Amount = 0.001m },
            ("visitIntervalMonths", _) => good with { VisitIntervalMonths = 13 },
            ("visitLeadDays", _) => good with { VisitLeadDays = 61 },
            ("instalments", "sum") => good with { Amount = 48_000.01m },
            ("instalments", _) => good with { Instalments = [] },
            _ => good with { Instalments = [new(new DateOnly(2028, 1, 1), 48_000m)] },
        };
        var refused = MaintenanceContract.Draft(Now, Head, bad).Refusal;
        Assert.NotNull(refused);
        Assert.Contains(refused.Errors, e => e.Field == field);
    }

    [Fact]
    public void Nobody_puts_in_force_a_contract_they_answer_for()
    {
        var c = Drafted();
        Assert.Equal(SegregationOfDuties.Self, c.Activate(Now, Responsible)?.Code);
        Assert.Equal(ContractStatus.Draft, c.Status);
        Assert.Null(c.Activate(Now, Head));
        Assert.Equal(Head, c.ActivatedById);
    }

    [Fact]
    public void A_termination_says_why_and_falls_within_the_term()
    {
        var c = InState(ContractStatus.Active);
        Assert.Contains(c.Terminate(Now, Head, new DateOnly(2027, 3, 1), " ")!.Errors, e => e.Field == "reason");
        Assert.Contains(c.Terminate(Now, Head, new DateOnly(2028, 3, 1), "x")!.Errors, e => e.Field == "terminatedOn");
        Assert.Null(c.Terminate(Now, Head, new DateOnly(2027, 3, 1), "设备报废"));
        Assert.True(c.IsInForceOn(new DateOnly(2027, 2, 28)));
        Assert.False(c.IsInForceOn(new DateOnly(2027, 3, 1)));
    }

    [Theory]
    [InlineData("2027-01-01", "2027-12-31", 3, "2027-01-01,2027-04-01,2027-07-01,2027-10-01")]
    [InlineData("2027-01-31", "2027-06-30", 1, "2027-01-31,2027-02-28,2027-03-31,2027-04-30,2027-05-31,2027-06-30")]
    [InlineData("2027-01-01", "2027-12-31", 12, "2027-01-01")]
    [InlineData("2027-01-01", "2027-12-31", 0, "")]
    public void Visits_fall_every_interval_from_the_start_while_the_term_lasts(string start, string end, int interval, string expected)
    {
        var dates = VisitSchedule.DueDates(DateOnly.Parse(start), DateOnly.Parse(end), interval);
        Assert.Equal(expected, string.Join(",", dates.Select(d => d.ToString("yyyy-MM-dd"))));
    }

    [Fact]
    public void A_visit_opens_its_lead_days_before_it_is_due_but_not_before_the_term()
    {
        Assert.Equal(new DateOnly(2027, 3, 25), VisitSchedule.OpensOn(new DateOnly(2027, 4, 1), 7, new DateOnly(2027, 1, 1)));
        Assert.Equal(new DateOnly(2027, 1, 1), VisitSchedule.OpensOn(new DateOnly(2027, 1, 1), 7, new DateOnly(2027, 1, 1)));
    }

    [Fact]
    public void A_payment_settles_the_oldest_instalment_first_and_never_more_than_is_owed()
    {
        var c = InState(ContractStatus.Active);
        var first = ContractPayment.Record(c, Now, new DateOnly(2027, 1, 10), Finance, new DateOnly(2027, 1, 10), 30_000m, " 银行回单 0012 ").Value!;
        Assert.Equal([(new DateOnly(2027, 1, 15), 24_000m), (new DateOnly(2027, 7, 15), 6_000m)], first.Allocations.Select(a => (a.DueOn, a.Amount)));
        Assert.Equal("银行回单 0012", first.Reference);
        Assert.Equal(18_000m, c.Outstanding);
        Assert.Equal([0m, 18_000m], c.Instalments.Select(i => i.Outstanding));

        var over = ContractPayment.Record(c, Now, Today, Finance, Today, 18_000.01m, null).Refusal!;
        Assert.Equal("over_collected", Assert.Single(over.Errors).Code);
        Assert.Equal(18_000m, c.Outstanding);
    }

    [Fact]
    public void A_payment_is_not_recorded_by_the_person_it_is_scored_to_nor_dated_in_the_future()
    {
        var c = InState(ContractStatus.Active);
        Assert.Equal(SegregationOfDuties.Self, ContractPayment.Record(c, Now, Today, Responsible, Today, 100m, null).Refusal?.Code);
        Assert.Contains(ContractPayment.Record(c, Now, Today, Finance, Today.AddDays(1), 100m, null).Refusal!.Errors, e => e.Field == "receivedOn");
        Assert.Contains(ContractPayment.Record(c, Now, Today, Finance, Today, 0m, null).Refusal!.Errors, e => e.Field == "amount");
        Assert.Equal(0m, c.Collected);
    }

    [Fact]
    public void Allocations_sum_to_the_payment_and_never_exceed_an_instalment()
    {
        Gen.Select(Gen.Int[1, 5_000_000].Array[1, 6], Gen.Int[0, 100]).Sample((owedFen, percent) =>
        {
            var instalments = owedFen.Select((f, i) => (new DateOnly(2027, 1, 1).AddDays(37 * ((i * 5) % 7)), f / 100m)).ToList();
            var total = instalments.Sum(i => i.Item2);
            var amount = Math.Max(0.01m, Math.Round(total * percent / 100m, 2, MidpointRounding.ToZero));
            var allocated = Receivables.Allocate(instalments, amount).Value!;
            Assert.Equal(amount, allocated.Sum(a => a.Amount));
            Assert.All(allocated, a => Assert.True(a.Amount > 0m && a.Amount <= instalments[a.Index].Item2));

            // Oldest first: an instalment gets money only once every one due before it is settled.
            var last = allocated.Max(a => instalments[a.Index].Item1);
            Assert.All(instalments.Where(i => i.Item1 < last), i =>
                Assert.Equal(i.Item2, allocated.Where(a => instalments[a.Index] == i).Sum(a => a.Amount)));
        });
    }

    [Fact]
    public void The_collection_rate_counts_only_money_paid_by_the_due_date()
    {
        // Worked example: ¥24 000 due and paid on time, ¥24 000 due of which ¥6 000 on time and the rest late, ¥12 000 due unpaid.
        DueInstalment[] due = [new(24_000m, 24_000m), new(24_000m, 6_000m), new(12_000m, 0m)];
        Assert.Equal(50.00m, Receivables.CollectionRate(due));
        Assert.Null(Receivables.CollectionRate([]));
        Assert.Equal(33.33m, Receivables.CollectionRate([new(3m, 1m)]));
    }

    [Theory]
    [InlineData(0, AgeBucket.NotDue)]
    [InlineData(1, AgeBucket.UpTo30)]
    [InlineData(30, AgeBucket.UpTo30)]
    [InlineData(31, AgeBucket.UpTo90)]
    [InlineData(180, AgeBucket.UpTo180)]
    [InlineData(181, AgeBucket.Over180)]
    public void Receivables_age_in_buckets(int days, AgeBucket bucket) => Assert.Equal(bucket, Receivables.Bucket(days));

    [Fact]
    public void An_instalment_is_overdue_by_the_days_past_its_due_date_while_money_is_owed()
    {
        var c = InState(ContractStatus.Active);
        var first = c.Instalments[0];
        Assert.Equal(0, first.DaysOverdue(new DateOnly(2027, 1, 15)));
        Assert.Equal(10, first.DaysOverdue(new DateOnly(2027, 1, 25)));
        ContractPayment.Record(c, Now, new DateOnly(2027, 1, 25), Finance, new DateOnly(2027, 1, 25), 24_000m, null);
        Assert.Equal(0, first.DaysOverdue(new DateOnly(2027, 1, 25)));
        Assert.Contains(first.Invoice(" ", Today)!.Errors, e => e.Field == "invoiceNumber");
        Assert.Null(first.Invoice("No.04471290", new DateOnly(2027, 1, 5)));
        Assert.Equal("No.04471290", first.InvoiceNumber);
    }

    [Fact]
    public void Planned_visits_are_the_schedule_opened_lead_days_ahead()
    {
        var c = InState(ContractStatus.Active);
        var visits = PlannedVisit.For(c).ToList();
        Assert.Equal(4, visits.Count);
        Assert.Equal(new DateOnly(2027, 1, 1), visits[0].OpensOn);
        Assert.Equal(new DateOnly(2027, 3, 25), visits[1].OpensOn);
    }

    [Fact]
    public void A_renewal_is_proposed_for_the_next_term_of_the_same_length_with_the_instalments_as_far_into_it()
    {
        var t = InState(ContractStatus.Active).RenewalTerms(Today);
        Assert.Equal((null, 7, Responsible, Today), (t.Number, t.CustomerId, t.ResponsiblePersonId, t.SignedOn));
        Assert.Equal((new DateOnly(2028, 1, 1), new DateOnly(2028, 12, 31), 48_000m, 3, 7), (t.StartsOn, t.EndsOn, t.Amount, t.VisitIntervalMonths, t.VisitLeadDays));
        Assert.Equal([new(new DateOnly(2028, 1, 15), 24_000m), new InstalmentTerms(new DateOnly(2028, 7, 15), 24_000m)], t.Instalments);
        Assert.Equal([2, 4], t.UnitIds);
        Assert.Empty(MaintenanceContract.Check(t with { Number = "WB-2028-001" }).All);

        // A year from March ends on the last day of February, 29 in a leap year.
        var march = Drafted(Terms() with { StartsOn = new DateOnly(2026, 3, 1), EndsOn = new DateOnly(2027, 2, 28), SignedOn = new DateOnly(2026, 2, 1),
            Instalments = [new(new DateOnly(2026, 3, 31), 48_000m)] });
        Assert.Equal((new DateOnly(2027, 3, 1), new DateOnly(2028, 2, 29)), (march.RenewalTerms(Today).StartsOn, march.RenewalTerms(Today).EndsOn));

        // A term of days, not months, is followed by as many days.
        var days = Drafted(Terms() with { StartsOn = new DateOnly(2027, 1, 1), EndsOn = new DateOnly(2027, 1, 10), Instalments = [new(new DateOnly(2027, 1, 5), 48_000m)] });
        var next = days.RenewalTerms(Today);
        Assert.Equal((new DateOnly(2027, 1, 11), new DateOnly(2027, 1, 20), new DateOnly(2027, 1, 15)), (next.StartsOn, next.EndsOn, next.Instalments!.Single().DueOn));
    }

    [Fact]
    public void A_renewal_renews_a_contract_that_was_in_force_of_its_customer_and_starts_after_it()
    {
        var previous = InState(ContractStatus.Active);
        var renewal = Drafted(previous.RenewalTerms(Today) with { Number = "WB-2028-001" });
        Assert.Null(renewal.Renew(previous));
        Assert.Equal(previous.Id, renewal.RenewsContractId);

        static string[] Codes(Refusal? r) => [.. r!.Errors.Select(e => $"{e.Field}:{e.Code}")];
        Assert.Equal(["renewsContractId:not_in_force"], Codes(Drafted(previous.RenewalTerms(Today) with { Number = "X" }).Renew(InState(ContractStatus.Draft))));
        Assert.Equal(["renewsContractId:not_in_force"], Codes(Drafted(previous.RenewalTerms(Today) with { Number = "X" }).Renew(InState(ContractStatus.Cancelled))));
        Assert.Null(Drafted(previous.RenewalTerms(Today) with { Number = "X" }).Renew(InState(ContractStatus.Terminated)));
        Assert.Equal(["customerId:not_renewed_customer"], Codes(Drafted(previous.RenewalTerms(Today) with { Number = "X", CustomerId = 8 }).Renew(previous)));
        Assert.Equal(["startsOn:before_renewed"], Codes(Drafted(Terms()).Renew(previous)));
    }
}
