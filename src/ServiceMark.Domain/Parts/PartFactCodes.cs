namespace ServiceMark.Domain.Parts;

/// <summary>
/// The service facts measured on the parts trail (issue 13 point 8), by the codes plans name. Their SQL is registered by the
/// web layer's PartFacts with the ticket, survey and complaint facts; docs/service-facts.md defines each.
/// </summary>
public static class PartFactCodes
{
    /// <summary>CNY: the value of the catalogue parts written off against signed reports from the person's stock.</summary>
    public const string PartsCost = "parts_cost";

    /// <summary>CNY: <see cref="PartsCost"/> ÷ the tickets it was written off against.</summary>
    public const string PartsCostPerTicket = "parts_cost_per_ticket";

    /// <summary>%: old parts back by their due day ÷ old parts returned or overdue (created in the period).</summary>
    public const string OldPartReturnRate = "old_part_return_rate";

    /// <summary>Count: old parts created in the period and still not back after their due day.</summary>
    public const string OldPartsOverdue = "old_parts_overdue";

    /// <summary>%: old parts inspected within <see cref="OldPart.InspectionDays"/> of their return ÷ old parts the person inspected.</summary>
    public const string OldPartInspectionOnTimeRate = "old_part_inspection_on_time_rate";

    /// <summary>%: old parts disposed of within <see cref="OldPart.DisposalDays"/> of their inspection ÷ old parts the person disposed of.</summary>
    public const string OldPartDisposalOnTimeRate = "old_part_disposal_on_time_rate";

    /// <summary>Count: secondary claims the person raised in the period (cancelled ones aside).</summary>
    public const string WarrantyClaimsRaised = "warranty_claims_raised";

    /// <summary>CNY: what suppliers paid on the person's claims settled in the period.</summary>
    public const string WarrantyRecoveredAmount = "warranty_recovered_amount";

    /// <summary>%: Σ recovered ÷ Σ claimed over the person's claims settled or rejected in the period.</summary>
    public const string WarrantyRecoveryRate = "warranty_recovery_rate";
}
