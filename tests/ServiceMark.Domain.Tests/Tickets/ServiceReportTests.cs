using ServiceMark.Domain.Common;
using ServiceMark.Domain.Tickets;
using static ServiceMark.Domain.Tests.Tickets.TicketBuilder;
using static ServiceMark.Domain.Tests.Tickets.TicketGuardTests;

namespace ServiceMark.Domain.Tests.Tickets;

[Trait("Rule", "R-TKT-4")]
public sealed class ServiceReportTests
{
    private static readonly CustomerSignature Signature = new("sig-attachment-1", "王建国");

    [Fact]
    public void The_customer_cannot_sign_before_the_work_is_recorded()
    {
        var ticket = InStatus(TicketStatus.Resolved, recordWork: false);
        var before = TicketSnapshot.Of(ticket);

        var refusal = ticket.SignReport(Later(ticket), Engineer, Signature).Refusal;

        Assert.Equal((RefusalKind.Conflict, TicketRefusal.WorkNotRecorded), (refusal?.Kind, refusal?.Code));
        Assert.Equal(before, TicketSnapshot.Of(ticket));
    }

    [Theory]
    [InlineData("已检查", null)]
    [InlineData(null, "已更换")]
    [InlineData(" ", "已更换")]
    public void Findings_and_work_done_are_both_needed_before_signing(string? findings, string? workDone)
    {
        var ticket = InStatus(TicketStatus.Resolved, recordWork: false);
        Assert.True(ticket.RecordReport(Later(ticket), Engineer, Work with { Findings = findings, WorkDone = workDone }).Succeeded);

        Assert.False(ticket.Report!.IsWorkRecorded);
        Assert.Equal(TicketRefusal.WorkNotRecorded, ticket.SignReport(Later(ticket), Engineer, Signature).Refusal?.Code);
        Assert.Equal(TicketStatus.Resolved, ticket.Status);
    }

    [Fact]
    public void Signing_records_who_signed_when_and_the_signature_image()
    {
        var ticket = InStatus(TicketStatus.Resolved);
        var now = Later(ticket);

        Assert.True(ticket.SignReport(now, Engineer, Signature).Succeeded);

        var report = ticket.Report!;
        Assert.Equal(("sig-attachment-1", "王建国", (DateTime?)now), (report.SignatureAttachmentId, report.SignerName, report.SignedAtUtc));
        Assert.Equal(TicketStatus.ReportSigned, ticket.Status);
    }

    [Fact]
    public void A_signature_needs_the_image_and_the_signer()
    {
        var ticket = InStatus(TicketStatus.Resolved);

        var refusal = ticket.SignReport(Later(ticket), Engineer, new CustomerSignature("", " ")).Refusal;

        AssertInvalid(refusal, "attachmentId", "required");
        AssertInvalid(refusal, "signerName", "required");
        Assert.False(ticket.Report!.IsSigned);
    }

    [Theory]
    [InlineData(TicketStatus.ReportSigned)]
    [InlineData(TicketStatus.ReportApproved)]
    [InlineData(TicketStatus.Closed)]
    public void A_signed_report_cannot_be_edited(TicketStatus status)
    {
        var ticket = InStatus(status);
        var before = TicketSnapshot.Of(ticket);

        var refusal = ticket.RecordReport(Later(ticket), Engineer, Work with { WorkDone = "改写后的内容" }).Refusal;

        Assert.Equal((RefusalKind.Conflict, TicketRefusal.ReportSigned), (refusal?.Kind, refusal?.Code));
        Assert.Equal(Work.WorkDone, ticket.Report!.WorkDone);
        Assert.Equal(before, TicketSnapshot.Of(ticket));
    }

    [Fact]
    public void Corrections_to_a_signed_report_are_amendments_beside_the_signed_text()
    {
        var ticket = InStatus(TicketStatus.Closed);
        var now = Later(ticket);

        var amendment = ticket.AmendReport(now, Specialist, "更换件数量应为 2 件").Value!;

        Assert.Equal(("更换件数量应为 2 件", now, Specialist.PersonId, Specialist.UserName),
            (amendment.Text, amendment.AtUtc, amendment.ByPersonId, amendment.ByUserName));
        Assert.Same(amendment, Assert.Single(ticket.Report!.Amendments));
        Assert.Equal(Work.WorkDone, ticket.Report.WorkDone);
        Assert.Equal(TicketStatus.Closed, ticket.Status);
    }

    [Fact]
    public void An_unsigned_draft_is_corrected_by_editing_it_not_by_amendment()
    {
        var ticket = InStatus(TicketStatus.Diagnosed);

        Assert.Equal(TicketRefusal.ReportNotSigned, ticket.AmendReport(Later(ticket), Engineer, "补充").Refusal?.Code);
        AssertInvalid(InStatus(TicketStatus.ReportSigned).AmendReport(T0.AddDays(1), Engineer, " ").Refusal, "text", "required");
    }

    [Theory]
    [InlineData(TicketStatus.Accepted)]
    [InlineData(TicketStatus.Travelling)]
    [InlineData(TicketStatus.Cancelled)]
    public void Work_is_recorded_from_arrival_on_site(TicketStatus status)
    {
        var ticket = InStatus(status);

        var refusal = ticket.RecordReport(Later(ticket), Engineer, Work).Refusal;

        Assert.Equal((RefusalKind.Conflict, TicketRefusal.ReportNotEditable), (refusal?.Kind, refusal?.Code));
        Assert.Null(ticket.Report);
    }

    [Fact]
    public void Work_may_be_recorded_while_waiting_for_a_supplier_after_arrival()
    {
        var ticket = InStatus(TicketStatus.WaitingForSupplier, recordWork: false);
        Assert.True(ticket.RecordReport(Later(ticket), Engineer, Work).Succeeded);
        Assert.Equal(1, ticket.Report!.Revision);
    }

    [Fact]
    public void Saving_a_draft_again_replaces_it()
    {
        var ticket = InStatus(TicketStatus.Diagnosed);

        Assert.True(ticket.RecordReport(Later(ticket), Engineer, Work with { PartsReplaced = [], OldPartsReturned = false }).Succeeded);

        Assert.Empty(ticket.Report!.PartsReplaced);
        Assert.Single(ticket.Reports);
    }

    [Fact]
    public void Close_needs_an_approved_report()
    {
        var ticket = InStatus(TicketStatus.ReportSigned);
        var before = TicketSnapshot.Of(ticket);

        var refusal = ticket.Close(Later(ticket), Leader).Refusal;

        Assert.Equal((RefusalKind.Conflict, TicketRefusal.InvalidTransition), (refusal?.Kind, refusal?.Code));
        Assert.Contains("Allowed now: ApproveReport, RejectReport", refusal!.Message, StringComparison.Ordinal);
        Assert.Equal(before, TicketSnapshot.Of(ticket));
    }

    [Theory]
    [InlineData(Engineer1)]
    [InlineData(Engineer2)]
    public void An_engineer_on_the_ticket_cannot_approve_or_reject_its_report(int engineerId)
    {
        var ticket = InStatus(TicketStatus.ReportSigned);
        var before = TicketSnapshot.Of(ticket);
        var approver = new TicketActor(engineerId, "engineer");

        var approve = ticket.ApproveReport(Later(ticket), approver, "同意").Refusal;
        var reject = ticket.RejectReport(Later(ticket), approver, "不同意").Refusal;

        foreach (var refusal in new[] { approve, reject })
        {
            Assert.Equal((RefusalKind.Forbidden, TicketRefusal.ApproverIsAssignedEngineer), (refusal?.Kind, refusal?.Code));
        }

        Assert.Equal(before, TicketSnapshot.Of(ticket));
    }

    [Fact]
    public void Only_a_member_of_staff_approves()
    {
        var ticket = InStatus(TicketStatus.ReportSigned);

        var refusal = ticket.ApproveReport(Later(ticket), new TicketActor(null, "admin"), null).Refusal;

        Assert.Equal((RefusalKind.Forbidden, TicketRefusal.ApproverNotStaff), (refusal?.Kind, refusal?.Code));
    }

    [Fact]
    public void Approval_records_the_approver_time_and_comment()
    {
        var ticket = InStatus(TicketStatus.ReportSigned);
        var now = Later(ticket);

        Assert.True(ticket.ApproveReport(now, Leader, "同意结案").Succeeded);

        var report = ticket.Report!;
        Assert.Equal((Leader.PersonId, (DateTime?)now, "同意结案"), (report.ApprovedByPersonId, report.ApprovedAtUtc, report.ApprovalComment));
    }

    [Fact]
    public void A_rejected_report_is_kept_and_a_new_revision_is_signed_approved_and_closed()
    {
        var ticket = InStatus(TicketStatus.ReportSigned);
        var first = ticket.Report!;

        Assert.True(ticket.RejectReport(Later(ticket), Leader, "原因分析不完整").Succeeded);
        Assert.Equal(TicketStatus.Resolved, ticket.Status);
        Assert.Equal(TicketRefusal.WorkNotRecorded, ticket.SignReport(Later(ticket), Engineer, Signature).Refusal?.Code);

        Assert.True(ticket.RecordReport(Later(ticket), Engineer, Work with { Cause = "密封条批次质量问题" }).Succeeded);
        Assert.True(ticket.SignReport(Later(ticket), Engineer, Signature).Succeeded);
        Assert.True(ticket.ApproveReport(Later(ticket), Leader, null).Succeeded);
        Assert.True(ticket.Close(Later(ticket), Leader).Succeeded);

        Assert.Equal([1, 2], ticket.Reports.Select(r => r.Revision));
        Assert.Equal(2, ticket.Report!.Revision);
        Assert.True(first is { IsSigned: true, IsRejected: true, IsApproved: false, RejectionReason: "原因分析不完整" });
        Assert.Equal(Work.Cause, first.Cause);
    }

    [Theory]
    [InlineData("partsReplaced[0].quantity", "not_positive")]
    [InlineData("partsReplaced[0].name", "required")]
    [InlineData("partsReplaced[0].reason", "required")]
    [InlineData("compensationAmount", "negative")]
    [InlineData("compensationAmount", "too_precise")]
    [InlineData("paidServiceAmount", "negative")]
    [InlineData("oldPartsNote", "required")]
    [InlineData("findings", "too_long")]
    public void Report_content_is_checked(string field, string code)
    {
        var part = Work.PartsReplaced![0];
        var content = (field, code) switch
        {
            ("partsReplaced[0].quantity", _) => Work with { PartsReplaced = [part with { Quantity = 0 }] },
            ("partsReplaced[0].name", _) => Work with { PartsReplaced = [part with { Name = "" }] },
            ("partsReplaced[0].reason", _) => Work with { PartsReplaced = [part with { Reason = " " }] },
            ("compensationAmount", "negative") => Work with { CompensationAmount = -0.01m },
            ("compensationAmount", _) => Work with { CompensationAmount = 10.005m },
            ("paidServiceAmount", _) => Work with { PaidServiceAmount = -5m },
            ("oldPartsNote", _) => Work with { OldPartsReturned = false, OldPartsNote = null },
            _ => Work with { Findings = new string('x', ServiceReport.TextMaxLength + 1) },
        };

        AssertInvalid(ServiceReport.Check(content).ToRefusal(), field, code);
        var ticket = InStatus(TicketStatus.OnSite, recordWork: false);
        AssertInvalid(ticket.RecordReport(Later(ticket), Engineer, content).Refusal, field, code);
        Assert.Null(ticket.Report);
    }

    [Fact]
    [Trait("Rule", "R-TKT-5")]
    public void Paid_service_needs_the_approval_it_was_charged_under()
    {
        var unapproved = Work with { PaidServiceAmount = 380m, PaidServiceApprovalReference = null };
        AssertInvalid(ServiceReport.Check(unapproved).ToRefusal(), "paidServiceApprovalReference", "required");

        var ticket = InStatus(TicketStatus.Diagnosed);
        var report = ticket.RecordReport(Later(ticket), Engineer, unapproved with { PaidServiceApprovalReference = "YC-2026-118" }).Value!;
        Assert.Equal((380m, "YC-2026-118"), (report.PaidServiceAmount, report.PaidServiceApprovalReference));
    }

    [Fact]
    public void Compensation_may_be_zero_and_old_parts_returned_need_no_note()
    {
        var errors = ServiceReport.Check(Work with { CompensationAmount = 0m, OldPartsReturned = true, OldPartsNote = null });
        Assert.False(errors.Any);
    }
}
