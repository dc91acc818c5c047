using System.Net;

namespace Tailor.Domains.Availability;

/// <summary>The system's DNS resolvers as /etc/resolv.conf lists them ("nameserver ADDRESS" lines).</summary>
public static class ResolvConf
{
    /// <summary>Where Unix systems keep the resolver configuration.</summary>
    public const string DefaultPath = "/etc/resolv.conf";

    /// <summary>The nameserver addresses in <paramref name="text"/>, in order, on port 53; comments and junk skipped.</summary>
    public static IReadOnlyList<IPEndPoint> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var servers = new List<IPEndPoint>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Split('#', ';')[0];
            var words = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            // A scoped IPv6 address ("fe80::1%eth0") parses too; the scope is kept.
            if (words.Length >= 2 && words[0] == "nameserver" && IPAddress.TryParse(words[1], out var address))
            {
                servers.Add(new IPEndPoint(address, 53));
            }
        }
        return servers;
    }

    /// <summary>The nameservers in the file at <paramref name="path"/>; none when it is missing or unreadable.</summary>
    public static IReadOnlyList<IPEndPoint> Read(string path = DefaultPath)
    {
        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
    }
}
