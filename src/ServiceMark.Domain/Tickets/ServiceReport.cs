using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Tickets;

/// <summary>
/// The service report (服务报告, R-TKT-4/R-TKT-5) the customer signs. It belongs to one ticket and is changed only
/// through <see cref="ServiceTicket"/>, so that signing and approval move the ticket's status in the same step.
/// Once signed it never changes again (forging or altering a signature is grounds for dismissal, seed 001 §3.3.2):
/// later corrections are <see cref="Amendments"/>, and a report rejected at approval is kept and followed by a
/// new revision.
/// </summary>
public sealed class ServiceReport : IVersioned, IAudited
{
    public const int TextMaxLength = 4000;
    public const int PartNameMaxLength = 100;
    public const int PartReasonMaxLength = 500;
    public const int ReferenceMaxLength = 100;
    public const int SignerNameMaxLength = 50;
    public const int AttachmentIdMaxLength = 100;

    private readonly List<ReplacedPart> partsReplaced = [];
    private readonly List<ServiceReportAmendment> amendments = [];

    private ServiceReport()
    {
    }

    public int Id { get; private set; }

    /// <summary>1 for the first report of a ticket; a new revision follows each rejection at approval.</summary>
    public int Revision { get; private set; }

    public string? Findings { get; private set; }
    public string? Cause { get; private set; }
    public string? Responsibility { get; private set; }
    public string? WorkDone { get; private set; }
    public IReadOnlyList<ReplacedPart> PartsReplaced => partsReplaced;
    public decimal CompensationAmount { get; private set; }
    public bool OldPartsReturned { get; private set; }
    public string? OldPartsNote { get; private set; }
    public string? AdviceGiven { get; private set; }

    /// <summary>What the customer pays on site (有偿服务); the only money an engineer may collect (R-TKT-5).</summary>
    public decimal PaidServiceAmount { get; private set; }

    /// <summary>The approval that allowed <see cref="PaidServiceAmount"/> to be charged.</summary>
    public string? PaidServiceApprovalReference { get; private set; }

    public DateTime RecordedAtUtc { get; private set; }
    public int? RecordedByPersonId { get; private set; }
    public string RecordedByUserName { get; private set; } = "";

    /// <summary>The attachment holding the drawn signature or the photo of the signature/stamp.</summary>
    public string? SignatureAttachmentId { get; private set; }

    public string? SignerName { get; private set; }
    public DateTime? SignedAtUtc { get; private set; }

    /// <summary>The signed report bears the customer's company stamp (a commissioning report or a customer opinion, seed 002).</summary>
    public bool CustomerStamped { get; private set; }

    public int? ApprovedByPersonId { get; private set; }
    public DateTime? ApprovedAtUtc { get; private set; }
    public string? ApprovalComment { get; private set; }

    public int? RejectedByPersonId { get; private set; }
    public DateTime? RejectedAtUtc { get; private set; }
    public string? RejectionReason { get; private set; }

    public IReadOnlyList<ServiceReportAmendment> Amendments => amendments;

    public int Version { get; set; }

    /// <summary>Whether there is enough for the customer to sign: findings and work done.</summary>
    public bool IsWorkRecorded => !string.IsNullOrWhiteSpace(Findings) && !string.IsNullOrWhiteSpace(WorkDone);

    public bool IsSigned => SignedAtUtc is not null;
    public bool IsApproved => ApprovedAtUtc is not null;
    public bool IsRejected => RejectedAtUtc is not null;

    /// <summary>
    /// Checks the shape of a draft. Findings and work done may still be empty (a draft is saved as the work goes);
    /// signing is what requires them.
    /// </summary>
    public static FieldErrors Check(ServiceReportContent c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var errors = new FieldErrors();
        errors.MaxLength("findings", c.Findings, TextMaxLength);
        errors.MaxLength("cause", c.Cause, TextMaxLength);
        errors.MaxLength("responsibility", c.Responsibility, TextMaxLength);
        errors.MaxLength("workDone", c.WorkDone, TextMaxLength);
        errors.MaxLength("oldPartsNote", c.OldPartsNote, TextMaxLength);
        errors.MaxLength("adviceGiven", c.AdviceGiven, TextMaxLength);
        errors.MaxLength("paidServiceApprovalReference", c.PaidServiceApprovalReference, ReferenceMaxLength);

        var parts = c.PartsReplaced ?? [];
        for (var i = 0; i < parts.Count; i++)
        {
            var field = $"partsReplaced[{i}]";
            errors.RequiredText($"{field}.name", parts[i].Name, PartNameMaxLength);
            errors.RequiredText($"{field}.reason", parts[i].Reason, PartReasonMaxLength);
            if (parts[i].Quantity <= 0)
            {
                errors.Add($"{field}.quantity", "not_positive", $"{field}.quantity must be greater than 0.");
            }
        }

        Amounts.CheckMoney(errors, "compensationAmount", c.CompensationAmount);
        Amounts.CheckMoney(errors, "paidServiceAmount", c.PaidServiceAmount);
        if (c.PaidServiceAmount > 0 && string.IsNullOrWhiteSpace(c.PaidServiceApprovalReference))
        {
            // R-TKT-5: money is collected on site only for paid service approved beforehand.
            errors.Add("paidServiceApprovalReference", "required",
                "paidServiceApprovalReference is required when a paid service amount is recorded.");
        }

        if (parts.Count > 0 && !c.OldPartsReturned && string.IsNullOrWhiteSpace(c.OldPartsNote))
        {
            // Issued parts are written off against the returned old part (R-PRT-2); a missing one must be explained.
            errors.Add("oldPartsNote", "required", "oldPartsNote is required when parts were replaced but the old parts were not returned.");
        }

        return errors;
    }

    internal static ServiceReport Start(int revision) => new() { Revision = revision };

    /// <summary>Replaces the draft's content; the caller has checked it and that the report is not signed.</summary>
    internal void Record(ServiceReportContent c, DateTime now, TicketActor actor)
    {
        Findings = Clean(c.Findings);
        Cause = Clean(c.Cause);
        Responsibility = Clean(c.Responsibility);
        WorkDone = Clean(c.WorkDone);
        partsReplaced.Clear();
        partsReplaced.AddRange((c.PartsReplaced ?? []).Select(p => new ReplacedPart(p.SparePartId, p.Name.Trim(), p.Quantity, p.Reason.Trim())));
        CompensationAmount = c.CompensationAmount;
        OldPartsReturned = c.OldPartsReturned;
        OldPartsNote = Clean(c.OldPartsNote);
        AdviceGiven = Clean(c.AdviceGiven);
        PaidServiceAmount = c.PaidServiceAmount;
        PaidServiceApprovalReference = Clean(c.PaidServiceApprovalReference);
        RecordedAtUtc = now;
        RecordedByPersonId = actor.PersonId;
        RecordedByUserName = actor.UserName;
    }

    internal void Sign(CustomerSignature signature, DateTime now)
    {
        SignatureAttachmentId = signature.AttachmentId.Trim();
        SignerName = signature.SignerName.Trim();
        SignedAtUtc = now;
        CustomerStamped = signature.CustomerStamped;
    }

    internal void Approve(int approverId, DateTime now, string? comment)
    {
        ApprovedByPersonId = approverId;
        ApprovedAtUtc = now;
        ApprovalComment = Clean(comment);
    }

    internal void Reject(int approverId, DateTime now, string reason)
    {
        RejectedByPersonId = approverId;
        RejectedAtUtc = now;
        RejectionReason = reason.Trim();
    }

    internal ServiceReportAmendment Amend(string text, DateTime now, TicketActor actor)
    {
        var amendment = new ServiceReportAmendment(text.Trim(), now, actor);
        amendments.Add(amendment);
        return amendment;
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>What the engineer writes into a service report; every save replaces the whole draft.</summary>
public sealed record ServiceReportContent(
    string? Findings,
    string? Cause,
    string? Responsibility,
    string? WorkDone,
    IReadOnlyList<ReplacedPartLine>? PartsReplaced,
    decimal CompensationAmount,
    bool OldPartsReturned,
    string? OldPartsNote,
    string? AdviceGiven,
    decimal PaidServiceAmount,
    string? PaidServiceApprovalReference);

/// <summary>One replaced part as entered; <paramref name="SparePartId"/> links the catalogue when the part is in it.</summary>
public sealed record ReplacedPartLine(int? SparePartId, string Name, decimal Quantity, string Reason);

/// <summary>One part replaced during the service, kept with the report it was signed in.</summary>
public sealed class ReplacedPart
{
    private ReplacedPart()
    {
    }

    internal ReplacedPart(int? sparePartId, string name, decimal quantity, string reason)
    {
        SparePartId = sparePartId;
        Name = name;
        Quantity = quantity;
        Reason = reason;
    }

    public int Id { get; private set; }
    public int? SparePartId { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>Decimal because some parts are measured (litres of oil, metres of hose).</summary>
    public decimal Quantity { get; private set; }

    public string Reason { get; private set; } = "";
}

/// <summary>
/// A correction to a signed report (R-TKT-4): added, never edited or removed, so what the customer signed stays
/// readable next to what was corrected afterwards and by whom.
/// </summary>
public sealed class ServiceReportAmendment
{
    private ServiceReportAmendment()
    {
    }

    internal ServiceReportAmendment(string text, DateTime now, TicketActor actor)
    {
        Text = text;
        AtUtc = now;
        ByPersonId = actor.PersonId;
        ByUserName = actor.UserName;
    }

    public int Id { get; private set; }
    public string Text { get; private set; } = "";
    public DateTime AtUtc { get; private set; }
    public int? ByPersonId { get; private set; }
    public string ByUserName { get; private set; } = "";
}

/// <summary>The customer's confirmation (客户签字/盖章): the stored image and the name of who signed.</summary>
/// <summary>The customer's signature; <paramref name="CustomerStamped"/>: the signed report also bears the customer's company stamp (加盖公章),
/// which makes it an effective record (有效记录) of seed 002.</summary>
public sealed record CustomerSignature(string AttachmentId, string SignerName, bool CustomerStamped = false);
