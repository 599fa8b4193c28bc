using System.Collections.Concurrent;
using Simulator.Images;
using Simulator.References;

namespace Simulator.Tests.Images;

/// <summary>A stand-in for the container store: containers by image, in the order they were added.</summary>
internal sealed class FakeImageUsage : IImageUsage
{
    private readonly ConcurrentDictionary<Digest, List<ImageUser>> _users = new();

    public string Use(Digest imageId, bool running, char fill = 'c')
    {
        var id = new string(fill, 64);
        var list = _users.GetOrAdd(imageId, _ => []);
        lock (list)
        {
            list.Add(new ImageUser(id, running));
        }

        return id;
    }

    public void Clear() => _users.Clear();

    public IReadOnlyList<ImageUser> UsersOf(Digest imageId)
    {
        if (!_users.TryGetValue(imageId, out var list))
        {
            return [];
        }

        lock (list)
        {
            return [.. list];
        }
    }
}
