// MSBuild task compiled by RoslynCodeTaskFactory (see TorchSharp.targets).
//
// Why: TorchSharp 0.107's libLibTorchSharp.so declares a version requirement on GLIBCXX_3.4.32
// (GCC 13) although the only symbol of that version, std::ios_base_library_init(), has no
// relocation and is never called. Debian 12's libstdc++ stops at GLIBCXX_3.4.30, so the dynamic
// loader refuses the library. Setting VER_FLG_WEAK (0x2) on that one Vernaux entry of
// .gnu.version_r turns the hard failure into nothing at all, and the library loads and runs.
//
// The patch is idempotent, touches only that flag, and writes through a temporary file so that a
// hard-linked copy (CreateHardLinksForCopyLocalIfPossible) never modifies the NuGet cache.
#nullable enable
using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class MarkGlibcxxWeak : Microsoft.Build.Utilities.Task
{
    const uint ShtGnuVerneed = 0x6ffffffe;
    const ushort VerFlgWeak = 0x2;

    [Required] public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();
    [Required] public string VersionName { get; set; } = "";

    /// <summary>Where the machine's libstdc++ may live; the first that exists decides.</summary>
    static readonly string[] LibStdCxxPaths =
    {
        "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib/aarch64-linux-gnu/libstdc++.so.6",
        "/usr/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6",
    };

    public override bool Execute()
    {
        string? libstdcxx = Array.Find(LibStdCxxPaths, File.Exists);
        if (libstdcxx is null)
        {
            Log.LogMessage(MessageImportance.Low, "No system libstdc++ found; nothing to patch.");
            return true;
        }
        if (Contains(File.ReadAllBytes(libstdcxx), Encoding.ASCII.GetBytes(VersionName + "\0")))
        {
            Log.LogMessage(MessageImportance.Low, $"{libstdcxx} provides {VersionName}; nothing to patch.");
            return true;
        }
        foreach (var item in Files)
        {
            var path = item.GetMetadata("FullPath");
            try
            {
                var bytes = File.ReadAllBytes(path);
                var result = Patch(bytes, VersionName);
                if (result == PatchResult.Patched)
                {
                    var tmp = path + ".glibcxx-tmp";
                    File.WriteAllBytes(tmp, bytes);
                    // Keep the timestamp so incremental builds see an unchanged file and skip the copy.
                    File.SetLastWriteTimeUtc(tmp, File.GetLastWriteTimeUtc(path));
                    File.Delete(path); // unlink first: a hard link's target stays untouched
                    File.Move(tmp, path);
                    Log.LogMessage(MessageImportance.High, $"Marked {VersionName} weak in {path}");
                }
                else
                {
                    Log.LogMessage(MessageImportance.Low, $"{path}: {result}");
                }
            }
            catch (Exception e)
            {
                Log.LogError($"Cannot mark {VersionName} weak in {path}: {e.Message}");
            }
        }
        return !Log.HasLoggedErrors;
    }

    static bool Contains(byte[] haystack, byte[] needle)
    {
        // Task code compiles against netstandard2.0: no span search, so a plain scan.
        for (int i = Array.IndexOf(haystack, needle[0]); i >= 0 && i <= haystack.Length - needle.Length;
             i = Array.IndexOf(haystack, needle[0], i + 1))
        {
            int j = 1;
            while (j < needle.Length && haystack[i + j] == needle[j]) j++;
            if (j == needle.Length) return true;
        }
        return false;
    }

    enum PatchResult { Patched, AlreadyWeak, NoSuchRequirement }

    static PatchResult Patch(byte[] elf, string versionName)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file");
        if (elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException("only 64-bit little-endian ELF is supported");

        ulong shoff = BitConverter.ToUInt64(elf, 0x28);
        int shentsize = BitConverter.ToUInt16(elf, 0x3A);
        int shnum = BitConverter.ToUInt16(elf, 0x3C);

        for (int i = 0; i < shnum; i++)
        {
            int sh = checked((int)shoff + i * shentsize);
            if (BitConverter.ToUInt32(elf, sh + 4) != ShtGnuVerneed) continue;

            int verneed = checked((int)BitConverter.ToUInt64(elf, sh + 0x18));
            int link = (int)BitConverter.ToUInt32(elf, sh + 0x28);
            int count = (int)BitConverter.ToUInt32(elf, sh + 0x2C);
            int strtab = checked((int)BitConverter.ToUInt64(elf, checked((int)shoff + link * shentsize) + 0x18));

            int need = verneed;
            for (int n = 0; n < count; n++)
            {
                int auxCount = BitConverter.ToUInt16(elf, need + 2);
                int aux = need + (int)BitConverter.ToUInt32(elf, need + 8);
                for (int a = 0; a < auxCount; a++)
                {
                    int nameOffset = strtab + (int)BitConverter.ToUInt32(elf, aux + 8);
                    int end = Array.IndexOf(elf, (byte)0, nameOffset);
                    if (Encoding.ASCII.GetString(elf, nameOffset, end - nameOffset) == versionName)
                    {
                        ushort flags = BitConverter.ToUInt16(elf, aux + 4);
                        if ((flags & VerFlgWeak) != 0) return PatchResult.AlreadyWeak;
                        BitConverter.GetBytes((ushort)(flags | VerFlgWeak)).CopyTo(elf, aux + 4);
                        return PatchResult.Patched;
                    }
                    aux += (int)BitConverter.ToUInt32(elf, aux + 12);
                }
                need += (int)BitConverter.ToUInt32(elf, need + 12);
            }
        }
        return PatchResult.NoSuchRequirement;
    }
}
