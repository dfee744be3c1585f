namespace ServiceMark.Domain.Organisation;

/// <summary>R-ORG-1: the kinds of organisational unit. A service station keeps its own parts ledger.</summary>
public enum OrgUnitKind
{
    Department,
    Team,
    ServiceStation,
}
