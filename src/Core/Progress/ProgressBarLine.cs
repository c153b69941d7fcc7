using System.Globalization;
using System.Text;

namespace Rdd.Core.Progress;

/// <summary>The text of one stage's bar, in Spark's ConsoleProgressBar layout: <c>[Stage 3:=====&gt;     (12 + 2) / 40]</c>.</summary>
internal static class ProgressBarLine
{
    /// <summary>
    /// The bar for <paramref name="stage"/> in at most <paramref name="width"/> characters: completed tasks, plus
    /// running ones, over the tasks of the attempt. The arrow marks how far the completed tasks got; when the
    /// width cannot hold a bar, only the counts are shown.
    /// </summary>
    public static string Format(RddStageInfo stage, int width)
    {
        string header = string.Create(CultureInfo.InvariantCulture, $"[Stage {stage.StageId}:");
        string tail = string.Create(CultureInfo.InvariantCulture, $"({stage.NumCompletedTasks} + {stage.NumActiveTasks}) / {stage.NumTasks}]");
        int barWidth = width - header.Length - tail.Length;
        if (barWidth <= 0) return header + tail;
        // Completed attempts can exceed the tasks of the attempt only through a stage shared by two jobs; the bar stays full.
        int done = stage.NumTasks == 0 ? barWidth : (int)Math.Min(barWidth, (long)barWidth * stage.NumCompletedTasks / stage.NumTasks);
        var line = new StringBuilder(width).Append(header);
        for (int i = 0; i < barWidth; i++) line.Append(i < done ? '=' : i == done ? '>' : ' ');
        return line.Append(tail).ToString();
    }

    /// <summary>Seconds with two decimals, as the summary lines print durations.</summary>
    public static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";
}
