namespace ServiceMark.Domain.ServiceLevels;

/// <summary>The service levels seeded on first run (R-SLA-1, seed 001 §3.2 and seeds 003/004); an admin edits them.</summary>
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
            new("车身故障 100 km 以内 / Body faults within 100 km",
                Description: "Seed 001 §3.2: body faults within 100 km of the service point, no supplier involved — " +
                    "an engineer on site within 24 clock hours.",
                FaultCategory: "Body", MaxDistanceKm: 100m, RequiresSupplier: false,
                Arrival: TimeSpan.FromHours(24)),
            BodyNearId),
        ServiceLevelPolicy.Create(
            new("车身故障 100 km 以外 / Body faults beyond 100 km",
                Description: "Seed 001 §3.2: body faults beyond 100 km — reply to the customer within 12 clock hours.",
                FaultCategory: "Body", MinDistanceKm: 100m,
                FirstResponse: TimeSpan.FromHours(12)),
            BodyFarId),
        ServiceLevelPolicy.Create(
            new("车身故障需与配套厂家联系 / Body faults needing a supplier",
                Description: "Seed 001 §3.2: body faults that need the supplier (需与配套厂家联系), at any distance — " +
                    "reply to the customer within 12 clock hours.",
                FaultCategory: "Body", RequiresSupplier: true,
                FirstResponse: TimeSpan.FromHours(12)),
            BodySupplierId),
        ServiceLevelPolicy.Create(
            new("底盘发动机故障 / Chassis and engine faults",
                Description: "Seed 001 §3.2: chassis/engine faults — written contact with the customer within 12 clock " +
                    "hours; the result is filed and fed back.",
                FaultCategory: "ChassisEngine",
                WrittenContact: TimeSpan.FromHours(12)),
            ChassisEngineId),
        ServiceLevelPolicy.Create(
            new("通用默认 / General default",
                Description: "Seeds 003/004: every other ticket — first response within 1 working day (8 working hours " +
                    "on the business calendar) and resolution within 72 clock hours.",
                FirstResponse: TimeSpan.FromHours(8), CountsWorkingTime: true,
                Resolution: TimeSpan.FromHours(72), ResolutionCountsWorkingTime: false),
            GeneralId),
    ];
}
