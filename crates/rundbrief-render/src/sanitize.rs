//! The allow-list sanitiser every piece of issue HTML passes through.
//!
//! Editors are trusted to write the newsletter, not to run code in readers' mail clients, and
//! pasted snippets from elsewhere are the usual way hostile markup would arrive. So the policy
//! is an allow list of plain document elements; everything else is removed (tags whose content
//! is code or a foreign document, such as `script`, `style`, `iframe`, `svg`, lose their
//! content too). No attribute with behaviour survives: no event handlers, no `style` (the
//! layout sets its own), no `class`/`id`; URLs only with http, https, mailto or tel.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use ammonia::{Builder, UrlRelative, UrlRelativeEvaluate};

use crate::placeholder::Sentinels;

/// Allowed elements: what Markdown produces plus a few harmless inline ones editors paste.
const TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "code",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
];

/// Removed together with everything inside them: their content is code, styling, or a
/// document of its own, never text meant for the reader.
pub(crate) const DROP_WITH_CONTENT: &[&str] = &[
    "applet", "embed", "frame", "frameset", "iframe", "math", "noembed", "noframes", "noscript",
    "object", "script", "select", "style", "svg", "template", "textarea", "title", "xmp",
];

/// Schemes a reader can safely follow from a mail.
pub(crate) const URL_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// Sanitises issue HTML and gives each element the inline style of the layout.
///
/// `styles` are `(tag, style)` pairs; they replace any `style` the input had. Relative URLs
/// are removed (they cannot resolve inside a mail) except those starting with the sentinel of
/// one of our own URLs (`[Abmelden]({{ unsubscribe_url }})`), and `www.…` gets `https://`.
pub(crate) fn sanitize(
    html: &str,
    styles: &[(&'static str, String)],
    sentinels: &Sentinels,
) -> String {
    let mut tag_attributes: HashMap<&str, HashSet<&str>> = HashMap::new();
    tag_attributes.insert("a", HashSet::from(["href"]));
    tag_attributes.insert("img", HashSet::from(["src", "alt", "width", "height"]));
    tag_attributes.insert("ol", HashSet::from(["start"]));
    for cell in ["td", "th"] {
        tag_attributes.insert(cell, HashSet::from(["colspan", "rowspan"]));
    }
    let mut tag_attribute_values: HashMap<&str, HashMap<&str, HashSet<&str>>> = HashMap::new();
    for cell in ["td", "th"] {
        tag_attribute_values
            .insert(cell, HashMap::from([("align", HashSet::from(["left", "center", "right"]))]));
    }

    let mut builder = Builder::empty();
    builder
        .tags(TAGS.iter().copied().collect())
        .clean_content_tags(DROP_WITH_CONTENT.iter().copied().collect())
        .tag_attributes(tag_attributes)
        .tag_attribute_values(tag_attribute_values)
        .generic_attributes(HashSet::from(["title", "lang"]))
        .url_schemes(URL_SCHEMES.iter().copied().collect())
        .url_relative(UrlRelative::Custom(Box::new(RelativeUrls(sentinels.clone()))))
        .link_rel(Some("noopener noreferrer"))
        .strip_comments(true)
        .id_prefix(None);
    for (tag, style) in styles {
        builder.set_tag_attribute_value(*tag, "style", style.as_str());
    }
    builder.clean(html).to_string()
}

/// Relative URLs cannot resolve inside a mail, so they are dropped, except those starting with
/// the sentinel of one of our own URLs; `www.…` is what editors mean by a web address.
struct RelativeUrls(Sentinels);

impl<'a> UrlRelativeEvaluate<'a> for RelativeUrls {
    fn evaluate<'url>(&self, url: &'url str) -> Option<Cow<'url, str>> {
        if self.0.starts_with_url_value(url) {
            Some(Cow::Borrowed(url))
        } else if url
            .strip_prefix(crate::media::MEDIA_PATH)
            .and_then(crate::media::media_size)
            .is_some()
        {
            // An uploaded image without a public address to put before it (previews in
            // tests): on the instance's own pages it resolves.
            Some(Cow::Borrowed(url))
        } else if url.starts_with("www.") {
            Some(Cow::Owned(format!("https://{url}")))
        } else {
            None
        }
    }
}

/// The same URL policy for the text part, where a forbidden link is shown as its text only.
pub(crate) fn url_allowed(url: &str, sentinels: &Sentinels) -> bool {
    if sentinels.starts_with_url_value(url) {
        return true;
    }
    // Browsers ignore leading blanks and controls and drop tabs and newlines anywhere, which is
    // how `java\tscript:` works; the scheme is judged the same way here.
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(16)
        .collect();
    let Some((scheme, _)) = cleaned.split_once(':') else {
        return false;
    };
    URL_SCHEMES.iter().any(|allowed| scheme.eq_ignore_ascii_case(allowed))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(html: &str) -> String {
        sanitize(html, &[("p", "margin:0".to_owned())], &Sentinels::choose(&[html]))
    }

    #[test]
    fn keeps_plain_markup_and_sets_styles() {
        assert_eq!(
            clean("<p style=\"color:red\" class=\"x\">Hi <a href=\"https://e.eu\">e</a></p>"),
            "<p style=\"margin:0\">Hi <a href=\"https://e.eu\" rel=\"noopener noreferrer\">e</a></p>"
        );
    }

    #[test]
    fn drops_scripts_with_content() {
        assert_eq!(clean("a<script>alert(1)</script>b<svg><text>x</text></svg>c"), "abc");
    }

    #[test]
    fn relative_urls() {
        let s = Sentinels::choose(&[]);
        let unsub = s.token(crate::Placeholder::UnsubscribeUrl);
        let name = s.token(crate::Placeholder::Name);
        let html = format!(
            "<a href=\"{unsub}\">u</a><a href=\"{name}\">n</a><a href=\"/x\">r</a><a href=\"www.e.eu\">w</a>"
        );
        let out = sanitize(&html, &[], &s);
        assert!(out.contains(&format!("href=\"{unsub}\"")), "{out}");
        assert!(!out.contains(&format!("href=\"{name}\"")), "{out}");
        assert!(!out.contains("href=\"/x\""), "{out}");
        assert!(out.contains("href=\"https://www.e.eu\""), "{out}");
    }

    #[test]
    fn text_url_policy() {
        let s = Sentinels::choose(&[]);
        assert!(url_allowed("https://e.eu", &s));
        assert!(url_allowed("MAILTO:a@e.eu", &s));
        assert!(!url_allowed(" java\tscript:alert(1)", &s));
        assert!(!url_allowed("data:text/html,x", &s));
        assert!(!url_allowed("/relative", &s));
        assert!(url_allowed(&s.token(crate::Placeholder::PreferencesUrl), &s));
    }
}
