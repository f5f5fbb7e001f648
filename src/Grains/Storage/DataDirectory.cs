using Microsoft.Extensions.Configuration;

namespace Interview.Grains.Storage;

/// <summary>
/// DATA_DIR: the folder of the embedded default's store (README, "Configuration"); unset, a folder
/// <c>data</c> under the working directory. Checked at start-up like every other setting: a folder that
/// cannot be created or written stops the process with a message naming DATA_DIR.
/// </summary>
public static class DataDirectory
{
    public const string Setting = "DATA_DIR";
    public const string DefaultFolder = "data";

    public static string From(IConfiguration configuration)
    {
        var raw = configuration[Setting];
        var folder = string.IsNullOrWhiteSpace(raw) ? Path.Combine(Directory.GetCurrentDirectory(), DefaultFolder) : raw;
        try
        {
            folder = Path.GetFullPath(folder);
            Directory.CreateDirectory(folder);

            // Created is not writable (a read-only mount, another user's folder): find out now, not at the first keystroke.
            using (new FileStream(Path.Combine(folder, $".write-check-{Environment.ProcessId}"), FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InvalidOperationException($"{Setting} must be a folder this process can create and write, got '{raw ?? folder}': {exception.Message}", exception);
        }

        return folder;
    }
}
