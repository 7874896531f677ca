using System.Diagnostics;
using System.Globalization;
using TechSchoolAid.Kernel.Security;

namespace TechSchoolAid.Bench;

/// <summary>
/// SEC-3: per-call cost of the personal-data protector under both suites, on one thread, after a warm-up. The baseline
/// is the Standard suite (AES-256-GCM, HMAC-SHA256) measured in the same run; 国密 prints its ratio against it.
///   dotnet run -c Release --project bench/TechSchoolAid.Bench -- crypto [--calls N]
/// </summary>
internal static class CryptoBench
{
    public static Task RunAsync(string[] args)
    {
        var calls = int.TryParse(BenchHost.Option(args, "--calls"), CultureInfo.InvariantCulture, out var n) ? n : 1_000_000;
        var keys = new Dictionary<byte, byte[]> { [1] = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray() };
        var indexKey = Enumerable.Repeat((byte)7, 32).ToArray();
        var values = Enumerable.Range(0, 1024).Select(i => $"44052418800101{i % 10000:D4}").ToArray();
        var results = new Dictionary<(CryptoSuite, string), double>();
        foreach (var suite in new[] { CryptoSuite.Standard, CryptoSuite.GuoMi })
        {
            var protector = new PersonalDataProtector(suite, 1, keys, indexKey, null);
            var ciphers = values.Select(protector.Encrypt).ToArray();
            for (var round = 0; round < 2; round++)
            {
                // The first round warms up (JIT, per-thread state); the second is reported.
                results[(suite, "encrypt")] = PerCall(calls, i => protector.Encrypt(values[i & 1023]));
                results[(suite, "decrypt")] = PerCall(calls, i => protector.Decrypt(ciphers[i & 1023]));
                results[(suite, "blind index")] = PerCall(calls, i => protector.BlindIndex(values[i & 1023]));
            }
        }

        Console.WriteLine($"personal-data protector, one thread, {calls:N0} calls each (18-character ID numbers)");
        Console.WriteLine($"{"operation",-12} {"Standard µs",12} {"GuoMi µs",10} {"GuoMi / Standard",18}");
        foreach (var op in new[] { "encrypt", "decrypt", "blind index" })
        {
            var standard = results[(CryptoSuite.Standard, op)];
            var guoMi = results[(CryptoSuite.GuoMi, op)];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{op,-12} {standard,12:F2} {guoMi,10:F2} {guoMi / standard,17:F1}x"));
        }

        return Task.CompletedTask;
    }

    private static double PerCall(int calls, Action<int> call)
    {
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++)
        {
            call(i);
        }

        return sw.Elapsed.TotalMicroseconds / calls;
    }
}
