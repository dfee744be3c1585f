using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using ServiceMark.Domain.Common;

namespace ServiceMark.Web.Infrastructure.Errors;

/// <summary>
/// An endpoint's answer: its success (<c>Ok&lt;T&gt;</c>, <c>Created&lt;T&gt;</c>, <c>NoContent</c>) or a refusal as problem
/// details. Its type carries the success's metadata, so an endpoint whose lambda returns it declares its 200/201 body (or
/// 204) in the OpenAPI document by itself — the compiler picks the type, no hand-written <c>Produces</c> can drift from
/// what the handler returns. The refusals (400/401/403/404/409) are declared for every operation by ApiDocumentTransformers.
/// </summary>
public sealed class Answer<TSuccess> : IResult, INestedHttpResult, IEndpointMetadataProvider
    where TSuccess : IResult, IEndpointMetadataProvider
{
    private Answer(IResult result) => Result = result;

    /// <summary>What is written: the success or the problem details.</summary>
    public IResult Result { get; }

    public static implicit operator Answer<TSuccess>(TSuccess success) => new(success);

    public static Answer<TSuccess> Refused(Refusal refusal) => new(Problems.From(refusal));

    /// <summary>A problem that is no refusal of the domain's (413 for a body over its limit).</summary>
    public static Answer<TSuccess> Problem(ProblemHttpResult problem) => new(problem);

    public Task ExecuteAsync(HttpContext httpContext) => Result.ExecuteAsync(httpContext);

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) => TSuccess.PopulateMetadata(method, builder);
}
