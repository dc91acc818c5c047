using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using DnsClient;

namespace Tailor.Domains.Tests.Availability;

/// <summary>
/// A real DNS server for the availability tests: dnsmasq on loopback and a free port, with no upstream (so nothing
/// leaves the machine), logging every query to a file, killed on dispose. On 127.0.0.1 it answers authoritatively
/// (NS records, NXDOMAIN with the zone's SOA); on 127.0.0.2 it answers like a recursive resolver does (no NS
/// answers, bare NXDOMAIN), which is the other path through the checker. It serves:
/// <list type="bullet">
/// <item>the zone "test" authoritatively (SOA and NS "ns.test"), so unknown names under it get NXDOMAIN with the
/// zone's SOA;</item>
/// <item>"taken.test" as a zone of its own (NS and SOA records): a registered, delegated name;</item>
/// <item>"parked.test" with only an A record: a name that exists without NS;</item>
/// <item>nothing under "gone", not even a zone: NXDOMAIN without a SOA, as for a TLD that does not exist;</item>
/// <item>nothing else: other names are refused (no upstream).</item>
/// </list>
/// The binary is $TAILOR_DNSMASQ, /usr/sbin/dnsmasq or dnsmasq on PATH; Debian's dnsmasq-base package has it (no
/// system service). Under root it keeps root (--user=root) instead of switching to "nobody".
/// </summary>
public sealed class DnsmasqServer : IDisposable
{
    public const string InstallHint =
        "dnsmasq is needed for the DNS availability tests (a real DNS server on loopback). Install it with " +
        "'apt-get install -y --no-install-recommends dnsmasq-base' (Debian/Ubuntu; no system service), or point " +
        "TAILOR_DNSMASQ at the binary.";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "tailor-dnsmasq-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly string? _binary;
    private Process? _process;

    public DnsmasqServer()
    {
        _binary = FindBinary();
        if (_binary is null)
        {
            Error = InstallHint;
            return;
        }
        Directory.CreateDirectory(_root);
        var failures = new List<string>();
        // A port found free may be taken before dnsmasq binds it: try a few.
        for (var attempt = 0; attempt < 3 && _process is null; attempt++)
        {
            var failure = TryStart(FreeUdpPort());
            if (failure is not null)
            {
                failures.Add(failure);
            }
        }
        if (_process is null)
        {
            Error = "The test dnsmasq did not start: " + string.Join(" | ", failures) + "\n" + InstallHint;
        }
    }

    /// <summary>Why the server is not running, or null.</summary>
    public string? Error { get; private set; }

    /// <summary>Where the server answers as the authority for its zones.</summary>
    public IPEndPoint Endpoint { get; private set; } = new(IPAddress.Loopback, 0);

    /// <summary>Where the same server answers as a recursive resolver (not authoritative).</summary>
    public IPEndPoint RecursiveEndpoint { get; private set; } = new(RecursiveAddress, 0);

    private static IPAddress RecursiveAddress => IPAddress.Parse("127.0.0.2");

    private string LogPath => Path.Combine(_root, "queries.log");

    /// <summary>
    /// Skips the test where dnsmasq is not installed (reported as skipped, never as passed), unless
    /// TAILOR_REQUIRE_DNSMASQ=1 (set by .ci/run, which installs it) makes that a failure; a dnsmasq that is there but
    /// does not start always fails the test.
    /// </summary>
    public void Require()
    {
        var required = Environment.GetEnvironmentVariable("TAILOR_REQUIRE_DNSMASQ") == "1";
        Skip.If(_binary is null && !required, InstallHint);
        if (Error is not null)
        {
            Assert.Fail(Error);
        }
    }

    /// <summary>How many queries of <paramref name="type"/> ("NS", "SOA", "A") for <paramref name="name"/> the server has logged.</summary>
    public int Queries(string name, string type)
    {
        // "auth[NS] x from" on the authoritative address, "query[NS] x from" on the other.
        var marker = $"[{type}] {name} from ";
        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var count = 0;
        while (reader.ReadLine() is { } line)
        {
            if (line.Contains(marker, StringComparison.Ordinal))
            {
                count++;
            }
        }
        return count;
    }

    /// <summary>
    /// The query count once the log has caught up: dnsmasq writes its log asynchronously, so this waits until the
    /// count reaches <paramref name="atLeast"/> (or a second passes) and then a little longer for stragglers.
    /// </summary>
    public async Task<int> QueriesSettledAsync(string name, string type, int atLeast)
    {
        var clock = Stopwatch.StartNew();
        while (Queries(name, type) < atLeast && clock.Elapsed < TimeSpan.FromSeconds(1))
        {
            await Task.Delay(20);
        }
        await Task.Delay(200);
        return Queries(name, type);
    }

    public void Dispose()
    {
        if (_process is not null)
        {
            try
            {
                _process.Kill();
                _process.WaitForExit(5_000);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            _process.Dispose();
        }
        try
        {
            if (Directory.Exists(_root))
            {
                Directory.Delete(_root, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort, like TempDirectory.
        }
    }

    private string? TryStart(int port)
    {
        var info = new ProcessStartInfo(_binary!) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        string[] arguments =
        [
            "--conf-file=/dev/null", "--no-resolv", "--no-hosts", "--keep-in-foreground",
            "--listen-address=127.0.0.1,127.0.0.2", "--bind-interfaces", "--port=" + port.ToString(CultureInfo.InvariantCulture),
            "--pid-file=" + Path.Combine(_root, "dnsmasq.pid"), "--log-queries", "--log-facility=" + LogPath,
            // No answer cache: every query the checker sends must reach the log.
            "--cache-size=0",
            "--local=/test/", "--local=/gone/", "--auth-server=ns.test,127.0.0.1", "--auth-zone=test", "--auth-zone=taken.test",
            "--host-record=ns.test,127.0.0.1", "--host-record=parked.test,127.0.0.1",
        ];
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        if (Environment.IsPrivilegedProcess)
        {
            info.ArgumentList.Add("--user=root");
        }
        var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        Endpoint = new IPEndPoint(IPAddress.Loopback, port);
        RecursiveEndpoint = new IPEndPoint(RecursiveAddress, port);
        var client = new LookupClient(new LookupClientOptions(new NameServer(Endpoint))
        {
            UseCache = false, Timeout = TimeSpan.FromMilliseconds(200), Retries = 0, ThrowDnsErrors = false,
        });
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (process.HasExited)
            {
                var message = $"dnsmasq exited with {process.ExitCode} on port {port}: {stderr.Result.Trim()}";
                process.Dispose();
                return message;
            }
            try
            {
                if (client.Query("ns.test", QueryType.A).Answers.Count > 0)
                {
                    _process = process;
                    return null;
                }
            }
            catch (DnsResponseException)
            {
                // Not listening yet.
            }
            Thread.Sleep(50);
        }
        process.Kill();
        process.Dispose();
        return $"dnsmasq did not answer on port {port} within 10 s.";
    }

    private static string? FindBinary()
    {
        var configured = Environment.GetEnvironmentVariable("TAILOR_DNSMASQ");
        if (!string.IsNullOrEmpty(configured) && File.Exists(configured))
        {
            return configured;
        }
        if (File.Exists("/usr/sbin/dnsmasq"))
        {
            return "/usr/sbin/dnsmasq";
        }
        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, "dnsmasq")).FirstOrDefault(File.Exists);
    }

    private static int FreeUdpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
