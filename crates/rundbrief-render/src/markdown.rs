//! The Markdown dialect of issues and its first, unsanitised HTML form.
//!
//! The output of [`to_unsafe_html`] still contains whatever raw HTML the editor wrote; it must
//! go through [`crate::sanitize`] before it is shown anywhere.

use pulldown_cmark::{Options, Parser};

/// CommonMark plus tables and strikethrough. Heading attributes (`{#id .class}`) stay off: they
/// would only produce attributes the sanitiser removes again, and literal braces in headings
/// are more likely in newsletters than anchors.
pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Uploaded images (`/media/…`) are linked under `media_base` with their size (see
/// [`crate::media`]).
pub(crate) fn to_unsafe_html(markdown: &str, media_base: &str) -> String {
    let mut html = String::with_capacity(markdown.len() * 3 / 2 + 64);
    let parser = Parser::new_ext(markdown, options());
    pulldown_cmark::html::push_html(&mut html, crate::media::with_media(parser, media_base));
    table_alignment_as_attributes(&html)
}

/// pulldown-cmark writes column alignment as `style="text-align: …"`, but the sanitiser drops
/// every `style` from content and sets its own; mail clients honour the old `align` attribute,
/// which survives. Header cells without an alignment are set to `left` because browsers centre
/// `<th>` by default, which looks wrong above left-aligned text.
fn table_alignment_as_attributes(html: &str) -> String {
    if !html.contains("<th") {
        return html.to_owned();
    }
    let mut out = html.to_owned();
    for cell in ["th", "td"] {
        for align in ["left", "center", "right"] {
            out = out.replace(
                &format!("<{cell} style=\"text-align: {align}\">"),
                &format!("<{cell} align=\"{align}\">"),
            );
        }
    }
    out.replace("<th>", "<th align=\"left\">")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_and_strikethrough() {
        let html = to_unsafe_html("| a | b |\n|:-:|---|\n| 1 | 2 |\n\n~~alt~~", "");
        assert!(html.contains("<th align=\"center\">a</th>"), "{html}");
        assert!(html.contains("<th align=\"left\">b</th>"), "{html}");
        assert!(html.contains("<td align=\"center\">1</td>"), "{html}");
        assert!(html.contains("<del>alt</del>"), "{html}");
    }
}
