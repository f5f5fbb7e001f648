using System.Text;

namespace Interview.Shared.Text;

public sealed partial class TextOperation
{
    /// <summary>
    /// Builds an operation component by component, merging as it goes; <see cref="Build"/> gives the
    /// immutable operation. Not thread-safe, and never shared: it lives for one method's loop.
    /// </summary>
    /// <remarks>
    /// Every operation comes from someone who may be hostile, so building one is linear and cannot overflow:
    /// lengths are added with a check (a count past int.MaxValue is refused, never wrapped round into a
    /// short or negative one), and inserts merged into one another grow a StringBuilder instead of copying
    /// the text each time (150,000 one-character inserts took seconds of CPU when each merge copied).
    /// </remarks>
    public sealed class Builder
    {
        private readonly List<Component> _components = [];
        private int _baseLength;
        private int _targetLength;

        // The insert being merged into, while it grows; written into its component by Build.
        private StringBuilder? _openInsert;
        private int _openIndex;

        public Builder Retain(int count)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(count);
            if (count == 0)
            {
                return this;
            }

            (_baseLength, _targetLength) = (Sum(_baseLength, count), Sum(_targetLength, count));
            if (_components.Count > 0 && _components[^1].IsRetain)
            {
                _components[^1] = Component.RetainOf(Sum(_components[^1].Count, count));
            }
            else
            {
                _components.Add(Component.RetainOf(count));
            }

            return this;
        }

        public Builder Insert(string text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return this;
            }

            _targetLength = Sum(_targetLength, text.Length);
            if (_components.Count > 0 && _components[^1].IsInsert)
            {
                AppendTo(_components.Count - 1, text);
            }
            else if (_components.Count > 0 && _components[^1].IsDelete)
            {
                // Keep inserts before deletes: delete-then-insert and insert-then-delete are the same edit.
                if (_components.Count > 1 && _components[^2].IsInsert)
                {
                    AppendTo(_components.Count - 2, text);
                }
                else
                {
                    _components.Insert(_components.Count - 1, Component.InsertOf(text));
                }
            }
            else
            {
                _components.Add(Component.InsertOf(text));
            }

            return this;
        }

        public Builder Delete(int count)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(count);
            if (count == 0)
            {
                return this;
            }

            _baseLength = Sum(_baseLength, count);
            if (_components.Count > 0 && _components[^1].IsDelete)
            {
                _components[^1] = Component.DeleteOf(Sum(_components[^1].Count, count));
            }
            else
            {
                _components.Add(Component.DeleteOf(count));
            }

            return this;
        }

        /// <summary>The operation built so far; the builder may go on to build a longer one.</summary>
        public TextOperation Build()
        {
            CloseInsert();
            return new TextOperation([.. _components], _baseLength, _targetLength);
        }

        /// <summary>A length or count grown by <paramref name="count"/>; past int.MaxValue no document can be.</summary>
        private static int Sum(int length, int count) =>
            (long)length + count <= int.MaxValue ? length + count : throw new TextOperationException("The operation is longer than any document can be");

        private void AppendTo(int index, string text)
        {
            if (_openInsert is null || _openIndex != index)
            {
                CloseInsert();
                (_openInsert, _openIndex) = (new StringBuilder(_components[index].Text), index);
            }

            _openInsert.Append(text);
        }

        private void CloseInsert()
        {
            if (_openInsert is { } open)
            {
                _components[_openIndex] = Component.InsertOf(open.ToString());
                _openInsert = null;
            }
        }
    }
}
