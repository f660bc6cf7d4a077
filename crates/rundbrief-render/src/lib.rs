//! Turning an issue variant into the bodies of a campaign mail.
//!
//! This crate owns everything between the Markdown an editor writes and the two bodies
//! (`text/html` and `text/plain`) of one subscriber's mail:
//!
//! - Markdown to HTML and the allow-list sanitiser (`markdown`, `sanitize`): nothing an
//!   editor (or a pasted snippet) writes can put script, event handlers, forms, frames or
//!   `javascript:`/`data:`/`vbscript:` URLs into a mail;
//! - Markdown to readable plain text with numbered link references (`text`);
//! - the maud mail layout: header, hidden preheader, content, footer with imprint and
//!   unsubscribe links, all with inline styles (`layout`), whose colours, fonts and
//!   organisation block an operator may change in `templates/` ([`Templates`]);
//! - personalisation with `{{ name }}`-style placeholders ([`Placeholder`]): a variant is
//!   compiled once into a [`PreparedVariant`] of static chunks and slots, so that the work per
//!   subscriber is concatenation and escaping only;
//! - which variant a subscriber gets ([`choose_variant`]).
//!
//! It does no I/O except reading `templates/` ([`Templates::load`]), and knows nothing of MIME
//! headers (that is `rundbrief-mail`) or of where issues are stored.
//!
//! ```no_run
//! use rundbrief_core::Language;
//! use rundbrief_i18n::Locales;
//! use rundbrief_render::{prepare, Personalisation, Templates, VariantSource};
//!
//! # fn main() -> Result<(), rundbrief_render::RenderError> {
//! let templates = Templates::load(std::path::Path::new("templates"))?;
//! let source = VariantSource {
//!     language: Language::De,
//!     subject: "Neuigkeiten für {{ name }}",
//!     preheader: "Was sich im Mai ändert",
//!     markdown: "# Hallo {{ name }}\n\n[Abmelden]({{ unsubscribe_url }})",
//! };
//! let prepared = prepare(&templates, Locales::embedded(), &source, Language::De)?;
//! let mut html = String::new();
//! let mut text = String::new();
//! let who = Personalisation {
//!     name: Some("Anna"),
//!     email: "anna@example.org",
//!     unsubscribe_url: "https://example.org/unsubscribe/t0k3n",
//!     preferences_url: "https://example.org/preferences/t0k3n",
//! };
//! prepared.render_html_into(&who, &mut html);
//! prepared.render_text_into(&who, &mut text);
//! # Ok(())
//! # }
//! ```

// Tests may unwrap; the library itself may not (workspace lint, also checked without cfg(test)).
#![cfg_attr(test, allow(clippy::unwrap_used))]

mod assets;
mod blocks;
mod choose;
mod error;
mod escape;
mod layout;
mod markdown;
mod media;
mod organisation;
mod placeholder;
mod prepared;
mod sanitize;
mod template;
mod templates;
mod text;
pub mod translation;
mod web;

pub use assets::{Image, MAX_IMAGE_BYTES};
pub use blocks::{Block, BlockChange, BlockKind, diff_blocks, markdown_blocks, variant_blocks};
pub use choose::choose_variant;
pub use error::{RenderError, SourceField};
pub use media::{
    MAIL_CONTENT_WIDTH, MAX_STORED_WIDTH, MEDIA_PATH, display_size, images_without_alt, media_name,
    media_size,
};
pub use organisation::{LEGAL_KEYS, Localized, Organisation};
pub use placeholder::{Placeholder, check_placeholders};
pub use prepared::{
    Personalisation, PreparedVariant, VariantSource, prepare, prepare_with_web_link,
};
pub use templates::{MailStyle, Templates};
pub use web::{WebVersion, web_version};
