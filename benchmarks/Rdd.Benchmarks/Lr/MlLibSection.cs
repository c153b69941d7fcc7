namespace Rdd.Benchmarks.Lr;

/// <summary>
/// Part 2 of the <c>lr</c> benchmark lives here, and is deliberately not written yet: Rdd.MlLib (being written
/// alongside) has no <c>LogisticRegression</c> to call, so nothing in this file runs and <c>LrCommand</c> does not
/// call it. When MlLib lands, this section will, for each execution mode the command runs:
/// <list type="number">
/// <item>read the same data file as a DataFrame, <c>new SqlContext(sc).Read.Csv(path, header: true, inferSchema: true)</c>,
/// and assemble the feature columns with a <c>VectorAssembler</c> (<c>InputCols</c> = every column but <c>label</c>,
/// <c>OutputCol = "features"</c>); a LIBSVM <c>--input</c> has no CSV form, so the section says it is skipped;</item>
/// <item>time <c>new LogisticRegression { MaxIter = …, RegParam = 0 }.Fit(df)</c>, reading the iterations from
/// <c>model.Summary.TotalIterations</c> and the losses from <c>Summary.ObjectiveHistory</c>;</item>
/// <item>compare the time per optimizer iteration with floor (c) (<see cref="Workloads.FlatLogisticLoss"/>: one
/// flat SIMD loss and gradient pass per iteration, measured by this command in the same process), target within 1.5×,
/// and check the fitted model (loss at the fitted coefficients with <see cref="Workloads.FlatLogisticLoss.Evaluate"/>,
/// training accuracy) rather than comparing its coefficients with the floor's fixed number of gradient steps;</item>
/// <item>add its rows to the report, to <c>results.json</c> and to the chart.</item>
/// </list>
/// </summary>
internal static class MlLibSection
{
}
