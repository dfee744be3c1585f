using CsCheck;
using ServiceMark.Domain.Organisation;

namespace ServiceMark.Domain.Tests.Organisation;

[Trait("Rule", "R-ORG-2")]
public sealed class PersonRulesTests
{
    private static readonly PersonDetails Valid = new("E1001", "张三", "13800000000", "zhang@example.com", 1, 1, null,
        EmploymentStatus.Regular, new DateOnly(2024, 3, 1), null);

    [Fact]
    public void A_complete_record_has_no_errors() => Assert.False(PersonRules.Check(Valid).Any);

    [Theory]
    [InlineData("", "employeeNumber", "required")]
    [InlineData("E 1", "employeeNumber", "format")]
    [InlineData("E<1>", "employeeNumber", "format")]
    [InlineData("E123456789012345678901", "employeeNumber", "too_long")]
    public void Employee_number_is_required_short_and_plain(string number, string field, string code) =>
        AssertSingle(PersonRules.Check(Valid with { EmployeeNumber = number }), field, code);

    [Theory]
    [InlineData("", "required")]
    [InlineData("   ", "required")]
    public void Name_is_required(string name, string code) => AssertSingle(PersonRules.Check(Valid with { Name = name }), "name", code);

    [Fact]
    public void Name_longer_than_the_limit_is_refused() =>
        AssertSingle(PersonRules.Check(Valid with { Name = new string('张', PersonRules.NameMaxLength + 1) }), "name", "too_long");

    [Theory]
    [InlineData("abc")]
    [InlineData("1234")]
    [InlineData("<script>")]
    public void Phone_must_look_like_a_phone_number(string phone) => AssertSingle(PersonRules.Check(Valid with { Phone = phone }), "phone", "format");

    [Theory]
    [InlineData("no-at-sign")]
    [InlineData("a@b")]
    [InlineData("a b@c.com")]
    public void Email_must_be_an_address(string email) => AssertSingle(PersonRules.Check(Valid with { Email = email }), "email", "format");

    [Fact]
    public void Position_and_unit_are_required()
    {
        var errors = PersonRules.Check(Valid with { PositionId = 0, OrgUnitId = 0 });
        Assert.Contains(errors.All, e => e.Field == "positionId" && e.Code == "required");
        Assert.Contains(errors.All, e => e.Field == "orgUnitId" && e.Code == "required");
    }

    [Fact]
    [Trait("Rule", "R-ORG-4")]
    public void Probation_needs_an_end_date_not_before_hiring()
    {
        AssertSingle(PersonRules.Check(Valid with { Status = EmploymentStatus.Probation }), "probationEndDate", "required");
        AssertSingle(PersonRules.Check(Valid with { Status = EmploymentStatus.Probation, ProbationEndDate = new DateOnly(2024, 2, 29) }), "probationEndDate", "before_hire");
        Assert.False(PersonRules.Check(Valid with { Status = EmploymentStatus.Probation, ProbationEndDate = new DateOnly(2024, 3, 1) }).Any);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var errors = PersonRules.Check(new PersonDetails("", "", "x", "y", 0, 0, null, EmploymentStatus.Probation, new DateOnly(2024, 1, 1), null));
        Assert.Equal(["employeeNumber", "name", "phone", "email", "positionId", "orgUnitId", "probationEndDate"], errors.All.Select(e => e.Field).Distinct());
    }

    [Theory]
    [Trait("Rule", "R-ORG-4")]
    [InlineData(EmploymentStatus.Probation, false)]
    [InlineData(EmploymentStatus.Regular, true)]
    [InlineData(EmploymentStatus.Transferred, true)]
    [InlineData(EmploymentStatus.Left, false)]
    public void Only_regular_and_transferred_staff_are_assessed(EmploymentStatus status, bool assessed) =>
        Assert.Equal(assessed, status.IsAssessed());

    [Fact]
    public void A_person_cannot_be_their_own_superior() =>
        Assert.True(PersonRules.WouldCreateReportingCycle(5, 5, _ => null));

    [Fact]
    public void Choosing_someone_below_you_as_superior_is_a_cycle()
    {
        // 3 reports to 2, 2 reports to 1: making 3 the superior of 1 closes a loop.
        var lines = new Dictionary<int, int?> { [3] = 2, [2] = 1, [1] = null };
        Assert.True(PersonRules.WouldCreateReportingCycle(1, 3, id => lines.GetValueOrDefault(id)));
        Assert.False(PersonRules.WouldCreateReportingCycle(3, 1, id => lines.GetValueOrDefault(id)));
    }

    [Fact]
    public void An_existing_loop_elsewhere_does_not_hang_the_check()
    {
        var lines = new Dictionary<int, int?> { [7] = 8, [8] = 7 };
        Assert.False(PersonRules.WouldCreateReportingCycle(1, 7, id => lines.GetValueOrDefault(id)));
    }

    [Fact]
    public void In_a_tree_a_cycle_arises_exactly_when_the_new_superior_is_below_the_person()
    {
        // Property: random forest (each node's parent has a smaller id); the check agrees with a walk down the tree.
        Gen.Int[2, 40].SelectMany(n => Gen.Int[0, 1000].Array[n].Select(seeds => (n, seeds)))
            .Sample(t =>
            {
                var (n, seeds) = t;
                var parent = new Dictionary<int, int?>();
                for (var i = 0; i < n; i++)
                {
                    parent[i] = i == 0 || seeds[i] % 5 == 0 ? null : seeds[i] % i;
                }

                var person = seeds[0] % n;
                var candidate = seeds[n - 1] % n;
                var below = IsBelowOrSelf(candidate, person, parent);
                return PersonRules.WouldCreateReportingCycle(person, candidate, id => parent.GetValueOrDefault(id)) == below;
            });
    }

    private static bool IsBelowOrSelf(int node, int ancestor, Dictionary<int, int?> parent)
    {
        for (int? current = node; current is { } c; current = parent[c])
        {
            if (c == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    private static void AssertSingle(ServiceMark.Domain.Common.FieldErrors errors, string field, string code)
    {
        var error = Assert.Single(errors.All);
        Assert.Equal(field, error.Field);
        Assert.Equal(code, error.Code);
    }
}
