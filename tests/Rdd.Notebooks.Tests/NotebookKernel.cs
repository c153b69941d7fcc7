using System.Collections.Concurrent;
using System.Reactive.Linq;
using System.Runtime.Loader;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace Rdd.Notebooks.Tests;

/// <summary>
/// The kernel a notebook runs in: .NET Interactive's own <see cref="CSharpKernel"/> inside a <see cref="CompositeKernel"/>,
/// with the <c>#r "nuget:…"</c> and <c>#i</c> directives, set up as the <c>dotnet-interactive</c> tool sets it up. The tool
/// also loads the kernel extensions a package carries under <c>interactive-extensions/dotnet</c>; that loader lives in the
/// tool, not in a library, so <see cref="LoadPackageExtensions"/> does the same here: after each command, every package added
/// by it is searched for extension assemblies, whose <see cref="IKernelExtension"/> types are created and loaded.
/// </summary>
internal static class NotebookKernel
{
    public static CompositeKernel Create()
    {
        var csharp = new CSharpKernel()
            .UseNugetDirective((kernel, references) =>
            {
                kernel.AddAssemblyReferences(references.SelectMany(r => r.AssemblyPaths));
                return Task.CompletedTask;
            })
            .UseKernelHelpers()
            .UseValueSharing();
        var composite = new CompositeKernel { csharp };
        composite.DefaultKernelName = csharp.Name;
        LoadPackageExtensions(composite);
        return composite;
    }

    private static void LoadPackageExtensions(CompositeKernel kernel)
    {
        var added = new ConcurrentQueue<PackageAdded>();
        kernel.RegisterForDisposal(kernel.KernelEvents.OfType<PackageAdded>()
            .Where(e => e.PackageReference.PackageRoot is not null)
            .Subscribe(added.Enqueue));
        var loaded = new HashSet<string>(StringComparer.Ordinal);
        kernel.AddMiddleware(async (command, context, next) =>
        {
            await next(command, context);
            while (added.TryDequeue(out var package))
            {
                var folder = new DirectoryInfo(Path.Combine(package.PackageReference.PackageRoot, "interactive-extensions", "dotnet"));
                if (!folder.Exists) continue;
                foreach (var dll in folder.GetFiles("*.dll").OrderBy(f => f.Name, StringComparer.Ordinal))
                {
                    if (!loaded.Add(dll.FullName)) continue;
                    var assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(dll.FullName);
                    foreach (var type in assembly.ExportedTypes.Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IKernelExtension).IsAssignableFrom(t)))
                    {
                        KernelInvocationContextExtensions.Display(context, $"Loading extensions from `{dll.Name}`", "text/plain");
                        await ((IKernelExtension)Activator.CreateInstance(type)!).OnLoadAsync(kernel);
                        context.Publish(new KernelExtensionLoaded((IKernelExtension)Activator.CreateInstance(type)!, context.Command));
                    }
                }
            }
        });
    }
}
