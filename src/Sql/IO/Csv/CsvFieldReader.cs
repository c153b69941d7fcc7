namespace Rdd.Sql.IO.Csv;

/// <summary>
/// Cuts one CSV line into fields. An unquoted field runs to the next delimiter (a vectorised search) and is
/// returned as a slice of the line. A field starting with the quote character runs to the matching quote;
/// inside it a doubled quote or escape + quote is a quote and escape + escape is an escape, any other
/// escape stays as it is. Such a field is returned as a slice when it has no escapes, and is otherwise
/// unescaped into <see cref="CsvScratch"/>, so the common cases copy nothing. Text after a closing quote
/// up to the next delimiter is kept as part of the value (lenient, like Spark's parser); a line that ends
/// inside quotes sets <see cref="Unterminated"/>.
/// </summary>
internal ref struct CsvFieldReader
{
    private readonly ReadOnlySpan<byte> _line;
    private readonly CsvScratch _scratch;
    private readonly byte _delimiter;
    private readonly byte _quote;
    private readonly byte _escape;
    private readonly bool _quoting;
    private int _position;
    private bool _done;

    public CsvFieldReader(ReadOnlySpan<byte> line, CsvSyntax syntax, CsvScratch scratch)
    {
        _line = line;
        _scratch = scratch;
        _delimiter = syntax.Delimiter;
        _quote = syntax.Quote;
        _escape = syntax.Escape == 0 ? syntax.Quote : syntax.Escape;
        _quoting = syntax.Quote != 0;
    }

    /// <summary>A quoted field was still open at the end of the line.</summary>
    public bool Unterminated { get; private set; }

    /// <summary>The next field; <paramref name="quoted"/> tells <c>""</c> from an empty field. False after the last field.</summary>
    public bool TryRead(out ReadOnlySpan<byte> value, out bool quoted)
    {
        if (_done)
        {
            value = default;
            quoted = false;
            return false;
        }
        var rest = _line[_position..];
        if (_quoting && !rest.IsEmpty && rest[0] == _quote)
        {
            quoted = true;
            value = ReadQuoted();
            return true;
        }
        quoted = false;
        int delimiter = rest.IndexOf(_delimiter);
        if (delimiter < 0)
        {
            value = rest;
            _done = true;
        }
        else
        {
            value = rest[..delimiter];
            _position += delimiter + 1;
        }
        return true;
    }

    /// <summary>Skips the remaining fields, returning how many there were.</summary>
    public int SkipRest()
    {
        int count = 0;
        while (TryRead(out _, out _))
        {
            count++;
        }
        return count;
    }

    private ReadOnlySpan<byte> ReadQuoted()
    {
        int start = _position + 1;
        int segment = start;
        int scan = start;
        bool copied = false;
        var scratch = _scratch;
        scratch.Clear();
        while (true)
        {
            var rest = _line[scan..];
            int found = _escape == _quote ? rest.IndexOf(_quote) : rest.IndexOfAny(_quote, _escape);
            if (found < 0)
            {
                Unterminated = true;
                _done = true;
                return Finish(copied, segment, _line.Length);
            }
            int at = scan + found;
            byte next = at + 1 < _line.Length ? _line[at + 1] : (byte)0;
            bool nextExists = at + 1 < _line.Length;
            if (_line[at] == _quote && !(nextExists && next == _quote))
            {
                // The closing quote.
                var value = Finish(copied, segment, at);
                return AfterClosingQuote(at + 1, value, copied);
            }
            if (nextExists && (next == _quote || (next == _escape && _line[at] == _escape)))
            {
                // "" or \" or \\ : one literal character.
                scratch.Append(_line[segment..at]);
                scratch.Append(next);
                copied = true;
                segment = scan = at + 2;
                continue;
            }
            // An escape before anything else is literal.
            scan = at + 1;
        }
    }

    private readonly ReadOnlySpan<byte> Finish(bool copied, int segment, int end)
    {
        if (!copied)
        {
            return _line[segment..end];
        }
        _scratch.Append(_line[segment..end]);
        return _scratch.Span;
    }

    private ReadOnlySpan<byte> AfterClosingQuote(int after, ReadOnlySpan<byte> value, bool copied)
    {
        if (after >= _line.Length)
        {
            _done = true;
            return value;
        }
        if (_line[after] == _delimiter)
        {
            _position = after + 1;
            return value;
        }
        // Text after the closing quote: keep it, up to the next delimiter.
        int delimiter = _line[after..].IndexOf(_delimiter);
        int end = delimiter < 0 ? _line.Length : after + delimiter;
        if (!copied)
        {
            _scratch.Clear();
            _scratch.Append(value);
        }
        _scratch.Append(_line[after..end]);
        if (delimiter < 0)
        {
            _done = true;
        }
        else
        {
            _position = end + 1;
        }
        return _scratch.Span;
    }
}
