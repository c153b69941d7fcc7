using Apache.Arrow;
using Rdd.Core;
using Rdd.Sql;
using static Rdd.Sql.Functions;

namespace Rdd.MlLib.Evaluation;

/// <summary>
/// Reads the columns evaluators and summaries need out of a predictions frame, batch by batch: a score (a double
/// column, or one element of a vector column such as <c>rawPrediction</c> or <c>probability</c>), the label, the
/// weight (1 without a weight column), the prediction, the probability vector.
/// </summary>
internal static class PredictionColumns
{
    /// <summary>(score, label, weight) rows; the score is element <paramref name="element"/> of a vector column, or a double column's value.</summary>
    public static Rdd<(double Score, double Label, double Weight)> ScoresAndLabels(
        DataFrame predictions, string scoreCol, int element, string labelCol, string? weightCol)
    {
        var schema = predictions.Schema;
        var scoreType = SchemaUtils.Field(schema, scoreCol).DataType;
        bool isVector = scoreType == VectorType.Instance;
        if (!isVector)
        {
            SchemaUtils.CheckNumericColumn(schema, scoreCol);
        }
        SchemaUtils.CheckNumericColumn(schema, labelCol);
        bool weighted = !string.IsNullOrEmpty(weightCol);
        var frame = predictions.Select(Columns(schema, isVector ? Col(scoreCol) : Col(scoreCol).Cast("double"), labelCol, weightCol));
        return frame.Execute().FlatMap(batch =>
        {
            var labels = ((PrimitiveArray<double>)batch.Columns[1]).Values.ToArray();
            var weights = weighted ? ((PrimitiveArray<double>)batch.Columns[2]).Values.ToArray() : null;
            var scores = new double[batch.Length];
            if (isVector)
            {
                var vectors = new VectorColumn((StructArray)batch.Columns[0]);
                for (int i = 0; i < scores.Length; i++)
                {
                    scores[i] = vectors.IsNull(i) ? double.NaN : Element(vectors, i, element);
                }
            }
            else
            {
                ((PrimitiveArray<double>)batch.Columns[0]).Values.CopyTo(scores);
            }
            return Enumerable.Range(0, scores.Length).Select(i => (scores[i], labels[i], weights?[i] ?? 1.0));
        });
    }

    /// <summary>(prediction, label, weight) rows.</summary>
    public static Rdd<(double Prediction, double Label, double Weight)> PredictionsAndLabels(
        DataFrame predictions, string predictionCol, string labelCol, string? weightCol)
    {
        SchemaUtils.CheckNumericColumn(predictions.Schema, predictionCol);
        SchemaUtils.CheckNumericColumn(predictions.Schema, labelCol);
        bool weighted = !string.IsNullOrEmpty(weightCol);
        var frame = predictions.Select(Columns(predictions.Schema, Col(predictionCol).Cast("double"), labelCol, weightCol));
        return frame.Execute().FlatMap(batch =>
        {
            var predicted = ((PrimitiveArray<double>)batch.Columns[0]).Values.ToArray();
            var labels = ((PrimitiveArray<double>)batch.Columns[1]).Values.ToArray();
            var weights = weighted ? ((PrimitiveArray<double>)batch.Columns[2]).Values.ToArray() : null;
            return Enumerable.Range(0, predicted.Length).Select(i => (predicted[i], labels[i], weights?[i] ?? 1.0));
        });
    }

    /// <summary>(prediction, label, weight, probabilities) rows, for the log loss.</summary>
    public static Rdd<(double Prediction, double Label, double Weight, double[] Probability)> WithProbabilities(
        DataFrame predictions, string predictionCol, string labelCol, string? weightCol, string probabilityCol)
    {
        SchemaUtils.CheckNumericColumn(predictions.Schema, predictionCol);
        SchemaUtils.CheckNumericColumn(predictions.Schema, labelCol);
        SchemaUtils.CheckColumnType(predictions.Schema, probabilityCol, VectorType.Instance);
        bool weighted = !string.IsNullOrEmpty(weightCol);
        var columns = Columns(predictions.Schema, Col(predictionCol).Cast("double"), labelCol, weightCol).Append(Col(probabilityCol)).ToArray();
        var frame = predictions.Select(columns);
        return frame.Execute().FlatMap(batch =>
        {
            var predicted = ((PrimitiveArray<double>)batch.Columns[0]).Values.ToArray();
            var labels = ((PrimitiveArray<double>)batch.Columns[1]).Values.ToArray();
            var weights = weighted ? ((PrimitiveArray<double>)batch.Columns[2]).Values.ToArray() : null;
            var vectors = new VectorColumn((StructArray)batch.Columns[weighted ? 3 : 2]);
            var rows = new (double, double, double, double[])[predicted.Length];
            for (int i = 0; i < rows.Length; i++)
            {
                var probability = vectors.IsNull(i) ? [] : ((Vector)VectorType.Instance.Deserialize(vectors.Storage, i)).ToArray();
                rows[i] = (predicted[i], labels[i], weights?[i] ?? 1.0, probability);
            }
            return rows;
        });
    }

    private static Rdd.Sql.Column[] Columns(StructType schema, Rdd.Sql.Column first, string labelCol, string? weightCol)
    {
        var columns = new List<Rdd.Sql.Column> { first, Col(labelCol).Cast("double") };
        if (!string.IsNullOrEmpty(weightCol))
        {
            SchemaUtils.CheckNumericColumn(schema, weightCol);
            columns.Add(Col(weightCol).Cast("double"));
        }
        return [.. columns];
    }

    private static double Element(VectorColumn vectors, int row, int element)
    {
        if (vectors.IsDense(row))
        {
            var values = vectors.Values(row);
            return element < values.Length ? values[element] : throw new ArgumentException($"A vector of size {values.Length} has no element {element}.");
        }
        var indices = vectors.Indices(row);
        int k = indices.BinarySearch(element);
        return k >= 0 ? vectors.Values(row)[k] : 0.0;
    }
}
