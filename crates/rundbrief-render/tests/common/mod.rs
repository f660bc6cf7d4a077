//! Shared fixtures and the HTML safety checker of the integration tests.
#![allow(dead_code, clippy::unwrap_used)]

use rundbrief_core::Language;
use rundbrief_i18n::Locales;
use rundbrief_render::{Personalisation, PreparedVariant, Templates, VariantSource, prepare};

pub const UNSUBSCRIBE: &str = "https://news.example.org/u/tok3n?l=de&x=1";
pub const PREFERENCES: &str = "https://news.example.org/p/tok3n";

pub fn templates() -> Templates {
    Templates::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../templates"))
        .expect("shipped templates load")
}

pub fn person<'a>(name: Option<&'a str>) -> Personalisation<'a> {
    Personalisation {
        name,
        email: "anna@example.org",
        unsubscribe_url: UNSUBSCRIBE,
        preferences_url: PREFERENCES,
    }
}

pub fn prepared(
    language: Language,
    subject: &str,
    markdown: &str,
    subscriber: Language,
) -> PreparedVariant {
    let source = VariantSource { language, subject, preheader: "Vorschau", markdown };
    prepare(&templates(), Locales::embedded(), &source, subscriber).expect("prepare")
}

/// Renders German Markdown for a German subscriber; returns (html, text).
pub fn render(markdown: &str, who: &Personalisation<'_>) -> (String, String) {
    let p = prepared(Language::De, "Betreff", markdown, Language::De);
    (p.render_html(who), p.render_text(who))
}

pub fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Every way the final HTML could run code or leave the mail, as a list of findings (empty
/// when safe). Parses tags and attributes itself, so that text mentioning `onload=` or
/// `javascript:` (which is harmless) is not mistaken for markup.
pub fn safety_problems(html: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let lower = html.to_lowercase();
    for needle in [
        "<script",
        "<iframe",
        "<object",
        "<embed",
        "<form",
        "<style",
        "<base",
        "<link",
        "<svg",
        "<math",
        "<input",
        "<button",
        "<textarea",
        "<frame",
        "<applet",
        "<template",
        "<noscript",
        "<xmp",
        "<video",
        "<audio",
        "<source",
        "<details",
        "<body onload",
        "http-equiv",
        "@import",
    ] {
        if lower.contains(needle) {
            problems.push(format!("contains {needle}"));
        }
    }
    for (tag, attrs) in tags(html) {
        for (name, value) in attrs {
            let name = name.to_ascii_lowercase();
            if name.starts_with("on") {
                problems.push(format!("<{tag}> has event handler {name}={value:?}"));
            }
            let decoded = decode(&value);
            let squeezed: String = decoded
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_lowercase();
            let url_attr = matches!(
                name.as_str(),
                "href"
                    | "src"
                    | "action"
                    | "formaction"
                    | "background"
                    | "poster"
                    | "data"
                    | "xlink:href"
                    | "srcset"
                    | "cite"
                    | "codebase"
                    | "dynsrc"
                    | "lowsrc"
            );
            if url_attr {
                for scheme in ["javascript:", "vbscript:", "data:", "livescript:"] {
                    if squeezed.starts_with(scheme) {
                        problems.push(format!("<{tag} {name}> starts with {scheme}: {value:?}"));
                    }
                }
                if tag != "a" && tag != "img" {
                    problems.push(format!("URL attribute {name} on <{tag}>"));
                }
            }
            if name == "style"
                && (squeezed.contains("url(")
                    || squeezed.contains("expression(")
                    || squeezed.contains("javascript:"))
            {
                problems.push(format!("<{tag}> style loads something: {value:?}"));
            }
            if name == "srcdoc" || name == "formaction" || name == "http-equiv" {
                problems.push(format!("<{tag}> has {name}"));
            }
        }
    }
    // The layout's own comments are Outlook conditionals; nothing else may survive.
    for comment in lower.split("<!--").skip(1) {
        let body = comment.split("-->").next().unwrap_or("");
        if !(body.starts_with("[if mso]>") && body.ends_with("<![endif]"))
            || body.contains("script")
        {
            problems.push(format!("unexpected comment <!--{body}-->"));
        }
    }
    problems
}

/// (tag name, attributes) of every start tag, outside comments.
pub fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i..].starts_with(b"<!--") {
            i = b[i..].windows(3).position(|w| w == b"-->").map_or(b.len(), |e| i + e + 3);
            continue;
        }
        if b[i] != b'<' || i + 1 >= b.len() || !(b[i + 1].is_ascii_alphabetic()) {
            i += 1;
            continue;
        }
        i += 1;
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' && b[i] != b'/' {
            i += 1;
        }
        let name = html[start..i].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                i += 1;
            }
            if i >= b.len() || b[i] == b'>' {
                i += 1;
                break;
            }
            let a = i;
            while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'=' && b[i] != b'>' {
                i += 1;
            }
            let attr = html[a..i].to_string();
            let mut value = String::new();
            if i < b.len() && b[i] == b'=' {
                i += 1;
                if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                    let q = b[i];
                    i += 1;
                    let v = i;
                    while i < b.len() && b[i] != q {
                        i += 1;
                    }
                    value = html[v..i.min(b.len())].to_string();
                    i += 1;
                } else {
                    let v = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    value = html[v..i].to_string();
                }
            }
            attrs.push((attr, value));
        }
        out.push((name, attrs));
    }
    out
}

/// Decodes numeric character references (with or without `;`) and the named ones an attacker
/// would use to hide a scheme.
pub fn decode(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i + 1..];
        if let Some(num) = rest.strip_prefix('#') {
            let (hex, digits) = match num.strip_prefix(['x', 'X']) {
                Some(h) => (true, h),
                None => (false, num),
            };
            let len = digits
                .chars()
                .take_while(|c| if hex { c.is_ascii_hexdigit() } else { c.is_ascii_digit() })
                .count();
            let value = u32::from_str_radix(&digits[..len], if hex { 16 } else { 10 }).ok();
            if let Some(c) = value.and_then(char::from_u32) {
                out.push(c);
                let consumed = (num.len() - digits.len()) + len + 1;
                rest = &rest[consumed..];
                rest = rest.strip_prefix(';').unwrap_or(rest);
                continue;
            }
            out.push('&');
            continue;
        }
        let named = [
            ("colon;", ':'),
            ("tab;", '\t'),
            ("newline;", '\n'),
            ("amp;", '&'),
            ("lt;", '<'),
            ("gt;", '>'),
            ("quot;", '"'),
            ("#39;", '\''),
            ("nbsp;", '\u{a0}'),
        ];
        match named.iter().find(|(n, _)| rest.starts_with(n)) {
            Some((n, c)) => {
                out.push(*c);
                rest = &rest[n.len()..];
            }
            None => out.push('&'),
        }
    }
    out.push_str(rest);
    out
}
