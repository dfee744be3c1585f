namespace ServiceMark.Domain.Contracts;

/// <summary>The service facts measured on maintenance contracts (issue 14 points 5 and 9), by the codes plans name.</summary>
public static class ContractFactCodes
{
    /// <summary>CNY: Σ the amounts of the contracts in force that the person answers for, signed in the period (plan B: amount ÷ 20 000 × 2).</summary>
    public const string ContractAmount = "maintenance_contract_amount";

    /// <summary>Percent: of the instalments of the person's contracts due in the period, the money paid by the due date (账款回收率).</summary>
    public const string CollectionRate = "collection_rate";
}
