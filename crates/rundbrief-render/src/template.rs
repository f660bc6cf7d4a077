//! A finished body compiled into static chunks and typed slots.
//!
//! The input is the fully rendered HTML (or text, or subject) in which every placeholder is
//! still a sentinel. For HTML, a small scanner walks the markup to learn where each sentinel
//! stands: in text, in an attribute value, or in a URL attribute (and whether at its start),
//! because each needs a different escape. The scanner only has to understand what our own
//! producers emit (maud and ammonia's serialiser: double-quoted attributes, `<` escaped in
//! text, comments only from the layout), not arbitrary HTML.
//!
//! Values that are the same for every recipient of a prepared variant (the language name) are
//! folded into the static chunks here, so slots are only for per-subscriber values.

use crate::escape;
use crate::placeholder::{Placeholder, Sentinels, TextContext};

/// A per-subscriber value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Name,
    Email,
    UnsubscribeUrl,
    PreferencesUrl,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Escape {
    /// HTML text or a non-URL attribute value.
    Html,
    /// Inside a URL, after its start (in HTML or text).
    UrlComponent,
    /// Plain text.
    Raw,
    /// A header value (the subject).
    Header,
}

#[derive(Debug, Clone)]
enum Part {
    Static(Box<str>),
    Slot(Field, Escape),
}

/// The values for one subscriber, with the name fallback already applied.
pub(crate) struct Values<'a> {
    pub(crate) name: &'a str,
    pub(crate) email: &'a str,
    pub(crate) unsubscribe_url: &'a str,
    pub(crate) preferences_url: &'a str,
}

/// Values fixed for a whole prepared variant.
pub(crate) struct Constants<'a> {
    pub(crate) language: &'a str,
}

#[derive(Debug, Clone)]
pub(crate) struct Template {
    parts: Vec<Part>,
    static_len: usize,
}

#[derive(Default)]
struct Builder {
    parts: Vec<Part>,
    current: String,
    static_len: usize,
}

impl Builder {
    fn push_static(&mut self, s: &str) {
        self.current.push_str(s);
    }

    fn push_value(&mut self, p: Placeholder, esc: Escape, constants: &Constants<'_>) {
        let field = match p {
            Placeholder::Name => Field::Name,
            Placeholder::Email => Field::Email,
            Placeholder::UnsubscribeUrl => Field::UnsubscribeUrl,
            Placeholder::PreferencesUrl => Field::PreferencesUrl,
            Placeholder::Language => {
                write_escaped(&mut self.current, constants.language, esc);
                return;
            }
        };
        self.flush();
        self.parts.push(Part::Slot(field, esc));
    }

    fn flush(&mut self) {
        if !self.current.is_empty() {
            self.static_len += self.current.len();
            let chunk = std::mem::take(&mut self.current).into_boxed_str();
            self.parts.push(Part::Static(chunk));
        }
    }

    fn finish(mut self) -> Template {
        self.flush();
        Template { parts: self.parts, static_len: self.static_len }
    }
}

/// Where the HTML scanner is.
#[derive(Debug, Clone, Copy)]
enum State {
    Text,
    Comment,
    /// Between `<` and `>`, outside attribute values.
    Tag,
    Value {
        quote: u8,
        /// Byte where the value starts.
        start: usize,
        url: bool,
    },
}

/// Attributes whose value is a URL; only `href` and `src` survive the sanitiser, the rest are
/// here so that a future allow-list change cannot silently put a value unencoded into a URL.
const URL_ATTRIBUTES: &[&str] =
    &["href", "src", "action", "formaction", "background", "cite", "poster", "data"];

impl Template {
    pub(crate) fn html(src: &str, sentinels: &Sentinels, constants: &Constants<'_>) -> Template {
        let bytes = src.as_bytes();
        let mut b = Builder::default();
        let mut state = State::Text;
        let mut last = 0;
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'q'
                && let Some(found) = sentinels.at(src, i)
            {
                let esc = match state {
                    State::Text => Some(Escape::Html),
                    State::Value { url: false, .. } => Some(Escape::Html),
                    State::Value { url: true, start, .. } => {
                        Some(if start == i && found.placeholder.is_url() {
                            Escape::Html
                        } else {
                            Escape::UrlComponent
                        })
                    }
                    // Not a place for a value (a tag or attribute name): left as the inert
                    // letters it is.
                    State::Tag | State::Comment => None,
                };
                if let Some(esc) = esc {
                    b.push_static(&src[last..i]);
                    b.push_value(found.placeholder, esc, constants);
                    i += sentinels.token_len();
                    last = i;
                    continue;
                }
            }
            match state {
                State::Text if bytes[i] == b'<' => {
                    if bytes[i..].starts_with(b"<!--") {
                        state = State::Comment;
                        i += 4;
                        continue;
                    }
                    state = State::Tag;
                }
                State::Comment if bytes[i..].starts_with(b"-->") => {
                    state = State::Text;
                    i += 3;
                    continue;
                }
                State::Tag if bytes[i] == b'>' => state = State::Text,
                State::Tag if matches!(bytes[i], b'"' | b'\'') => {
                    state = State::Value {
                        quote: bytes[i],
                        start: i + 1,
                        url: attribute_before(bytes, i).is_some_and(|name| {
                            URL_ATTRIBUTES.iter().any(|u| name.eq_ignore_ascii_case(u.as_bytes()))
                        }),
                    }
                }
                State::Value { quote, .. } if bytes[i] == quote => state = State::Tag,
                _ => {}
            }
            i += 1;
        }
        b.push_static(&src[last..]);
        b.finish()
    }

    /// The text part: sentinels carry their own context (see [`Sentinels::mark_url_components`]).
    pub(crate) fn plain(src: &str, sentinels: &Sentinels, constants: &Constants<'_>) -> Template {
        Self::by_marks(src, sentinels, constants, Escape::Raw)
    }

    pub(crate) fn header(src: &str, sentinels: &Sentinels, constants: &Constants<'_>) -> Template {
        Self::by_marks(src, sentinels, constants, Escape::Header)
    }

    fn by_marks(
        src: &str,
        sentinels: &Sentinels,
        constants: &Constants<'_>,
        plain: Escape,
    ) -> Template {
        let mut b = Builder::default();
        let mut pos = 0;
        while let Some(found) = sentinels.find(src, pos) {
            b.push_static(&src[pos..found.at]);
            let esc = match found.context {
                TextContext::Plain => plain,
                TextContext::UrlComponent => Escape::UrlComponent,
            };
            b.push_value(found.placeholder, esc, constants);
            pos = found.at + sentinels.token_len();
        }
        b.push_static(&src[pos..]);
        b.finish()
    }

    /// Appends the body for one subscriber to `out`.
    pub(crate) fn render_into(&self, values: &Values<'_>, out: &mut String) {
        // Names and URLs are short; one reservation up front avoids regrowth in the common case.
        out.reserve(self.static_len + 256);
        for part in &self.parts {
            match part {
                Part::Static(s) => out.push_str(s),
                Part::Slot(field, esc) => {
                    let value = match field {
                        Field::Name => values.name,
                        Field::Email => values.email,
                        Field::UnsubscribeUrl => values.unsubscribe_url,
                        Field::PreferencesUrl => values.preferences_url,
                    };
                    write_escaped(out, value, *esc);
                }
            }
        }
    }

    #[cfg(test)]
    pub(crate) fn slots(&self) -> Vec<(Field, Escape)> {
        self.parts
            .iter()
            .filter_map(|p| match p {
                Part::Slot(f, e) => Some((*f, *e)),
                Part::Static(_) => None,
            })
            .collect()
    }
}

fn write_escaped(out: &mut String, value: &str, esc: Escape) {
    match esc {
        Escape::Html => escape::html_into(out, value),
        Escape::UrlComponent => escape::url_component_into(out, value),
        Escape::Raw => out.push_str(value),
        Escape::Header => escape::header_into(out, value),
    }
}

/// The attribute name in `name="` ending just before the quote at `quote_at`.
fn attribute_before(bytes: &[u8], quote_at: usize) -> Option<&[u8]> {
    let eq = quote_at.checked_sub(1)?;
    if bytes.get(eq) != Some(&b'=') {
        return None;
    }
    let end = eq;
    let mut start = end;
    while start > 0
        && (bytes[start - 1].is_ascii_alphanumeric()
            || matches!(bytes[start - 1], b'-' | b':' | b'_'))
    {
        start -= 1;
    }
    Some(&bytes[start..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> Values<'static> {
        Values {
            name: "<Anna & \"Bo\">",
            email: "a+b@example.org",
            unsubscribe_url: "https://e.eu/u?t=1&x=2",
            preferences_url: "https://e.eu/p",
        }
    }

    #[test]
    fn contexts_in_html() {
        let s = Sentinels::choose(&[]);
        let [name, email, unsub, lang] = [
            Placeholder::Name,
            Placeholder::Email,
            Placeholder::UnsubscribeUrl,
            Placeholder::Language,
        ]
        .map(|p| s.token(p));
        let src = format!(
            "<p title=\"{name}\">{name} {lang}</p><a href=\"{unsub}\">x</a><a href=\"mailto:{email}\">{email}</a><a href=\"{name}\">y</a><!-- {name} -->"
        );
        let t = Template::html(&src, &s, &Constants { language: "Čeština" });
        let mut out = String::new();
        t.render_into(&values(), &mut out);
        assert_eq!(
            out,
            "<p title=\"&lt;Anna &amp; &quot;Bo&quot;&gt;\">&lt;Anna &amp; &quot;Bo&quot;&gt; Čeština</p>\
             <a href=\"https://e.eu/u?t=1&amp;x=2\">x</a>\
             <a href=\"mailto:a%2Bb@example.org\">a+b@example.org</a>\
             <a href=\"%3CAnna%20%26%20%22Bo%22%3E\">y</a>"
                .to_owned()
                + &format!("<!-- {name} -->")
        );
    }

    #[test]
    fn plain_and_header() {
        let s = Sentinels::choose(&[]);
        let name = s.token(Placeholder::Name);
        let t = Template::header(&format!("Hallo {name}"), &s, &Constants { language: "" });
        let mut out = String::new();
        t.render_into(&Values { name: "A\r\nB", ..values() }, &mut out);
        assert_eq!(out, "Hallo A  B");
        assert_eq!(t.slots(), vec![(Field::Name, Escape::Header)]);
    }
}
