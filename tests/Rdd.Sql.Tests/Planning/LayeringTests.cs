using System.Reflection;
using System.Reflection.Emit;
using Rdd.Sql.Planning.Logical;

namespace Rdd.Sql.Tests.Planning;

/// <summary>
/// STYLE 7.12: analysis and logical planning never reach into execution. Reads every signature and every
/// member the IL of those namespaces touches (lambdas included: they compile to nested types).
/// </summary>
public class LayeringTests
{
    private static readonly Dictionary<short, OpCode> s_opCodes = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    [Theory]
    [InlineData("Rdd.Sql.Planning.Logical")]
    [InlineData("Rdd.Sql.Analysis")]
    public void Namespace_DoesNotReferenceExecution(string ns)
    {
        var types = typeof(LogicalPlan).Assembly.GetTypes().Where(t => t.Namespace == ns).ToList();
        Assert.NotEmpty(types);

        var offending = types.SelectMany(ReferencedTypes)
            .Where(t => t.Namespace?.StartsWith("Rdd.Sql.Execution", StringComparison.Ordinal) == true)
            .Select(t => t.FullName)
            .Distinct()
            .ToList();

        Assert.Empty(offending);
    }

    [Fact]
    public void ReferencedTypes_OptimizerFoldingThroughKernels_IsDetected()
    {
        // Positive control: the optimizer may use kernels (FoldConstants evaluates through ArrayValues), and the
        // scan must see that use inside a method body.
        var referenced = typeof(Rdd.Sql.Planning.Optimizer.FoldConstants).Assembly.GetTypes()
            .Where(t => t.Namespace == "Rdd.Sql.Planning.Optimizer")
            .SelectMany(ReferencedTypes);

        Assert.Contains(referenced, t => t.FullName == "Rdd.Sql.Execution.Kernels.ArrayValues");
    }

    private static IEnumerable<Type> ReferencedTypes(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        if (type.BaseType is { } baseType)
        {
            yield return baseType;
        }
        foreach (var field in type.GetFields(all))
        {
            yield return field.FieldType;
        }
        foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            if (method is MethodInfo info)
            {
                yield return info.ReturnType;
            }
            foreach (var parameter in method.GetParameters())
            {
                yield return parameter.ParameterType;
            }
            foreach (var referenced in IlReferences(method))
            {
                yield return referenced;
            }
        }
    }

    private static IEnumerable<Type> IlReferences(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }
        var typeArgs = method.DeclaringType!.IsGenericType ? method.DeclaringType.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        int i = 0;
        while (i < il.Length)
        {
            short value = il[i] == 0xFE ? (short)(0xFE00 | il[i + 1]) : il[i];
            i += il[i] == 0xFE ? 2 : 1;
            var opCode = s_opCodes[value];
            switch (opCode.OperandType)
            {
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineType or OperandType.InlineTok:
                    var member = method.Module.ResolveMember(BitConverter.ToInt32(il, i), typeArgs, methodArgs);
                    if (member is Type t)
                    {
                        yield return t;
                    }
                    else if (member?.DeclaringType is { } declaring)
                    {
                        yield return declaring;
                    }
                    i += 4;
                    break;
                case OperandType.InlineSwitch:
                    i += 4 + (4 * BitConverter.ToInt32(il, i));
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    i += 8;
                    break;
                case OperandType.InlineBrTarget or OperandType.InlineI or OperandType.InlineSig or OperandType.InlineString or OperandType.ShortInlineR:
                    i += 4;
                    break;
                case OperandType.InlineVar:
                    i += 2;
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    i += 1;
                    break;
            }
        }
    }
}
