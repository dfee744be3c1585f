using ServiceMark.Web.Infrastructure.Errors;

namespace ServiceMark.Web.Tests.Operations;

/// <summary>
/// The check that names an unreadable route or query value after the generated handlers' empty 400
/// (QueryBindingTests and PayrollTests cover it end to end): each type's own TryParse, invariant culture.
/// </summary>
public sealed class UnreadableParametersTests
{
    [Theory]
    [InlineData(typeof(DateOnly?), "2026-02-28", true)]
    [InlineData(typeof(DateOnly?), "2026-02-30", false)]
    [InlineData(typeof(DateOnly), "abc", false)]
    [InlineData(typeof(int?), "2026", true)]
    [InlineData(typeof(int?), "2026.5", false)]
    [InlineData(typeof(int), "99999999999", false)]
    [InlineData(typeof(decimal?), "12.5", true)]
    [InlineData(typeof(decimal?), "12.5.1", false)]
    [InlineData(typeof(DayOfWeek?), "monday", true)]
    [InlineData(typeof(DayOfWeek?), "someday", false)]
    [InlineData(typeof(Guid), "not-a-guid", false)]
    [InlineData(typeof(bool?), "true", true)]
    [InlineData(typeof(string), "anything", true)]
    [InlineData(typeof(Uri), "x", true)] // no TryParse of its own: cannot tell, so not blamed
    public void A_value_parses_by_its_types_own_rules(Type type, string value, bool parses) =>
        Assert.Equal(parses, UnreadableParameters.Parses(type, value));
}
