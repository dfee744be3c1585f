using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Customers;
using ServiceMark.Domain.Organisation;
using ServiceMark.Domain.Tickets;
using ServiceMark.Web.Data;
using ServiceMark.Web.Infrastructure.Audit;
using ServiceMark.Web.Infrastructure.Auth;

namespace ServiceMark.Web.Features.Demo;

/// <summary>
/// The demo company (seed 001): the after-sales service department of a coach manufacturer, its teams and
/// two service stations, the positions of R-ORG-2 and 30 people with reporting lines and employment statuses.
/// Runs only in demo mode, and only into an empty database.
/// </summary>
public sealed class DemoSeeder(AppDbContext db, IPasswordHasher<AppUser> hasher, TimeProvider time, Infrastructure.CompanyClock clock)
{
    /// <summary>Demo-only: printed at start-up, never used outside demo mode.</summary>
    public const string DemoPassword = "ServiceMark-Demo-2026";

    /// <summary>The printed sign-ins: one per role (user name, employee number or null for the admin account, role).</summary>
    public static readonly IReadOnlyList<(string UserName, string? EmployeeNumber, string Role)> SignIns =
    [
        ("admin", null, RoleNames.Admin),
        ("gm", "E0001", RoleNames.GeneralManager),
        ("head", "E0004", RoleNames.DepartmentHead),
        ("supervisor", "E0005", RoleNames.Supervisor),
        ("specialist", "E0008", RoleNames.Specialist),
        ("engineer", "E0011", RoleNames.Engineer),
        ("engineer2", "E0017", RoleNames.Engineer),
        ("warehouse", "E0023", RoleNames.WarehouseKeeper),
        ("hr", "E0025", RoleNames.Hr),
        ("vpm", "E0002", RoleNames.MarketingVp),
        ("vphr", "E0003", RoleNames.HrVp),
    ];

    private static readonly (string Kind, string Code, string Name, string? Parent, string? Address)[] Units =
    [
        ("Department", "D-MGMT", "公司领导", null, null),
        ("Department", "D-SVC", "售后服务部", null, "河南省郑州市经开区第八大街88号"),
        ("Department", "D-HR", "行政人力资源部", null, null),
        ("Team", "T-BODY", "车身服务组", "D-SVC", null),
        ("Team", "T-CHASSIS", "底盘发动机服务组", "D-SVC", null),
        ("Team", "T-CS", "客服组", "D-SVC", null),
        ("Team", "T-PARTS", "备件组", "D-SVC", null),
        ("ServiceStation", "S-ZZ", "郑州服务站", "D-SVC", "河南省郑州市经开区第八大街88号"),
        ("ServiceStation", "S-CD", "成都服务站", "D-SVC", "四川省成都市龙泉驿区车城大道166号"),
    ];

    // Standard annual bonuses (CNY) are the demo's figures, not the seeds': the seeds name the bonus but not its size.
    private static readonly (string Code, string Name, string Role, bool Managerial, decimal? Bonus)[] PositionRows =
    [
        ("GM", "总经理", RoleNames.GeneralManager, true, null),
        ("VP-MKT", "营销副总", RoleNames.MarketingVp, true, null),
        ("VP-HR", "行政及人力资源副总", RoleNames.HrVp, true, null),
        ("HEAD", "售后服务部部长", RoleNames.DepartmentHead, true, 60000m),
        ("SUP", "主管", RoleNames.Supervisor, true, 36000m),
        ("SPEC", "客服专员", RoleNames.Specialist, false, 18000m),
        ("ENG", "售后服务工程师", RoleNames.Engineer, false, 24000m),
        ("WH", "备件库管员", RoleNames.WarehouseKeeper, false, 12000m),
        ("HR", "人事专员", RoleNames.Hr, false, 15000m),
    ];

    private static readonly (string No, string Name, string Position, string Unit, string? Superior, EmploymentStatus Status, string Hired, string Phone)[] PeopleRows =
    [
        ("E0001", "王建国", "GM", "D-MGMT", null, EmploymentStatus.Regular, "2009-03-02", "13903710001"),
        ("E0002", "李明华", "VP-MKT", "D-MGMT", "E0001", EmploymentStatus.Regular, "2011-06-13", "13903710002"),
        ("E0003", "赵丽娟", "VP-HR", "D-MGMT", "E0001", EmploymentStatus.Regular, "2012-02-20", "13903710003"),
        ("E0004", "陈志强", "HEAD", "D-SVC", "E0002", EmploymentStatus.Regular, "2013-07-01", "13903710004"),
        ("E0005", "刘洋", "SUP", "T-BODY", "E0004", EmploymentStatus.Regular, "2015-04-08", "13903710005"),
        ("E0006", "杨帆", "SUP", "T-CHASSIS", "E0004", EmploymentStatus.Regular, "2015-09-14", "13903710006"),
        ("E0007", "周敏", "SUP", "T-CS", "E0004", EmploymentStatus.Regular, "2016-03-21", "13903710007"),
        ("E0008", "吴婷", "SPEC", "T-CS", "E0007", EmploymentStatus.Regular, "2018-05-02", "13903710008"),
        ("E0009", "郑雪", "SPEC", "T-CS", "E0007", EmploymentStatus.Regular, "2020-08-17", "13903710009"),
        ("E0010", "孙悦", "SPEC", "T-CS", "E0007", EmploymentStatus.Probation, "2026-09-01", "13903710010"),
        ("E0011", "马超", "ENG", "T-BODY", "E0005", EmploymentStatus.Regular, "2017-03-06", "13903710011"),
        ("E0012", "胡军", "ENG", "T-BODY", "E0005", EmploymentStatus.Regular, "2018-11-12", "13903710012"),
        ("E0013", "郭磊", "ENG", "T-BODY", "E0005", EmploymentStatus.Regular, "2019-04-01", "13903710013"),
        ("E0014", "何勇", "ENG", "T-BODY", "E0005", EmploymentStatus.Regular, "2021-07-05", "13903710014"),
        ("E0015", "高鹏", "ENG", "S-ZZ", "E0005", EmploymentStatus.Regular, "2016-10-10", "13903710015"),
        ("E0016", "林涛", "ENG", "T-BODY", "E0005", EmploymentStatus.Probation, "2026-08-17", "13903710016"),
        ("E0017", "罗斌", "ENG", "T-CHASSIS", "E0006", EmploymentStatus.Regular, "2014-05-19", "13903710017"),
        ("E0018", "梁伟", "ENG", "T-CHASSIS", "E0006", EmploymentStatus.Regular, "2017-08-28", "13903710018"),
        ("E0019", "宋杰", "ENG", "T-CHASSIS", "E0006", EmploymentStatus.Regular, "2019-12-02", "13903710019"),
        ("E0020", "谢飞", "ENG", "S-CD", "E0006", EmploymentStatus.Regular, "2018-03-15", "13903710020"),
        ("E0021", "韩冬", "ENG", "S-CD", "E0006", EmploymentStatus.Regular, "2022-06-20", "13903710021"),
        ("E0022", "唐亮", "ENG", "T-CHASSIS", "E0006", EmploymentStatus.Transferred, "2020-01-06", "13903710022"),
        ("E0023", "冯静", "WH", "T-PARTS", "E0004", EmploymentStatus.Regular, "2016-02-29", "13903710023"),
        ("E0024", "董霞", "WH", "S-CD", "E0004", EmploymentStatus.Regular, "2021-03-08", "13903710024"),
        ("E0025", "曹琳", "HR", "D-HR", "E0003", EmploymentStatus.Regular, "2017-09-04", "13903710025"),
        ("E0026", "袁芳", "HR", "D-HR", "E0003", EmploymentStatus.Regular, "2023-02-13", "13903710026"),
        ("E0027", "邓超", "ENG", "S-ZZ", "E0005", EmploymentStatus.Regular, "2020-10-26", "13903710027"),
        ("E0028", "许峰", "ENG", "S-CD", "E0006", EmploymentStatus.Regular, "2023-05-15", "13903710028"),
        ("E0029", "傅强", "ENG", "T-CHASSIS", "E0006", EmploymentStatus.Left, "2015-06-01", "13903710029"),
        ("E0030", "沈浩", "ENG", "T-BODY", "E0005", EmploymentStatus.Regular, "2024-03-04", "13903710030"),
    ];

    public async Task<bool> SeedAsync(CancellationToken ct = default)
    {
        if (await db.OrgUnits.AnyAsync(ct))
        {
            return false;
        }

        db.Actor = Actor.System;
        db.ChangeReason = "demo seed";
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        var units = new Dictionary<string, OrgUnit>();
        foreach (var (kind, code, name, parent, address) in Units)
        {
            var unit = OrgUnit.Create(Enum.Parse<OrgUnitKind>(kind), code, name, parent is null ? null : units[parent].Id, address);
            db.OrgUnits.Add(unit);
            await db.SaveChangesAsync(ct); // parents first: children need their ids
            units[code] = unit;
        }

        var positions = PositionRows.ToDictionary(p => p.Code, p =>
        {
            var position = Position.Create(p.Code, p.Name, p.Role, p.Managerial);
            position.SetStandardAnnualBonus(p.Bonus);
            return position;
        });
        db.Positions.AddRange(positions.Values);
        await db.SaveChangesAsync(ct);

        var people = new Dictionary<string, Person>();
        foreach (var row in PeopleRows)
        {
            var hired = DateOnly.Parse(row.Hired, System.Globalization.CultureInfo.InvariantCulture);
            var person = Person.Create(new PersonDetails(row.No, row.Name, row.Phone, null, positions[row.Position].Id, units[row.Unit].Id,
                row.Superior is null ? null : people[row.Superior].Id, row.Status, hired,
                row.Status == EmploymentStatus.Probation ? hired.AddMonths(3) : null));
            if (row.Status == EmploymentStatus.Left)
            {
                person.Deactivate("离职");
            }

            db.People.Add(person);
            await db.SaveChangesAsync(ct); // superiors come first in the table
            people[row.No] = person;
        }

        AddAccounts(people);
        AddSkills(people);
        await db.SaveChangesAsync(ct);
        await SeedCustomersAsync(units, ct);
        await DemoParts.SeedAsync(db, units, people, time.GetUtcNow().UtcDateTime, ct);

        // The travel allowance table a department starts from (HR changes it on the expenses page).
        db.PerDiemAllowances.AddRange(
            Domain.Expenses.PerDiemAllowance.Create("省内出差", 80m).Value!,
            Domain.Expenses.PerDiemAllowance.Create("省外出差", 100m).Value!,
            Domain.Expenses.PerDiemAllowance.Create("偏远地区", 120m).Value!);

        // Labour rates per grade of the default scheme, and the department's rate for people without a grade, so a demo
        // ticket shows its cost (HR changes them on the expenses page).
        var scheme = Domain.Grading.GradeScheme.Default.Code;
        db.LabourRates.AddRange(
            Domain.Expenses.LabourRate.Create(null, null, 50m).Value!,
            Domain.Expenses.LabourRate.Create(scheme, Domain.Grading.GradeScheme.Trainee, 40m).Value!,
            Domain.Expenses.LabourRate.Create(scheme, Domain.Grading.GradeScheme.Junior, 50m).Value!,
            Domain.Expenses.LabourRate.Create(scheme, Domain.Grading.GradeScheme.Intermediate, 60m).Value!,
            Domain.Expenses.LabourRate.Create(scheme, Domain.Grading.GradeScheme.Senior, 80m).Value!,
            Domain.Expenses.LabourRate.Create(scheme, Domain.Grading.GradeScheme.Expert, 100m).Value!);

        // What a job of each type should cost; a closed ticket above it is a cost overrun in plan B (the head changes them on the costs page).
        (Domain.Tickets.FaultCategory JobType, decimal Amount)[] standards =
        [
            (Domain.Tickets.FaultCategory.Body, 400m), (Domain.Tickets.FaultCategory.ChassisEngine, 1_200m), (Domain.Tickets.FaultCategory.Electrical, 600m),
            (Domain.Tickets.FaultCategory.Installation, 800m), (Domain.Tickets.FaultCategory.Consultation, 100m), (Domain.Tickets.FaultCategory.Other, 400m),
            (Domain.Tickets.FaultCategory.Maintenance, 500m),
        ];
        db.StandardCosts.AddRange(standards.Select(s => Domain.Expenses.StandardCost.Create(s.JobType, s.Amount).Value!));

        // This year's budget, the same each month, so the budget page compares the demo's spending with something.
        (Domain.Budgets.BudgetCategory Category, decimal Monthly)[] budget =
        [
            (Domain.Budgets.BudgetCategory.Travel, 8_000m), (Domain.Budgets.BudgetCategory.Lodging, 5_000m), (Domain.Budgets.BudgetCategory.PerDiem, 4_000m),
            (Domain.Budgets.BudgetCategory.Freight, 1_500m), (Domain.Budgets.BudgetCategory.FieldPurchase, 1_000m), (Domain.Budgets.BudgetCategory.Other, 500m),
            (Domain.Budgets.BudgetCategory.Parts, 20_000m), (Domain.Budgets.BudgetCategory.Compensation, 2_000m),
        ];
        var now = time.GetUtcNow().UtcDateTime;
        var yearBudget = Domain.Budgets.DepartmentBudget.Create(clock.Today.Year,
            budget.SelectMany(b => Enumerable.Range(1, 12).Select(m => new Domain.Budgets.BudgetLine(b.Category, m, b.Monthly))).ToList(), "演示数据：年初预算", null, "demo", now).Value!;
        yearBudget.Version = 1;
        db.DepartmentBudgets.Add(yearBudget);
        await db.SaveChangesAsync(ct);
        await DemoContracts.SeedAsync(db, people, now, clock.Today, ct);
        await DemoReturns.SeedAsync(db, people, now, clock.Today, ct);
        await DemoInstallations.SeedAsync(db, people, now, clock.Today, ct);
        await SeedAssessmentPlansAsync(ct);
        await Grading.GradingSeeds.SeedDemoGradesAsync(db, people.ToDictionary(p => p.Key, p => p.Value.Id), ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    private static readonly (string Code, string Name, string Category, int Months, decimal? Km)[] ModelRows =
    [
        ("ZK6126", "12米城市客车 ZK6126", "城市客车", 24, 200_000m),
        ("ZK6108", "10.5米城市客车 ZK6108", "城市客车", 24, 200_000m),
        ("ZK6128H", "12米公路客车 ZK6128H", "公路客车", 36, 300_000m),
        ("ZK6816", "8米校车 ZK6816", "校车", 36, null),
    ];

    private static readonly (string Code, string Name, string Region, string Contact, string Phone, string Site, string Address, decimal Km, string Station)[] CustomerRows =
    [
        ("C1001", "郑州公交集团", "河南", "赵建华", "13703710101", "金水车场", "郑州市金水区农业路18号", 12m, "S-ZZ"),
        ("C1002", "洛阳公交集团", "河南", "钱立新", "13703790102", "西工车场", "洛阳市西工区中州路99号", 130m, "S-ZZ"),
        ("C1003", "开封旅游客运公司", "河南", "孙海", "13703780103", "开封东站", "开封市禹王台区东京大道6号", 75m, "S-ZZ"),
        ("C1004", "成都公交集团", "四川", "李红", "13808280104", "天府车场", "成都市武侯区天府大道1088号", 18m, "S-CD"),
        ("C1005", "绵阳长运公司", "四川", "周伟", "13808160105", "绵阳汽车站", "绵阳市涪城区临园路3号", 120m, "S-CD"),
        ("C1006", "新乡市实验小学", "河南", "吴老师", "13703730106", "学校车库", "新乡市红旗区人民路50号", 90m, "S-ZZ"),
    ];

    private static readonly (string Serial, string Model, string Customer, string Sold)[] UnitRows =
    [
        ("LZYTBGCK0R1000101", "ZK6126", "C1001", "2025-03-18"),
        ("LZYTBGCK0R1000102", "ZK6126", "C1001", "2025-03-18"),
        ("LZYTBGCK0P1000103", "ZK6126", "C1001", "2023-05-10"),
        ("LZYTBGCK0S1000201", "ZK6108", "C1002", "2026-01-08"),
        ("LZYTBGCK0N1000202", "ZK6108", "C1002", "2022-09-01"),
        ("LZYTBGHK0R1000301", "ZK6128H", "C1003", "2024-07-22"),
        ("LZYTBGHK0T1000302", "ZK6128H", "C1003", "2026-06-30"),
        ("LZYTBGCK0S1000401", "ZK6126", "C1004", "2025-11-11"),
        ("LZYTBGCK0S1000402", "ZK6126", "C1004", "2025-11-11"),
        ("LZYTBGHK0P1000501", "ZK6128H", "C1005", "2023-12-01"),
        ("LZYTBGSK0R1000601", "ZK6816", "C1006", "2024-08-25"),
        ("LZYTBGSK0R1000602", "ZK6816", "C1006", "2024-08-25"),
    ];

    private async Task SeedCustomersAsync(Dictionary<string, OrgUnit> units, CancellationToken ct)
    {
        var models = ModelRows.ToDictionary(m => m.Code, m => ProductModel.Create(m.Code, m.Name, m.Category, m.Months, m.Km));
        db.ProductModels.AddRange(models.Values);
        var customers = new Dictionary<string, Customer>();
        foreach (var c in CustomerRows)
        {
            var customer = Customer.Create(c.Code, c.Name, c.Region, null);
            customer.AddContact(c.Contact, c.Phone, "车队长");
            customer.AddSite(c.Site, c.Address, c.Km, units[c.Station].Id);
            customers[c.Code] = customer;
        }

        db.Customers.AddRange(customers.Values);
        await db.SaveChangesAsync(ct);
        db.ProductUnits.AddRange(UnitRows.Select(u => ProductUnit.Create(u.Serial, models[u.Model].Id, customers[u.Customer].Id,
            DateOnly.Parse(u.Sold, System.Globalization.CultureInfo.InvariantCulture), null, null)));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The seeds' plans A–F (SEED-PLANS.md), published as version 1: the demo company assesses with them.</summary>
    private async Task SeedAssessmentPlansAsync(CancellationToken ct)
    {
        foreach (var plan in Domain.Assessment.Plans.SeedPlans.All)
        {
            var stored = Assessment.StoredAssessmentPlan.Draft(plan.Code, plan.Version, plan.Name, plan.PeriodKind.ToString(), plan.PositionCodes,
                Domain.Assessment.Plans.AssessmentPlanJson.Serialize(plan), PlansPublishedAtUtc, "demo");
            stored.Publish(PlansPublishedAtUtc, "demo");
            db.AssessmentPlans.Add(stored);
        }

        await db.SaveChangesAsync(ct);
    }

    private static readonly DateTime PlansPublishedAtUtc = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// The engineers' skills with proficiency (dispatch ranks by them): body-team engineers are strongest on body work,
    /// chassis-team engineers on chassis and engines, station engineers all-round; the first of each team a little more.
    /// </summary>
    private void AddSkills(Dictionary<string, Person> people)
    {
        foreach (var row in PeopleRows.Where(r => r.Position == "ENG" && r.Status != EmploymentStatus.Left))
        {
            var senior = PeopleRows.First(r => r.Position == "ENG" && r.Unit == row.Unit).No == row.No ? 1 : 0;
            (FaultCategory Category, int Level)[] skills = row.Unit switch
            {
                "T-BODY" => [(FaultCategory.Body, 4 + senior), (FaultCategory.Electrical, 2), (FaultCategory.Installation, 3)],
                "T-CHASSIS" => [(FaultCategory.ChassisEngine, 4 + senior), (FaultCategory.Electrical, 3)],
                _ => [(FaultCategory.Body, 3), (FaultCategory.ChassisEngine, 3), (FaultCategory.Electrical, 3 + senior), (FaultCategory.Installation, 3)],
            };
            db.PersonSkills.AddRange(skills.Select(s => Organisation.PersonSkill.Create(people[row.No].Id, s.Category, Math.Min(s.Level, Organisation.PersonSkill.MaxProficiency))));
        }
    }

    /// <summary>Accounts for everyone, with one shared demo password hashed once (hashing is deliberately slow).</summary>
    private void AddAccounts(Dictionary<string, Person> people)
    {
        var hash = hasher.HashPassword(new AppUser(), DemoPassword);
        var named = SignIns.Where(s => s.EmployeeNumber is not null).ToDictionary(s => s.EmployeeNumber!, s => s.UserName);
        db.Users.Add(Account("admin", "系统管理员", null, hash, isAdmin: true));
        foreach (var (number, person) in people.Where(p => p.Value.IsActive))
        {
            db.Users.Add(Account(named.GetValueOrDefault(number, number), person.Name, person.Id, hash, isAdmin: false));
        }
    }

    private static AppUser Account(string userName, string displayName, int? personId, string hash, bool isAdmin) => new()
    {
        UserName = userName,
        NormalizedUserName = userName.ToUpperInvariant(),
        DisplayName = displayName,
        PersonId = personId,
        IsAdministrator = isAdmin,
        PasswordHash = hash,
        SecurityStamp = Guid.NewGuid().ToString("N"),
        LockoutEnabled = true,
    };

    public static void PrintSignIns(TextWriter output)
    {
        output.WriteLine("ServiceMark demo company — sign in at the address above with:");
        foreach (var (userName, number, role) in SignIns)
        {
            var name = number is null ? "系统管理员" : PeopleRows.First(p => p.No == number).Name;
            output.WriteLine($"  {role,-17} {userName,-11} / {DemoPassword}   ({name})");
        }

        output.WriteLine("  Every other demo person signs in with their employee number (e.g. E0012) and the same password.");
    }
}
