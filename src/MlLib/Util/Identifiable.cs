using System.Security.Cryptography;

namespace Rdd.MlLib;

/// <summary>Spark's <c>Identifiable.randomUID</c>: a prefix and 12 random hex digits.</summary>
internal static class Identifiable
{
    public static string RandomUid(string prefix) => $"{prefix}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";
}
