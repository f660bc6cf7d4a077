//! The mail around the content: header with the organisation name, hidden preheader, the
//! content column, and the footer (fallback note, why you get this, unsubscribe and
//! preferences links, imprint), as HTML in maud and as plain text.
//!
//! Mail clients are not browsers: Gmail and Outlook drop `<style>` blocks and external
//! resources, Outlook for Windows renders with Word. Hence inline styles only, one column
//! built from tables (max 600 px, fluid below, so it reads at 375 px), an Outlook-only fixed
//! width in conditional comments, system fonts, and no images of our own.

use maud::{DOCTYPE, Markup, PreEscaped, html};
use rundbrief_core::Language;
use rundbrief_i18n::{Arg, Locales};

use crate::templates::{MailStyle, Templates};
use crate::text;

/// Text direction. All 24 EU languages are written left to right; the function exists so that
/// the layout states it per language instead of assuming it silently.
pub(crate) fn direction(_language: Language) -> &'static str {
    "ltr"
}

/// The frame's localised texts, all in the reader's language: a Hungarian reader of the
/// German variant gets a Hungarian frame around German content, so that they can always
/// understand why they got the mail and how to leave. The fallback note says why the content
/// is in another language; it stands above the content.
pub(crate) struct Footer {
    /// The reader's language: the frame's.
    pub(crate) language: Language,
    /// Shown in the header; the organisation's name or "the newsletter" in the reader's language.
    pub(crate) sender: String,
    pub(crate) fallback_note: Option<String>,
    pub(crate) why: String,
    pub(crate) unsubscribe: String,
    pub(crate) preferences: String,
    pub(crate) imprint: String,
    pub(crate) privacy: String,
    /// The organisation's pages for the reader's language, when configured.
    pub(crate) imprint_url: Option<String>,
    pub(crate) privacy_url: Option<String>,
    /// "View this issue in your browser" in the reader's language and the web version's URL
    /// (issue 23); set by `prepare_with_web_link` when the issue is in the public archive.
    pub(crate) web_link: Option<(String, String)>,
}

impl Footer {
    pub(crate) fn new(
        locales: &Locales,
        templates: &Templates,
        variant: Language,
        reader: Language,
    ) -> Footer {
        let org = &templates.organisation;
        let chain = templates.fallback_languages.as_slice();
        let fallback_note = (variant != reader).then(|| {
            locales.text(
                reader,
                "mail-fallback-note",
                &[
                    ("requested", Arg::Str(reader.native_name())),
                    ("used", Arg::Str(variant.native_name())),
                ],
            )
        });
        let (sender, why) = match org.name() {
            Some(name) => (
                name.to_owned(),
                locales.text(reader, "mail-footer-why", &[("organisation", Arg::Str(name))]),
            ),
            None => (
                locales.text(reader, "mail-sender-unnamed", &[]),
                locales.text(reader, "mail-footer-why-unnamed", &[]),
            ),
        };
        Footer {
            language: reader,
            sender,
            fallback_note,
            why,
            unsubscribe: locales.text(reader, "mail-footer-unsubscribe", &[]),
            preferences: locales.text(reader, "mail-footer-preferences", &[]),
            imprint: locales.text(reader, "mail-footer-imprint", &[]),
            privacy: locales.text(reader, "mail-footer-privacy", &[]),
            imprint_url: org.imprint_url.get(reader, chain).map(str::to_owned),
            privacy_url: org.privacy_url.get(reader, chain).map(str::to_owned),
            web_link: None,
        }
    }

    pub(crate) fn texts(&self) -> impl Iterator<Item = &str> {
        self.fallback_note
            .iter()
            .map(String::as_str)
            .chain([
                self.sender.as_str(),
                self.why.as_str(),
                self.unsubscribe.as_str(),
                self.preferences.as_str(),
                self.imprint.as_str(),
                self.privacy.as_str(),
            ])
            .chain(self.imprint_url.as_deref())
            .chain(self.privacy_url.as_deref())
            .chain(self.web_link.iter().flat_map(|(text, url)| [text.as_str(), url.as_str()]))
    }
}

/// One mail's page; strings may contain placeholder sentinels, which pass through untouched.
pub(crate) struct Page<'a> {
    /// The variant's language: the content's.
    pub(crate) language: Language,
    pub(crate) subject: &'a str,
    pub(crate) preheader: &'a str,
    /// Sanitised content HTML.
    pub(crate) content: &'a str,
    pub(crate) footer: &'a Footer,
    pub(crate) templates: &'a Templates,
    pub(crate) unsubscribe_url: &'a str,
    pub(crate) preferences_url: &'a str,
}

/// Styles the sanitiser puts on content elements, since a `<style>` block would be dropped.
pub(crate) fn content_styles(s: &MailStyle) -> Vec<(&'static str, String)> {
    let heading = |size: &str| {
        format!(
            "margin:24px 0 12px 0;font-size:{size};line-height:1.25;font-weight:bold;color:{};",
            s.text_color
        )
    };
    let mono = "Menlo, Consolas, 'Courier New', monospace";
    vec![
        ("p", "margin:0 0 16px 0;".to_owned()),
        ("h1", heading("26px")),
        ("h2", heading("21px")),
        ("h3", heading("18px")),
        ("h4", heading("16px")),
        ("h5", heading("16px")),
        ("h6", heading("16px")),
        ("a", format!("color:{};text-decoration:underline;", s.link_color)),
        ("ul", "margin:0 0 16px 0;padding:0 0 0 24px;".to_owned()),
        ("ol", "margin:0 0 16px 0;padding:0 0 0 24px;".to_owned()),
        ("li", "margin:0 0 6px 0;".to_owned()),
        (
            "blockquote",
            format!(
                "margin:0 0 16px 0;padding:4px 0 4px 14px;border-left:4px solid {};color:{};",
                s.border_color, s.muted_color
            ),
        ),
        (
            "pre",
            format!(
                "margin:0 0 16px 0;padding:12px;background-color:{};white-space:pre-wrap;word-wrap:break-word;font-family:{mono};font-size:14px;line-height:1.4;",
                s.code_background
            ),
        ),
        (
            "code",
            format!("font-family:{mono};font-size:14px;background-color:{};", s.code_background),
        ),
        (
            "table",
            "width:100%;border-collapse:collapse;margin:0 0 16px 0;font-size:15px;".to_owned(),
        ),
        (
            "th",
            format!(
                "padding:6px 8px;border:1px solid {};background-color:{};font-weight:bold;vertical-align:top;",
                s.border_color, s.code_background
            ),
        ),
        ("td", format!("padding:6px 8px;border:1px solid {};vertical-align:top;", s.border_color)),
        // Editors' images may be any size; on a phone they must shrink with the column.
        ("img", "max-width:100%;height:auto;border:0;".to_owned()),
        ("hr", format!("border:0;border-top:1px solid {};margin:24px 0;", s.border_color)),
    ]
}

/// Keeps the next text of the mail body out of the inbox preview after a short preheader.
const PREHEADER_FILLER: &str = "&#8199;&#847;&zwnj;&nbsp;";
/// 40 fillers in all, in lines well under SMTP's 998 octets.
const PREHEADER_FILLER_LINES: usize = 2;
const PREHEADER_FILLER_PER_LINE: usize = 20;

/// A line break where HTML ignores it (between elements that are blocks, table parts or
/// comments) or reads it as a space. It keeps the lines of the HTML short, so that the mail can
/// go without transfer encoding (8BITMIME allows lines of up to 998 octets).
const NEWLINE: PreEscaped<&str> = PreEscaped("\n");

const MSO_OPEN: &str = "<!--[if mso]><table role=\"presentation\" width=\"600\" align=\"center\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"><tr><td><![endif]-->";
const MSO_CLOSE: &str = "<!--[if mso]></td></tr></table><![endif]-->";

pub(crate) fn html(page: &Page<'_>) -> String {
    let s = &page.templates.style;
    let org = &page.templates.organisation;
    let (frame_lang, content_lang) = (page.footer.language, page.language);
    let marked = (content_lang != frame_lang).then_some(content_lang.code());
    let family = format!("font-family:{};", s.font_family);
    let body_style = format!(
        "margin:0;padding:0;width:100%;background-color:{};-webkit-text-size-adjust:100%;-ms-text-size-adjust:100%;",
        s.page_background
    );
    let header_style = format!(
        "padding:20px 24px;background-color:{};color:{};{family}font-size:20px;font-weight:bold;line-height:1.3;",
        s.header_background, s.header_text_color
    );
    let content_style = format!(
        "padding:24px 24px 8px 24px;background-color:{};color:{};{family}font-size:{};line-height:{};overflow-wrap:break-word;word-wrap:break-word;",
        s.content_background, s.text_color, s.font_size, s.line_height
    );
    let footer_style = format!(
        "padding:16px 24px 24px 24px;background-color:{};color:{};border-top:1px solid {};{family}font-size:13px;line-height:1.5;",
        s.content_background, s.muted_color, s.border_color
    );
    let footer_p = "margin:0 0 12px 0;";
    let note_style = format!(
        "padding:12px 24px;background-color:{};color:{};border-bottom:1px solid {};{family}font-size:14px;line-height:1.5;font-style:italic;",
        s.content_background, s.muted_color, s.border_color
    );
    let footer_link = format!("color:{};text-decoration:underline;", s.link_color);
    let header_link = format!("color:{};text-decoration:none;", s.header_text_color);

    let markup: Markup = html! {
        (DOCTYPE)
        html lang=(frame_lang.code()) dir=(direction(frame_lang)) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="x-apple-disable-message-reformatting";
                meta name="color-scheme" content="light";
                meta name="supported-color-schemes" content="light";
                // Subject and preheader are the variant's text, like the content.
                title lang=[marked] { (page.subject) }
            }
            (NEWLINE)
            body style=(body_style) {
                @if !page.preheader.trim().is_empty() {
                    div lang=[marked] style="display:none;font-size:1px;line-height:1px;max-height:0;max-width:0;opacity:0;overflow:hidden;mso-hide:all;" {
                        (page.preheader)
                        @for _ in 0..PREHEADER_FILLER_LINES {
                            (NEWLINE)
                            (PreEscaped(PREHEADER_FILLER.repeat(PREHEADER_FILLER_PER_LINE)))
                        }
                    }
                    (NEWLINE)
                }
                table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"
                    style={ "width:100%;background-color:" (s.page_background) ";" } {
                    tr {
                        td align="center" style="padding:16px 8px;" {
                            (NEWLINE)
                            (PreEscaped(MSO_OPEN))
                            (NEWLINE)
                            table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"
                                style="width:100%;max-width:600px;margin:0 auto;border-collapse:collapse;" {
                                (NEWLINE)
                                tr {
                                    td style=(header_style) {
                                        @if org.website.is_empty() {
                                            (page.footer.sender)
                                        } @else {
                                            a href=(org.website) style=(header_link) { (page.footer.sender) }
                                        }
                                    }
                                }
                                (NEWLINE)
                                @if let Some(note) = &page.footer.fallback_note {
                                    tr {
                                        td style=(note_style) {
                                            p style="margin:0;" { (note) }
                                        }
                                    }
                                    (NEWLINE)
                                }
                                tr {
                                    td lang=(content_lang.code()) dir=(direction(content_lang)) style=(content_style) {
                                        (NEWLINE)
                                        (PreEscaped(page.content))
                                        (NEWLINE)
                                    }
                                }
                                (NEWLINE)
                                tr {
                                    td style=(footer_style) {
                                        (NEWLINE)
                                        p style=(footer_p) { (page.footer.why) }
                                        (NEWLINE)
                                        @if let Some((text, url)) = &page.footer.web_link {
                                            p style=(footer_p) { a href=(url) style=(footer_link) { (text) } }
                                            (NEWLINE)
                                        }
                                        p style=(footer_p) {
                                            a href=(page.unsubscribe_url) style=(footer_link) { (page.footer.unsubscribe) }
                                            " · "
                                            a href=(page.preferences_url) style=(footer_link) { (page.footer.preferences) }
                                        }
                                        (NEWLINE)
                                        @if let Some(url) = &page.footer.privacy_url {
                                            p style=(footer_p) { a href=(url) style=(footer_link) { (page.footer.privacy) } }
                                            (NEWLINE)
                                        }
                                        p style="margin:0;" {
                                            @if let Some(url) = &page.footer.imprint_url {
                                                strong { a href=(url) style=(footer_link) { (page.footer.imprint) } }
                                            } @else {
                                                strong { (page.footer.imprint) }
                                            }
                                            br;
                                            (page.footer.sender)
                                            @for line in org.address.iter().chain(&org.imprint) {
                                                br;
                                                (NEWLINE)
                                                (line)
                                            }
                                        }
                                        (NEWLINE)
                                    }
                                }
                                (NEWLINE)
                            }
                            (NEWLINE)
                            (PreEscaped(MSO_CLOSE))
                            (NEWLINE)
                        }
                    }
                }
            }
        }
    };
    markup.into_string()
}

/// The fallback note of the text part, set above the content like in the HTML part.
pub(crate) fn text_note(footer: &Footer) -> String {
    let Some(note) = &footer.fallback_note else { return String::new() };
    let mut out = String::new();
    for line in text::wrap(note, text::WIDTH) {
        out.push_str(&line);
        out.push('\n');
    }
    out.push('\n');
    out
}

/// The footer of the text part, after the usual `-- ` signature separator so that clients
/// which recognise it can set it apart.
pub(crate) fn text_footer(page: &Page<'_>) -> String {
    let org = &page.templates.organisation;
    let mut out = String::from("-- \n");
    let paragraph = |out: &mut String, text: &str| {
        for line in text::wrap(text, text::WIDTH) {
            out.push_str(&line);
            out.push('\n');
        }
        out.push('\n');
    };
    paragraph(&mut out, &page.footer.why);
    if let Some((text, url)) = &page.footer.web_link {
        out.push_str(&format!("{text}: {url}\n\n"));
    }
    out.push_str(&format!(
        "{}: {}\n{}: {}\n\n",
        page.footer.unsubscribe,
        page.unsubscribe_url,
        page.footer.preferences,
        page.preferences_url
    ));
    if let Some(url) = &page.footer.privacy_url {
        out.push_str(&format!("{}: {url}\n\n", page.footer.privacy));
    }
    match &page.footer.imprint_url {
        Some(url) => out.push_str(&format!("{}: {url}\n", page.footer.imprint)),
        None => {
            out.push_str(&page.footer.imprint);
            out.push('\n');
        }
    }
    for line in std::iter::once(&page.footer.sender).chain(&org.address).chain(&org.imprint) {
        out.push_str(line);
        out.push('\n');
    }
    out
}
