using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServiceMark.Tests.Infrastructure;

public static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(Options))!;

    /// <summary>The answer's body, after checking its status (the body is in the failure message when it differs).</summary>
    public static async Task<T> ExpectAsync<T>(this HttpResponseMessage response, System.Net.HttpStatusCode expected = System.Net.HttpStatusCode.OK)
    {
        Xunit.Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadAsync<T>();
    }

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(Options);

    /// <summary>The field names of a 400 ValidationProblem.</summary>
    public static async Task<string[]> FieldErrorsAsync(this HttpResponseMessage response) =>
        (await response.ReadJsonAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name).ToArray();
}
