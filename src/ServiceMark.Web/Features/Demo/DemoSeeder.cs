using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Organisation;
using ServiceMark.Web.Data;
using ServiceMark.Web.Infrastructure.Audit;
using ServiceMark.Web.Infrastructure.Auth;

namespace ServiceMark.Web.Features.Demo;

/// <summary>
/// The demo company (seed 001): the after-sales service department of a coach manufacturer, its teams and
/// two service stations, the positions of R-ORG-2 and 30 people with reporting lines and employment statuses.
/// Runs only in demo mode, and only into an empty database.
/// </summary>
public sealed class DemoSeeder(AppDbContext db, IPasswordHasher<AppUser> hasher)
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

    private static readonly (string Code, string Name, string Role, bool Managerial)[] PositionRows =
    [
        ("GM", "总经理", RoleNames.GeneralManager, true),
        ("VP-MKT", "营销副总", RoleNames.GeneralManager, true),
        ("VP-HR", "行政及人力资源副总", RoleNames.Hr, true),
        ("HEAD", "售后服务部部长", RoleNames.DepartmentHead, true),
        ("SUP", "主管", RoleNames.Supervisor, true),
        ("SPEC", "客服专员", RoleNames.Specialist, false),
        ("ENG", "售后服务工程师", RoleNames.Engineer, false),
        ("WH", "备件库管员", RoleNames.WarehouseKeeper, false),
        ("HR", "人事专员", RoleNames.Hr, false),
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

        var positions = PositionRows.ToDictionary(p => p.Code, p => Position.Create(p.Code, p.Name, p.Role, p.Managerial));
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
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
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
