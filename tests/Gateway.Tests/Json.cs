using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Interview.Gateway.Tests;

public static class Json
{
    public static HttpContent Body(object value) => JsonContent.Create(value);

    public static HttpContent Raw(string text) => new StringContent(text, Encoding.UTF8, "application/json");

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>The object's property names, to check a payload carries exactly what the spec says.</summary>
    public static string[] Keys(JsonElement element) => element.EnumerateObject().Select(p => p.Name).Order().ToArray();

    public static string Str(this JsonElement element, string name) => element.GetProperty(name).GetString()!;

    public static int Int(this JsonElement element, string name) => element.GetProperty(name).GetInt32();
}
