using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace ServiceMark.Web.Infrastructure.Errors;

/// <summary>
/// The minimal APIs' handlers are generated at build time (Request Delegate Generator: start-up no longer compiles ~200
/// request delegates). The generated code answers an optional parameter whose value does not parse (?from=abc,
/// ?year=2026.5) with an empty 400 instead of throwing as the runtime factory does (RouteHandlerOptions.ThrowOnBadRequest),
/// so the 400 would not name the field. This finds the route or query value that does not parse, by the endpoint's
/// parameter metadata, and raises the runtime factory's exception for it, which <see cref="UnexpectedErrorHandler"/> turns
/// into the usual ProblemDetails naming the field.
/// </summary>
internal static class UnreadableParameters
{
    public static IApplicationBuilder UseUnreadableParameterNames(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        await next(context);
        if (context.Response is not { StatusCode: StatusCodes.Status400BadRequest, HasStarted: false, ContentType: null, ContentLength: null or 0 }
            || context.GetEndpoint()?.Metadata.GetOrderedMetadata<IParameterBindingMetadata>() is not { Count: > 0 } parameters)
        {
            return;
        }

        foreach (var parameter in parameters.Where(p => p.HasTryParse))
        {
            var value = context.Request.RouteValues.TryGetValue(parameter.Name, out var routed) ? routed as string
                : context.Request.Query.TryGetValue(parameter.Name, out var queried) ? queried.ToString()
                : null;
            if (!string.IsNullOrEmpty(value) && !Parses(parameter.ParameterInfo.ParameterType, value))
            {
                var type = parameter.ParameterInfo.ParameterType;
                var shown = Nullable.GetUnderlyingType(type) is { } inner ? inner.Name + "?" : type.Name;
                throw new BadHttpRequestException($"Failed to bind parameter \"{shown} {parameter.Name}\" from \"{value}\".");
            }
        }
    });

    /// <summary>Whether the value parses as the parameter's type (its TryParse, invariant culture); true when it cannot tell.</summary>
    internal static bool Parses(Type type, string value)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(string))
        {
            return true;
        }

        if (target.IsEnum)
        {
            return Enum.TryParse(target, value, ignoreCase: true, out _);
        }

        const BindingFlags flags = BindingFlags.Public | BindingFlags.Static;
        if (target.GetMethod("TryParse", flags, [typeof(string), typeof(IFormatProvider), target.MakeByRefType()]) is { ReturnType: var r1 } withCulture && r1 == typeof(bool))
        {
            return (bool)withCulture.Invoke(null, [value, CultureInfo.InvariantCulture, null])!;
        }

        return target.GetMethod("TryParse", flags, [typeof(string), target.MakeByRefType()]) is { } plain && plain.ReturnType == typeof(bool)
            ? (bool)plain.Invoke(null, [value, null])!
            : true;
    }
}
