using System.Text.Json.Nodes;
using Rdd.Sql;

namespace Rdd.MlLib;

/// <summary>
/// A sequence of stages fitted in order (Spark ML's <c>Pipeline</c>): each <see cref="Estimator"/> is fitted on the
/// frame as transformed by the stages before it and replaced by its model, each <see cref="Transformer"/> is kept as
/// it is; the result is a <see cref="PipelineModel"/> that applies them all.
/// </summary>
public sealed class Pipeline : Estimator<PipelineModel>, IMlWritable
{
    /// <summary>An empty pipeline; set <see cref="Stages"/>.</summary>
    public Pipeline()
        : base("pipeline")
    {
    }

    /// <summary>The stages, in order.</summary>
    public PipelineStage[] Stages { get; set; } = [];

    /// <summary>A copy whose stages are copies with <paramref name="extra"/>'s values applied (a grid can tune any stage).</summary>
    public override PipelineStage Copy(ParamMap? extra = null)
    {
        var copy = (Pipeline)base.Copy(extra);
        copy.Stages = [.. Stages.Select(s => s.Copy(extra))];
        return copy;
    }

    /// <inheritdoc />
    public override StructType TransformSchema(StructType schema)
    {
        CheckStages();
        return Stages.Aggregate(schema, (current, stage) => stage.TransformSchema(current));
    }

    /// <inheritdoc />
    protected override Model FitModel(DataFrame dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        TransformSchema(dataset.Schema);
        int lastEstimator = Array.FindLastIndex(Stages, s => s is Estimator);
        var fitted = new List<Transformer>();
        var current = dataset;
        for (int i = 0; i < Stages.Length; i++)
        {
            var transformer = Stages[i] switch
            {
                Estimator estimator when i <= lastEstimator => estimator.Fit(current),
                Transformer t => t,
                var other => throw new ArgumentException($"Pipeline stage {i} ({other}) is neither an Estimator nor a Transformer.", nameof(Stages)),
            };
            fitted.Add(transformer);
            if (i < lastEstimator)
            {
                current = transformer.Transform(current);
            }
        }
        return new PipelineModel(Uid, [.. fitted]) { Parent = this };
    }

    private void CheckStages()
    {
        if (Stages is null || Stages.Any(s => s is null))
        {
            throw new ArgumentException("Pipeline stages must be set and not null.", nameof(Stages));
        }
        var duplicate = Stages.GroupBy(s => s.Uid).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Pipeline stages must be distinct instances; '{duplicate.Key}' appears {duplicate.Count()} times.", nameof(Stages));
        }
    }

    /// <inheritdoc />
    public MlWriter Write => new(this);

    /// <inheritdoc />
    public void Save(string path) => Write.Save(path);

    void IMlWritable.SaveTo(string directory) => PipelineModel.SaveStages(directory, this, Stages);

    /// <summary>Loads a pipeline saved with <see cref="Save"/> (its stages unfitted).</summary>
    public static Pipeline Load(string path)
    {
        var metadata = ModelPersistence.ReadMetadata(path, typeof(Pipeline));
        return new Pipeline { Uid = metadata.Uid, Stages = PipelineModel.LoadStages(path, metadata) };
    }
}

/// <summary>The fitted stages of a <see cref="Pipeline"/>, applied in order by <see cref="Transform"/> (Spark's <c>PipelineModel</c>).</summary>
public sealed class PipelineModel : Model, IMlWritable
{
    internal PipelineModel(string uid, Transformer[] stages)
        : base("pipeline")
    {
        Uid = uid;
        Stages = stages;
    }

    /// <summary>The fitted stages, in order.</summary>
    public Transformer[] Stages { get; }

    /// <inheritdoc />
    public override StructType TransformSchema(StructType schema) => Stages.Aggregate(schema, (current, stage) => stage.TransformSchema(current));

    /// <inheritdoc />
    public override DataFrame Transform(DataFrame dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        TransformSchema(dataset.Schema);
        return Stages.Aggregate(dataset, (current, stage) => stage.Transform(current));
    }

    /// <inheritdoc />
    public MlWriter Write => new(this);

    /// <inheritdoc />
    public void Save(string path) => Write.Save(path);

    void IMlWritable.SaveTo(string directory) => SaveStages(directory, this, Stages);

    /// <summary>Loads a model saved with <see cref="Save"/>; every stage must itself be loadable.</summary>
    public static PipelineModel Load(string path)
    {
        var metadata = ModelPersistence.ReadMetadata(path, typeof(PipelineModel));
        var stages = LoadStages(path, metadata);
        var transformers = stages.Select((s, i) => s as Transformer
            ?? throw new InvalidDataException($"'{path}': stage {i} is a {s.GetType().Name}, not a fitted transformer.")).ToArray();
        return new PipelineModel(metadata.Uid, transformers);
    }

    /// <summary>Spark's layout: the metadata lists the stage uids; each stage is saved under <c>stages/{index}_{uid}</c>.</summary>
    internal static void SaveStages(string directory, PipelineStage owner, IReadOnlyList<PipelineStage> stages)
    {
        var names = new JsonArray();
        for (int i = 0; i < stages.Count; i++)
        {
            if (stages[i] is not IMlWritable writable)
            {
                throw new NotSupportedException($"Pipeline stage {i} ({stages[i]}) cannot be saved: {stages[i].GetType().Name} is not IMlWritable.");
            }
            names.Add(JsonValue.Create(stages[i].Uid));   // not Add<string>, which needs reflection-based serialization
            string folder = Path.Combine(directory, "stages", $"{i}_{stages[i].Uid}");
            Directory.CreateDirectory(folder);
            writable.SaveTo(folder);
        }
        ModelPersistence.WriteMetadata(directory, owner, new JsonObject { ["stageUids"] = names });
    }

    internal static PipelineStage[] LoadStages(string path, ModelPersistence.SavedMetadata metadata)
    {
        var uids = metadata.Json["stageUids"]?.AsArray().Select(n => n!.GetValue<string>()).ToArray()
            ?? throw new InvalidDataException($"'{path}': the pipeline metadata lists no stages.");
        var stages = new PipelineStage[uids.Length];
        for (int i = 0; i < uids.Length; i++)
        {
            string folder = Path.Combine(path, "stages", $"{i}_{uids[i]}");
            var stageMetadata = ModelPersistence.ReadMetadata(folder);
            var type = typeof(PipelineModel).Assembly.GetType(stageMetadata.ClassName)
                ?? throw new InvalidDataException($"'{folder}' holds a {stageMetadata.ClassName}, which Rdd.MlLib does not define.");
            var load = type.GetMethod("Load", [typeof(string)])
                ?? throw new InvalidDataException($"'{folder}' holds a {stageMetadata.ClassName}, which cannot be loaded.");
            stages[i] = (PipelineStage)load.Invoke(null, [folder])!;
        }
        return stages;
    }
}
