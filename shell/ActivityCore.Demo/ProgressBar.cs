using System;
using System.Globalization;
using System.IO;

namespace ActivityCore.Demo;

/// <summary>A progress bar on stderr when it is a terminal (redrawn in place), plain lines every 10 % otherwise.</summary>
internal sealed class ProgressBar(TextWriter writer, bool interactive, int total)
{
    private const int Width = 40;
    private int lastDecile = -1;

    public void Show(int done, double tasksPerSecond)
    {
        if (interactive)
        {
            int filled = total == 0 ? Width : (int)((long)done * Width / total);
            string bar = new string('#', filled) + new string('-', Width - filled);
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"\r[{bar}] {done}/{total}  {tasksPerSecond:F0} tasks/s "));
            writer.Flush();
            return;
        }

        int decile = total == 0 ? 10 : (int)((long)done * 10 / total);
        if (decile != lastDecile)
        {
            lastDecile = decile;
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"progress: {done}/{total} ({decile * 10} %), {tasksPerSecond:F0} tasks/s"));
        }
    }

    public void Finish(int done, double tasksPerSecond)
    {
        Show(done, tasksPerSecond);
        if (interactive)
        {
            writer.WriteLine();
        }
    }
}
