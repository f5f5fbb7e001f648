using System.Text.Json;
using System.Text.Json.Serialization;
using Interview.Shared.Contracts;

namespace Interview.Client.Playback;

/// <summary>
/// The recording's pages read by generated code rather than by reflection: in the browser's interpreted
/// .NET, reflection-based reading of 100,000 events took most of a minute.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(RecordingPage))]
internal sealed partial class RecordingJson : JsonSerializerContext;
