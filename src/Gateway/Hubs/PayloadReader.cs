using System.Text.Json;
using Interview.Shared.Text;

namespace Interview.Gateway.Hubs;

/// <summary>Field access with the protocol's rules (docs/protocol.md, "Limits"); every violation throws the error event to send back.</summary>
public readonly struct PayloadReader
{
    private readonly JsonElement _payload;

    public PayloadReader(JsonElement payload)
    {
        if (payload.ValueKind != JsonValueKind.Object)
        {
            throw new HubErrorException(new ErrorPayload("The payload must be a JSON object", ErrorCodes.InvalidPayload));
        }

        _payload = payload;
    }

    public Guid SessionId()
    {
        var value = RequiredString("sessionId");
        return SessionIds.IsUuidV4(value)
            ? Guid.Parse(value)
            : throw new HubErrorException(new ErrorPayload(
                "Invalid session ID format", ErrorCodes.InvalidSession, new Dictionary<string, string> { ["sessionId"] = value }));
    }

    /// <summary>sessionId as sent, once <see cref="SessionId"/> has checked it.</summary>
    public string SessionIdText() => RequiredString("sessionId");

    public string UserId()
    {
        var value = RequiredString("userId");
        return SessionIds.IsUuid(value) ? SessionIds.Normalize(value) : throw Invalid("userId", "userId must be a UUID");
    }

    /// <summary>
    /// userId at the Socket.IO door (docs/protocol.md, "The Socket.IO door"): 1 to 64 letters, digits, '-'
    /// or '_', as clients of the Socket.IO era send them ("test-user-1"); a UUID is kept in lower case, as the hub keeps it.
    /// </summary>
    public string PlainUserId()
    {
        var value = RequiredString("userId");
        return SessionIds.IsUuid(value) ? SessionIds.Normalize(value)
            : value.Length is > 0 and <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? value
            : throw Invalid("userId", "userId is 1 to 64 letters, digits, '-' or '_'");
    }

    /// <summary>username: optional (Anonymous); one with nothing visible in it is refused, not shown as blank.</summary>
    public string Username()
    {
        var value = OptionalString("username");
        return Usernames.IsBlank(value)
            ? throw Invalid("username", "A name needs a visible character; leave username out to join as Anonymous")
            : Usernames.Clean(value);
    }

    /// <summary>userToken: the secret session-joined gave this user; required to join as a present user.</summary>
    public string? OptionalUserToken() => OptionalString("userToken") switch
    {
        null => null,
        var token when UserTokens.IsWellFormed(token) => token,
        _ => throw Invalid("userToken", "userToken must be the token session-joined gave you"),
    };

    /// <summary>interviewerKey: any string, checked by the session (a wrong one of any shape is FORBIDDEN, never told apart); only a non-string is refused here.</summary>
    public string? OptionalInterviewerKey() => OptionalString("interviewerKey");

    public long? OptionalNotesRevision() =>
        _payload.TryGetProperty("notesRevision", out var value) && value.ValueKind != JsonValueKind.Null ? Count("notesRevision", minimum: 0) : null;

    /// <summary>document: absent or "code" for the code, "notes" for the interviewer notes (docs/protocol.md, "Roles, notes, ending and activity").</summary>
    public string? Document() => OptionalString("document") switch
    {
        null or Documents.Code => null,
        Documents.Notes => Documents.Notes,
        var other => throw Invalid("document", $"Unknown document '{other}'; leave it out or use \"code\" or \"notes\""),
    };

    /// <summary>An activity report: its kind and the whole numbers it may carry, each checked for type here and for range by the session.</summary>
    public CandidateActivity Activity()
    {
        var kind = RequiredString("kind");
        return new CandidateActivity(kind, OptionalWhole("chars", int.MaxValue) is { } chars ? (int)chars : null,
            OptionalWhole("lines", int.MaxValue) is { } lines ? (int)lines : null, OptionalWhole("awayMs", long.MaxValue));
    }

    private long? OptionalWhole(string name, long maximum) =>
        !_payload.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number >= 0 && number <= maximum ? number
        : throw Invalid(name, $"{name} must be a whole number from 0 to {maximum}");

    public string Code()
    {
        var value = RequiredString("code");
        return Limits.CodeFits(value) ? value : throw Invalid("code", $"Code exceeds the {Limits.MaxCodeBytes / 1024} KB limit");
    }

    public string Language()
    {
        var value = RequiredString("language");
        return Languages.IsKnown(value) ? value : throw Invalid("language", $"Unknown language '{value}'; use {Languages.Listed()}");
    }

    /// <summary>language where it may be left out (code-change at the Socket.IO door): checked when given.</summary>
    public string? OptionalLanguage() => OptionalString("language") is null ? null : Language();

    /// <summary>protocol: absent for full-text clients, "ot" for protocol "ot" (docs/protocol.md, "Joining").</summary>
    public string? Protocol() => OptionalString("protocol") switch
    {
        null => null,
        OtProtocol.Name => OtProtocol.Name,
        var other => throw Invalid("protocol", $"Unknown protocol '{other}'; leave it out or use \"ot\""),
    };

    public long? OptionalRevision() =>
        _payload.TryGetProperty("revision", out var value) && value.ValueKind != JsonValueKind.Null ? Revision() : null;

    public long Revision() => Count("revision", minimum: 0);

    public long Seq() => Count("seq", minimum: 1);

    /// <summary>join-session's clientId: optional, the rejoining tab's, checked as submit-operation's.</summary>
    public string? OptionalClientId() => OptionalString("clientId") is null ? null : ClientId();

    public string ClientId()
    {
        var value = RequiredString("clientId");
        return value.Length is > 0 and <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? value
            : throw Invalid("clientId", "clientId is 1 to 64 letters, digits, '-' or '_'");
    }

    public TextOperation Operation()
    {
        if (!_payload.TryGetProperty("operation", out var value))
        {
            throw Invalid("operation", "operation is required");
        }

        try
        {
            return value.Deserialize<TextOperation>() ?? throw Invalid("operation", "operation is required");
        }
        catch (TextOperationException exception)
        {
            throw Invalid("operation", exception.Message);
        }
    }

    public IReadOnlyList<SelectionRange> Selections()
    {
        if (!_payload.TryGetProperty("selections", out var value) || value.ValueKind != JsonValueKind.Array)
        {
            throw Invalid("selections", "selections is required: an array of {anchor, head}");
        }

        return value.EnumerateArray().Select(selection =>
            selection.ValueKind == JsonValueKind.Object
            && selection.TryGetProperty("anchor", out var anchor) && anchor.TryGetInt32(out var a)
            && selection.TryGetProperty("head", out var head) && head.TryGetInt32(out var h)
                ? new SelectionRange(a, h)
                : throw Invalid("selections", "each selection is {anchor, head} with integer offsets")).ToList();
    }

    /// <summary>An execution-result's run, each field checked (docs/protocol.md, "Runs"): the result shape plus language, errorCode, line, input and an SQL run's tables.</summary>
    public ExecutionResultPayload ExecutionRun()
    {
        var sessionId = SessionIdText();
        var language = Language();
        var success = _payload.TryGetProperty("success", out var flag) && flag.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? flag.GetBoolean()
            : throw Invalid("success", "success is required: true or false");
        var output = Output("output", OptionalString("output") ?? string.Empty);
        var error = OptionalString("error") is { } text ? Output("error", text) : null;
        var time = _payload.TryGetProperty("executionTime", out var ms) && ms.ValueKind == JsonValueKind.Number
            && ms.TryGetDouble(out var milliseconds) && milliseconds is >= 0 and <= Limits.MaxExecutionMilliseconds
                ? (long)Math.Round(milliseconds)
                : throw Invalid("executionTime", $"executionTime is required: milliseconds from 0 to {Limits.MaxExecutionMilliseconds}");
        var code = OptionalString("errorCode") switch
        {
            null => null,
            var known and (ErrorCodes.ExecutionTimeout or ErrorCodes.ExecutionError) => known,
            var other => throw Invalid("errorCode", $"Unknown errorCode '{other}'; use {ErrorCodes.ExecutionTimeout} or {ErrorCodes.ExecutionError}"),
        };
        int? line = !_payload.TryGetProperty("line", out var number) || number.ValueKind == JsonValueKind.Null ? null
            : number.ValueKind == JsonValueKind.Number && number.TryGetInt32(out var l) && l >= 1 ? l
            : throw Invalid("line", "line must be a whole number of at least 1");
        var logs = Logs();
        var input = OptionalString("input") is { } programInput ? ProgramInput(programInput) : null;
        return new ExecutionResultPayload(sessionId, language, success, output, error, time, logs, code, line, input, Tables(language));
    }

    /// <summary>
    /// tables: optional, what an SQL run's statements returned (docs/protocol.md, "SQL results"), each table
    /// whole and all of them within the output limit together, by the measure the browser cuts them to.
    /// </summary>
    private IReadOnlyList<ResultTable>? Tables(string language)
    {
        if (!_payload.TryGetProperty("tables", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (language != Languages.Sql)
        {
            throw Invalid("tables", $"tables are an SQL run's; leave them out of a {language} run");
        }

        if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > Limits.MaxTables)
        {
            throw Invalid("tables", $"tables holds {value.GetArrayLength()} results; a run shows at most {Limits.MaxTables}");
        }

        var tables = value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select((table, index) => Table(table, $"tables[{index}]")).ToList()
            : throw Invalid("tables", "tables must be an array of {columns, rows, rowCount, line}");
        // An SQL run whose statements returned no columns has no tables: absent, as in any other run.
        return Limits.TablesFit(tables)
            ? tables.Count == 0 ? null : tables
            : throw Invalid("tables", $"tables exceed the {Limits.MaxOutputBytes / 1024} KB output limit; cut their rows first");
    }

    private static ResultTable Table(JsonElement table, string name)
    {
        if (table.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("tables", $"{name} must be an object: {{columns, rows, rowCount, line}}");
        }

        var columns = Columns(table, name);
        var rows = Rows(table, name, columns.Count);
        var rowCount = table.TryGetProperty("rowCount", out var count) && count.ValueKind == JsonValueKind.Number
            && count.TryGetInt64(out var all) && all >= rows.Count
                ? all
                : throw Invalid("tables", $"{name}.rowCount is required: a whole number, no fewer than the rows it holds ({rows.Count})");
        int? line = !table.TryGetProperty("line", out var number) || number.ValueKind == JsonValueKind.Null ? null
            : number.ValueKind == JsonValueKind.Number && number.TryGetInt32(out var l) && l >= 1 ? l
            : throw Invalid("tables", $"{name}.line must be a whole number of at least 1, or null");
        return new ResultTable(columns, rows, rowCount, line);
    }

    private static IReadOnlyList<string> Columns(JsonElement table, string name) =>
        table.TryGetProperty("columns", out var columns) && columns.ValueKind == JsonValueKind.Array && columns.GetArrayLength() > 0
            && columns.EnumerateArray().All(column => column.ValueKind == JsonValueKind.String)
                ? columns.EnumerateArray().Select(column => Text(column, "tables")).ToList()
                : throw Invalid("tables", $"{name}.columns is required: an array of at least one column name, each a string");

    private static IReadOnlyList<IReadOnlyList<string?>> Rows(JsonElement table, string name, int width)
    {
        if (!table.TryGetProperty("rows", out var rows) || rows.ValueKind != JsonValueKind.Array)
        {
            throw Invalid("tables", $"{name}.rows is required: an array of rows, each an array of cells");
        }

        if (rows.GetArrayLength() > Limits.MaxTableRows)
        {
            throw Invalid("tables", $"{name}.rows holds {rows.GetArrayLength()} rows; a table shows at most {Limits.MaxTableRows}, rowCount says how many there were");
        }

        return rows.EnumerateArray().Select((row, index) => Row(row, $"{name}.rows[{index}]", width)).ToList();
    }

    private static IReadOnlyList<string?> Row(JsonElement row, string name, int width)
    {
        if (row.ValueKind != JsonValueKind.Array)
        {
            throw Invalid("tables", $"{name} must be an array of cells");
        }

        if (row.GetArrayLength() != width)
        {
            throw Invalid("tables", $"{name} has {row.GetArrayLength()} cells; its table has {width} columns");
        }

        return row.EnumerateArray().Select(cell => cell.ValueKind switch
        {
            JsonValueKind.String => Text(cell, "tables"),
            JsonValueKind.Null => null,
            _ => throw Invalid("tables", $"{name} holds a cell that is neither a string nor null (SQL NULL)"),
        }).ToList();
    }

    /// <summary>logs: optional, an array of strings within the output limit all together.</summary>
    private IReadOnlyList<string> Logs()
    {
        if (!_payload.TryGetProperty("logs", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        var logs = value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(entry => entry.ValueKind == JsonValueKind.String)
            ? value.EnumerateArray().Select(entry => Text(entry, "logs")).ToList()
            : throw Invalid("logs", "logs must be an array of strings");
        return Limits.LogsFit(logs) ? logs : throw Invalid("logs", $"logs exceed the {Limits.MaxOutputBytes / 1024} KB output limit; cut them first");
    }

    /// <summary>input-change's input: required, a string of at most 10 KB.</summary>
    public string ProgramInput() =>
        ProgramInput(OptionalString("input") ?? throw Invalid("input", "input is required: the whole program input, a string"));

    /// <summary>input: the program input, at most 10 KB (input-change's, and a run's).</summary>
    public static string ProgramInput(string input) =>
        Limits.InputFits(input) ? input : throw Invalid("input", $"input exceeds the {Limits.MaxInputBytes / 1024} KB limit of the program input");

    private static string Output(string field, string text) =>
        Limits.OutputFits(text) ? text : throw Invalid(field, $"{field} exceeds the {Limits.MaxOutputBytes / 1024} KB output limit; cut it first");

    public string? OptionalString(string name) =>
        !_payload.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? Text(value, name)
        : throw Invalid(name, $"{name} must be a string");

    private long Count(string name, long minimum) =>
        _payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var count) && count >= minimum
            ? count
            : throw Invalid(name, $"{name} is required: a whole number of at least {minimum}");

    private string RequiredString(string name) =>
        _payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? Text(value, name)
            : throw Invalid(name, $"{name} is required and must be a string");

    /// <summary>A string's text; JSON may escape a lone surrogate (\uD83D), which is no text .NET can hold.</summary>
    private static string Text(JsonElement value, string field)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw Invalid(field, $"{field} must be well-formed text: it holds half of a surrogate pair");
        }
    }

    private static HubErrorException Invalid(string field, string message) =>
        new(SessionErrors.InvalidField(field, message));
}
