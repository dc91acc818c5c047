using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Tailor.Evaluation.Tests.Store;

/// <summary>
/// A throwaway PostgreSQL server for the tests: initdb into a temp folder, started with pg_ctl on a Unix socket in
/// that folder (no TCP), trust authentication, fsync off; stopped and deleted on dispose. The binaries are looked up
/// in $TAILOR_PG_BIN, then /usr/lib/postgresql/*/bin (Debian), then PATH. initdb refuses root, so under root the
/// server runs as the "postgres" user (runuser). When it cannot start, <see cref="Error"/> says why and how to fix it.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    public const string InstallHint =
        "PostgreSQL server binaries (initdb, pg_ctl) are needed for the PostgreSQL run store tests. Install them with " +
        "'apt-get install -y --no-install-recommends postgresql' (Debian/Ubuntu; under root the 'postgres' user it " +
        "creates runs the server), or point TAILOR_PG_BIN at the folder holding initdb and pg_ctl.";

    private readonly string root = Path.Combine("/tmp", "tailor-pg-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly string? bin;
    private readonly int port;
    private int databases;

    public PostgresServer()
    {
        bin = FindBinaries();
        if (bin is null)
        {
            Error = InstallHint;
            return;
        }
        try
        {
            port = FreePort();
            Directory.CreateDirectory(Path.Combine(root, "sock"));
            if (Environment.IsPrivilegedProcess)
            {
                Run("chown", ["-R", "postgres:postgres", root], asPostgres: false);
            }
            Run(Path.Combine(bin, "initdb"), ["-D", Data, "--username=postgres", "--auth=trust", "--no-sync", "--encoding=UTF8", "--locale=C"]);
            var options = string.Create(CultureInfo.InvariantCulture, $"-p {port} -k {Socket} -c listen_addresses= -c fsync=off");
            Run(Path.Combine(bin, "pg_ctl"), ["-D", Data, "-l", Path.Combine(root, "server.log"), "-w", "-t", "30", "-o", options, "start"]);
        }
        catch (InvalidOperationException e)
        {
            Error = "The test PostgreSQL server did not start: " + e.Message + "\n" + InstallHint;
        }
    }

    /// <summary>Why the server is not running, or null.</summary>
    public string? Error { get; }

    private string Data => Path.Combine(root, "data");

    private string Socket => Path.Combine(root, "sock");

    /// <summary>
    /// Creates a fresh database and returns its connection string. Without PostgreSQL binaries the test is skipped
    /// (reported as skipped, never as passed) so <c>dotnet test</c> works on a fresh machine, unless
    /// TAILOR_REQUIRE_POSTGRES=1 (set by .ci/run, which installs them) makes it a failure; binaries that are there but
    /// do not start always fail the test.
    /// </summary>
    public string CreateDatabase()
    {
        var required = Environment.GetEnvironmentVariable("TAILOR_REQUIRE_POSTGRES") == "1";
        Skip.If(bin is null && !required, InstallHint);
        if (Error is not null)
        {
            Assert.Fail(Error);
        }
        var name = "t" + Interlocked.Increment(ref databases).ToString(CultureInfo.InvariantCulture);
        using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            connection.Open();
            using var command = connection.CreateCommand();
#pragma warning disable CA2100 // The name is made here from a counter.
            command.CommandText = "CREATE DATABASE " + name;
#pragma warning restore CA2100
            command.ExecuteNonQuery();
        }
        return ConnectionString(name);
    }

    public void Dispose()
    {
        if (bin is not null && Directory.Exists(Data))
        {
            try
            {
                Run(Path.Combine(bin, "pg_ctl"), ["-D", Data, "-m", "immediate", "-w", "stop"]);
            }
            catch (InvalidOperationException)
            {
                // Not started: nothing to stop.
            }
        }
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort, like TempDirectory.
        }
    }

    private string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = Socket, Port = port, Username = "postgres", Database = database, Pooling = false }.ConnectionString;

    private static string? FindBinaries()
    {
        static bool Has(string? folder) => folder is not null && File.Exists(Path.Combine(folder, "initdb")) && File.Exists(Path.Combine(folder, "pg_ctl"));
        var configured = Environment.GetEnvironmentVariable("TAILOR_PG_BIN");
        if (Has(configured))
        {
            return configured;
        }
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            var debian = Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(Has)
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0)
                .FirstOrDefault();
            if (debian is not null)
            {
                return debian;
            }
        }
        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).FirstOrDefault(Has);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs a program (as "postgres" when this process is root), throwing with its output if it fails.</summary>
    private static void Run(string program, IReadOnlyList<string> arguments, bool asPostgres = true)
    {
        var info = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (asPostgres && Environment.IsPrivilegedProcess)
        {
            info.FileName = "runuser";
            info.ArgumentList.Add("-u");
            info.ArgumentList.Add("postgres");
            info.ArgumentList.Add("--");
            info.ArgumentList.Add(program);
        }
        else
        {
            info.FileName = program;
        }
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException(program + " did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{info.FileName}: {e.Message}", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(60_000))
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"{program} timed out.");
            }
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {stderr.Result}{stdout.Result}");
            }
        }
    }
}
