//! A small JSON reader for lessons: objects, arrays, strings, whole numbers, `true`, `false`
//! and `null`. serde_json with the lesson types' derives cost 48.5 KB gzipped in the wasm
//! (measured, see docs/decisions.md), a fifth of the site's budget; this costs a few.

/// A JSON value. Objects keep their fields in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Json {
    Null,
    Bool(bool),
    /// A whole number (lessons have no fractions).
    Num(i64),
    Str(String),
    Arr(Vec<Json>),
    Obj(Vec<(String, Json)>),
}

/// Where the text stopped making sense, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    pub message: String,
}

/// Reads one JSON value (and nothing after it but spaces).
pub fn parse(text: &str) -> Result<Json, JsonError> {
    let mut reader = Reader { text, at: 0 };
    let value = reader.value(0)?;
    reader.spaces();
    if reader.at < text.len() {
        return Err(reader.error("trailing characters after the lesson"));
    }
    Ok(value)
}

/// `text` as a JSON string, in quotes (what the embed API writes; `docs/embed.md`).
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => {
                let code = c as u32;
                out.push_str("\\u00");
                out.push(char::from_digit(code >> 4, 16).unwrap_or('0'));
                out.push(char::from_digit(code & 15, 16).unwrap_or('0'));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Nesting deeper than this is refused (a lesson is four levels deep).
const MAX_DEPTH: usize = 32;

struct Reader<'a> {
    text: &'a str,
    at: usize,
}

impl Reader<'_> {
    fn error(&self, message: &str) -> JsonError {
        let before = &self.text[..self.at.min(self.text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
        JsonError { line, column, message: message.to_string() }
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn spaces(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn expect(&mut self, byte: u8, what: &str) -> Result<(), JsonError> {
        self.spaces();
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.error(&format!("expected {what}")))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, JsonError> {
        if depth > MAX_DEPTH {
            return Err(self.error("nested too deeply"));
        }
        self.spaces();
        match self.peek() {
            None => Err(self.error("the text ends where a value should be")),
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string().map(Json::Str),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => {
                for (word, value) in
                    [("true", Json::Bool(true)), ("false", Json::Bool(false)), ("null", Json::Null)]
                {
                    if self.text[self.at..].starts_with(word) {
                        self.at += word.len();
                        return Ok(value);
                    }
                }
                Err(self.error("expected a value (an object, array, string, number, true, false or null)"))
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Json, JsonError> {
        self.at += 1;
        let mut fields = Vec::new();
        self.spaces();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(Json::Obj(fields));
        }
        loop {
            self.spaces();
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a field name in double quotes"));
            }
            let name = self.string()?;
            self.expect(b':', "`:` after the field name")?;
            let value = self.value(depth + 1)?;
            if fields.iter().any(|(n, _)| n == &name) {
                return Err(self.error(&format!("the field `{name}` is given twice")));
            }
            fields.push((name, value));
            self.spaces();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(Json::Obj(fields));
                }
                _ => return Err(self.error("expected `,` or `}`")),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Json, JsonError> {
        self.at += 1;
        let mut items = Vec::new();
        self.spaces();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(Json::Arr(items));
        }
        loop {
            items.push(self.value(depth + 1)?);
            self.spaces();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(Json::Arr(items));
                }
                _ => return Err(self.error("expected `,` or `]`")),
            }
        }
    }

    fn number(&mut self) -> Result<Json, JsonError> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        if matches!(self.peek(), Some(b'.' | b'e' | b'E')) {
            return Err(self.error("only whole numbers are used in a lesson"));
        }
        self.text[start..self.at].parse().map(Json::Num).map_err(|_| self.error("not a number in range"))
    }

    fn string(&mut self) -> Result<String, JsonError> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let rest = &self.text[self.at..];
            let Some(c) = rest.chars().next() else { return Err(self.error("a string is not closed")) };
            self.at += c.len_utf8();
            match c {
                '"' => return Ok(out),
                '\\' => {
                    let Some(e) = self.peek() else { return Err(self.error("a string is not closed")) };
                    self.at += 1;
                    out.push(match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode()?,
                        _ => return Err(self.error("an unknown escape after `\\`")),
                    });
                }
                c if (c as u32) < 0x20 => return Err(self.error("a line break inside a string (write \\n)")),
                c => out.push(c),
            }
        }
    }

    /// `\uXXXX`, with a surrogate pair for characters past U+FFFF.
    fn unicode(&mut self) -> Result<char, JsonError> {
        let high = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&high) {
            if !self.text[self.at..].starts_with("\\u") {
                return Err(self.error("half a surrogate pair"));
            }
            self.at += 2;
            let low = self.hex4()?;
            0x10000 + ((high - 0xD800) << 10) + (low.wrapping_sub(0xDC00) & 0x3FF)
        } else {
            high
        };
        char::from_u32(code).ok_or_else(|| self.error("not a character"))
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let digits =
            self.text.get(self.at..self.at + 4).ok_or_else(|| self.error("expected four hex digits"))?;
        let value = u32::from_str_radix(digits, 16).map_err(|_| self.error("expected four hex digits"))?;
        self.at += 4;
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_lessons_are_made_of() {
        let json =
            parse(r#" {"a": [1, -2, true, null], "b": "x\"y\n\u00e9\ud83d\ude00", "c": {}} "#).unwrap();
        let Json::Obj(fields) = json else { panic!("an object") };
        assert_eq!(
            fields[0],
            ("a".into(), Json::Arr(vec![Json::Num(1), Json::Num(-2), Json::Bool(true), Json::Null]))
        );
        assert_eq!(fields[1], ("b".into(), Json::Str("x\"y\né😀".into())));
        assert_eq!(fields[2], ("c".into(), Json::Obj(vec![])));
        assert_eq!(parse("\"中文\"").unwrap(), Json::Str("中文".into()));
    }

    #[test]
    fn quoting_reads_back_as_the_same_string() {
        for text in ["plain", "a \"b\" \\ c", "line\nbreak\ttab\u{1}", "中文 😀"] {
            assert_eq!(parse(&quote(text)).unwrap(), Json::Str(text.into()), "{}", quote(text));
        }
        assert_eq!(quote("\u{1f}"), "\"\\u001f\"");
    }

    #[test]
    fn says_where_it_stopped_and_why() {
        let e = parse("{\n  \"a\": 1,\n  \"b\" 2\n}").unwrap_err();
        assert_eq!((e.line, e.column, e.message.as_str()), (3, 7, "expected `:` after the field name"));
        assert_eq!(parse("{").unwrap_err().message, "expected a field name in double quotes");
        assert_eq!(parse("[1.5]").unwrap_err().message, "only whole numbers are used in a lesson");
        assert_eq!(parse("{\"a\":1,\"a\":2}").unwrap_err().message, "the field `a` is given twice");
        assert_eq!(parse("[1] x").unwrap_err().message, "trailing characters after the lesson");
        assert_eq!(parse(&"[".repeat(100)).unwrap_err().message, "nested too deeply");
    }
}
