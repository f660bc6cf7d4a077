//! Uploaded images in issue Markdown (issue 23): `![alt](/media/{name})`.
//!
//! The name of a stored image says its content and size (`{hash}-{width}x{height}.{ext}`,
//! made by [`media_name`]), so rendering needs no database: an image of ours becomes an
//! absolute URL under the instance's public address (mail clients resolve nothing relative)
//! with `width` and `height` for its place in the mail column (Outlook ignores CSS sizes) and
//! its alt text. Images without alt text are found by [`images_without_alt`], which the
//! preview and the send confirmation warn with.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::escape;

/// Where stored images are served.
pub const MEDIA_PATH: &str = "/media/";
/// The width of the mail's content column in CSS pixels (600 less 24 px padding each side).
pub const MAIL_CONTENT_WIDTH: u32 = 552;
/// Stored images are at most this wide: twice the column, sharp on high-density screens.
pub const MAX_STORED_WIDTH: u32 = 2 * MAIL_CONTENT_WIDTH;

/// The name an image is stored and served under: the start of the SHA-256 of its bytes in
/// hex, its size in pixels and the extension of its type.
pub fn media_name(hash_hex: &str, width: u32, height: u32, extension: &str) -> String {
    format!("{hash_hex}-{width}x{height}.{extension}")
}

/// The size in pixels a name of [`media_name`]'s form says, `None` for any other string
/// (so `/media/` serves nothing but such names).
pub fn media_size(name: &str) -> Option<(u32, u32)> {
    let (stem, extension) = name.rsplit_once('.')?;
    if !matches!(extension, "jpg" | "png") {
        return None;
    }
    let (hash, size) = stem.split_once('-')?;
    if hash.len() != 32 || !hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return None;
    }
    let (width, height) = size.split_once('x')?;
    let number = |s: &str| {
        (!s.is_empty() && s.len() <= 5 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
            .filter(|n| *n > 0)
    };
    Some((number(width)?, number(height)?))
}

/// The size an image takes in the mail column: its own, or scaled down to the column's width.
pub fn display_size(width: u32, height: u32) -> (u32, u32) {
    if width <= MAIL_CONTENT_WIDTH {
        return (width, height);
    }
    let scaled = u64::from(height) * u64::from(MAIL_CONTENT_WIDTH) / u64::from(width);
    (MAIL_CONTENT_WIDTH, u32::try_from(scaled.max(1)).unwrap_or(1))
}

/// The stored image a Markdown image URL names, if it is one of ours (`/media/…`, relative
/// or under `base`).
fn our_media<'u>(url: &'u str, base: &str) -> Option<&'u str> {
    let path = match url.strip_prefix(base) {
        Some(rest) if !base.is_empty() => rest,
        _ => url,
    };
    path.strip_prefix(MEDIA_PATH).filter(|name| media_size(name).is_some())
}

/// Markdown events with each of our images replaced by its `<img>` element: absolute URL
/// under `base`, the displayed size, the alt text. Other images are left as they are.
pub(crate) fn with_media<'a>(
    parser: impl Iterator<Item = Event<'a>>,
    base: &'a str,
) -> impl Iterator<Item = Event<'a>> {
    let mut open: Option<(String, String, String)> = None;
    let mut depth = 0usize;
    parser.filter_map(move |event| {
        if let Some((_, _, alt)) = open.as_mut() {
            match event {
                Event::Start(Tag::Image { .. }) => depth += 1,
                Event::End(TagEnd::Image) if depth > 0 => depth -= 1,
                Event::End(TagEnd::Image) => {
                    let (name, title, alt) = open.take()?;
                    return Some(Event::InlineHtml(img_html(base, &name, &title, &alt).into()));
                }
                Event::Text(text) | Event::Code(text) => alt.push_str(&text),
                Event::SoftBreak | Event::HardBreak => alt.push(' '),
                _ => {}
            }
            return None;
        }
        match &event {
            Event::Start(Tag::Image { dest_url, title, .. }) => match our_media(dest_url, base) {
                Some(name) => {
                    open = Some((name.to_owned(), title.to_string(), String::new()));
                    depth = 0;
                    None
                }
                None => Some(event),
            },
            _ => Some(event),
        }
    })
}

fn img_html(base: &str, name: &str, title: &str, alt: &str) -> String {
    let (width, height) = media_size(name).map_or((1, 1), |(w, h)| display_size(w, h));
    let mut html = format!("<img src=\"{base}{MEDIA_PATH}{name}\" alt=\"");
    escape::html_into(&mut html, alt.trim());
    html.push('"');
    if !title.is_empty() {
        html.push_str(" title=\"");
        escape::html_into(&mut html, title);
        html.push('"');
    }
    html.push_str(&format!(" width=\"{width}\" height=\"{height}\">"));
    html
}

/// The URLs of the images in `markdown` whose alt text is empty or blank: readers of screen
/// readers, and everyone whose mail client blocks images, would learn nothing of them.
pub fn images_without_alt(markdown: &str) -> Vec<String> {
    let mut missing = Vec::new();
    let mut open: Option<(String, String)> = None;
    for event in Parser::new_ext(markdown, crate::markdown::options()) {
        match (event, open.as_mut()) {
            (Event::Start(Tag::Image { dest_url, .. }), None) => {
                open = Some((dest_url.to_string(), String::new()));
            }
            (Event::Text(text) | Event::Code(text), Some((_, alt))) => alt.push_str(&text),
            (Event::End(TagEnd::Image), Some(_)) => {
                if let Some((url, alt)) = open.take()
                    && alt.trim().is_empty()
                {
                    missing.push(url);
                }
            }
            _ => {}
        }
    }
    missing
}

#[cfg(test)]
mod tests {
    use super::*;

    const HASH: &str = "0123456789abcdef0123456789abcdef";

    #[test]
    fn names_say_their_size_and_nothing_else_is_a_name() {
        let name = media_name(HASH, 1104, 736, "jpg");
        assert_eq!(media_size(&name), Some((1104, 736)));
        for bad in [
            "x.jpg",
            "0123456789abcdef0123456789abcdeF-1x1.jpg",
            &format!("{HASH}-1x1.svg"),
            &format!("{HASH}-0x1.png"),
            &format!("{HASH}-1x.png"),
            &format!("{HASH}-1x1.png/../x"),
            &format!("../{HASH}-1x1.png"),
        ] {
            assert_eq!(media_size(bad), None, "{bad}");
        }
    }

    #[test]
    fn wide_images_are_scaled_into_the_column() {
        assert_eq!(display_size(400, 300), (400, 300));
        assert_eq!(display_size(1104, 736), (552, 368));
        assert_eq!(display_size(5000, 1), (552, 1));
    }

    fn html(markdown: &str, base: &str) -> String {
        let mut out = String::new();
        let parser = Parser::new_ext(markdown, crate::markdown::options());
        pulldown_cmark::html::push_html(&mut out, with_media(parser, base));
        out
    }

    #[test]
    fn our_images_become_absolute_with_size_and_alt() {
        let name = media_name(HASH, 1104, 736, "jpg");
        let out = html(&format!("![Ein *Foto* \"x\"](/media/{name} \"T\")"), "https://n.example");
        assert_eq!(
            out,
            format!(
                "<p><img src=\"https://n.example/media/{name}\" alt=\"Ein Foto &quot;x&quot;\" title=\"T\" width=\"552\" height=\"368\"></p>\n"
            )
        );
        // Already absolute under the base: the same.
        let again = html(&format!("![a](https://n.example/media/{name})"), "https://n.example");
        assert!(again.contains("width=\"552\""), "{again}");
        // Someone else's image, or not a name of ours: left to the sanitiser.
        let other = html("![a](https://e.example/media/x.jpg) ![b](/media/x.svg)", "https://n");
        assert!(other.contains("src=\"https://e.example/media/x.jpg\""), "{other}");
        assert!(other.contains("src=\"/media/x.svg\""), "{other}");
    }

    #[test]
    fn images_without_alt_are_found() {
        let md = "![](/media/a.jpg) ![  ](/b.png) ![Logo](/c.png) ![`x`](/d.png)";
        assert_eq!(images_without_alt(md), ["/media/a.jpg", "/b.png"]);
        assert!(images_without_alt("no images [link](/x)").is_empty());
    }

    #[test]
    fn the_mail_and_the_web_version_keep_the_absolute_image_with_its_size() {
        let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../templates"));
        let templates = crate::Templates::load(dir).unwrap().with_media_base("https://n.example/");
        let name = media_name(HASH, 1104, 736, "png");
        let markdown = format!("![Der Hafen von {{{{ name }}}}](/media/{name})");
        let source = crate::VariantSource {
            language: rundbrief_core::Language::De,
            subject: "s",
            preheader: "",
            markdown: &markdown,
        };
        let locales = rundbrief_i18n::Locales::embedded();
        let language = rundbrief_core::Language::De;
        let prepared = crate::prepare(&templates, locales, &source, language).unwrap();
        let who = crate::Personalisation {
            name: Some("Kiel <x>"),
            email: "a@b.example",
            unsubscribe_url: "https://n.example/u",
            preferences_url: "https://n.example/p",
        };
        let mail = prepared.render_html(&who);
        let src = format!("src=\"https://n.example/media/{name}\"");
        assert!(mail.contains(&src), "{mail}");
        assert!(mail.contains("alt=\"Der Hafen von Kiel &lt;x&gt;\""), "{mail}");
        assert!(mail.contains("width=\"552\" height=\"368\""), "{mail}");
        let web = crate::web_version(&templates, locales, &source, language, "https://n/s");
        let web = web.unwrap().content_html;
        assert!(web.contains(&src) && web.contains("width=\"552\""), "{web}");
    }
}
