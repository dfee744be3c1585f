namespace ServiceMark.Web.Infrastructure.Localization;

public static class Cultures
{
    public const string Default = "zh-CN";
    public static readonly string[] Supported = ["zh-CN", "en"];
}
