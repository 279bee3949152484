using System.Diagnostics.Metrics;

namespace CredWatch.Exporter.Metrics;

/// <summary>
/// Measurements of an observable instrument whose values may change with the clock (profile health is
/// re-evaluated every second) while its series mostly do not. <see cref="Measurement{T}"/> copies its tags on
/// construction, so building thousands per scrape was most of the callbacks' garbage; here a measurement is
/// rebuilt only when its series or value changed, and the previous array is handed out when nothing did.
/// </summary>
/// <typeparam name="T">Measurement value type.</typeparam>
internal sealed class RecycledMeasurements<T>
    where T : struct, IEquatable<T>
{
    private readonly Lock _gate = new();
    private Builder _last = new([], []);
    private object? _source;

    /// <summary>
    /// The measurements for <paramref name="source"/> (an immutable evaluation: the same object yields the
    /// previous array without calling <paramref name="fill"/>).
    /// </summary>
    public Measurement<T>[] Get<TState>(object source, TState state, Action<TState, Builder> fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        lock (_gate)
        {
            if (!ReferenceEquals(source, _source))
            {
                var builder = new Builder(_last.Items, _last.Keys);
                fill(state, builder);
                builder.Complete();
                _last = builder;
                _source = source;
            }

            return _last.Items;
        }
    }

    /// <summary>Collects one callback's measurements, reusing the previous one at the same position when its series and value are unchanged.</summary>
    internal sealed class Builder
    {
        private readonly Measurement<T>[] _previous;
        private readonly SeriesKey[] _previousKeys;
        private readonly List<Measurement<T>> _items;
        private readonly List<SeriesKey> _keys;
        private bool _changed;

        public Builder(Measurement<T>[] previous, SeriesKey[] previousKeys)
        {
            _previous = previous;
            _previousKeys = previousKeys;
            _items = new(previous.Length);
            _keys = new(previous.Length);
            Items = previous;
            Keys = previousKeys;
        }

        internal Measurement<T>[] Items { get; private set; }

        internal SeriesKey[] Keys { get; private set; }

        /// <summary>Adds a series; <paramref name="tags"/> is only called when its measurement must be (re)built.</summary>
        public void Add<TItem>(T value, SeriesKey key, TItem item, Func<TItem, KeyValuePair<string, object?>[]> tags)
        {
            ArgumentNullException.ThrowIfNull(tags);
            var i = _items.Count;
            if (i < _previous.Length && _previous[i].Value.Equals(value) && _previousKeys[i].Equals(key))
            {
                _items.Add(_previous[i]);
            }
            else
            {
                _changed = true;
                _items.Add(new Measurement<T>(value, tags(item)));
            }

            _keys.Add(key);
        }

        internal void Complete()
        {
            if (_changed || _items.Count != _previous.Length)
            {
                Items = [.. _items];
                Keys = [.. _keys];
            }
        }
    }
}
