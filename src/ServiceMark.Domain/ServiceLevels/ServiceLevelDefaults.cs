namespace ServiceMark.Domain.ServiceLevels;

/// <summary>
/// The service levels seeded on first run (R-SLA-1, seed 001 §3.2 and seeds 003/004); an admin edits them. Each also holds a
/// ticket resolved by phone or remote connection (R-TKT-7) to 24 hours: the seeds' "24 h initial plan" — a remote answer
/// that takes longer should have been a visit.
/// </summary>
public static class ServiceLevelDefaults
{
    public const int BodyNearId = 1;
    public const int BodyFarId = 2;
    public const int BodySupplierId = 3;
    public const int ChassisEngineId = 4;
    public const int GeneralId = 5;

    public static IReadOnlyList<ServiceLevelPolicy> Seed() =>
    [
        ServiceLevelPolicy.Create(
            new("车身故障 100 km 以内",
                Description: "种子001 §3.2：服务网点 100 km 以内、无需配套厂家的车身故障，24 小时内工程师到场。",
                FaultCategory: "Body", MaxDistanceKm: 100m, RequiresSupplier: false,
                Arrival: TimeSpan.FromHours(24), RemoteResolution: TimeSpan.FromHours(24)),
            BodyNearId),
        ServiceLevelPolicy.Create(
            new("车身故障 100 km 以外",
                Description: "种子001 §3.2：100 km 以外的车身故障，12 小时内答复客户。",
                FaultCategory: "Body", MinDistanceKm: 100m,
                FirstResponse: TimeSpan.FromHours(12), RemoteResolution: TimeSpan.FromHours(24)),
            BodyFarId),
        ServiceLevelPolicy.Create(
            new("车身故障需与配套厂家联系",
                Description: "种子001 §3.2：需与配套厂家联系的车身故障（不论距离），12 小时内答复客户。",
                FaultCategory: "Body", RequiresSupplier: true,
                FirstResponse: TimeSpan.FromHours(12), RemoteResolution: TimeSpan.FromHours(24)),
            BodySupplierId),
        ServiceLevelPolicy.Create(
            new("底盘发动机故障",
                Description: "种子001 §3.2：底盘、发动机故障，12 小时内与客户书面联系，结果存档并反馈。",
                FaultCategory: "ChassisEngine",
                WrittenContact: TimeSpan.FromHours(12), RemoteResolution: TimeSpan.FromHours(24)),
            ChassisEngineId),
        ServiceLevelPolicy.Create(
            new("通用默认",
                Description: "种子003/004：其他工单，1 个工作日内首次响应（按工作日历计 8 个工作小时），72 小时内处理完毕。",
                FirstResponse: TimeSpan.FromHours(8), CountsWorkingTime: true,
                Resolution: TimeSpan.FromHours(72), ResolutionCountsWorkingTime: false, RemoteResolution: TimeSpan.FromHours(24)),
            GeneralId),
    ];
}
