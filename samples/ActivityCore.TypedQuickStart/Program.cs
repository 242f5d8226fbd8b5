using System.Text.Json.Serialization;
using ActivityCore;
using ActivityCore.Local;
using ActivityCore.Worker;
using Amazon.Runtime;

await using var local = await LocalStepFunctions.StartAsync(new() { PollHoldTime = TimeSpan.FromSeconds(1) });
using var client = ActivityClient.Create(new() { Region = "us-east-1", ServiceUrl = local.ServiceUrl,
    Credentials = new BasicAWSCredentials("AKIDLOCAL", "local-secret") }).OrThrow();
string arn = local.CreateActivity("resize");
await using var worker = ActivityWorker.Create(client, new() { ActivityArn = arn }, async (image, context, ct) =>
{
    await Task.Delay(10, ct); // the work; ct is cancelled by the handler timeout, the task's end, the stop
    return image.Width > 0 ? new Image(image.Width / 2) : TaskFailure.Create("Resize.BadWidth", "width must be > 0");
}, ImageJson.Default.Image, ImageJson.Default.Image).OrThrow();
await worker.StartAsync();
if (await local.EnqueueTask(arn, """{"Width": 64}""").Outcome is LocalTaskSucceeded done) Console.WriteLine(done.Output);
await worker.StopAsync(); // {"Width":32} printed above

record Image(int Width);
[JsonSerializable(typeof(Image))] partial class ImageJson : JsonSerializerContext;
