namespace ServiceMark.Web;

/// <summary>Marker for the UI strings in Resources/SharedResource.resx (English) and SharedResource.zh-CN.resx.</summary>
public sealed class SharedResource;
