using System.Net;
using System.Net.Sockets;

namespace Interview.Tests.Common;

public static class TestEnvironment
{
    /// <summary>A TCP port on loopback that nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// A new, empty folder under the system's temporary folder, for a gateway's or silo's DATA_DIR: tests
    /// never write into the repository, and never share a database unless they mean to.
    /// </summary>
    public static string NewDataDirectory()
    {
        var folder = Path.Combine(Path.GetTempPath(), "interview-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Removes a folder made by <see cref="NewDataDirectory"/>, with whatever the program left in it.</summary>
    public static void DeleteDataDirectory(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    /// <summary>The folder holding Interview.sln, found upwards from the test's output.</summary>
    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Interview.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Interview.sln not found above the test output");
    }
}
